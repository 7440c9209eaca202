package io.movmo.booking.passengers.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;

/**
 * What a user records about a saved passenger (the seed's writable {@code Passenger} fields but {@code is_default}).
 * All of it is personal data: events and read models carry it sealed, as JSON, under the passenger's data key.
 */
public record PassengerDetails(
        @JsonProperty("first_name") String firstName,
        @JsonProperty("middle_name") String middleName,
        @JsonProperty("last_name") String lastName,
        String gender,
        @JsonProperty("date_of_birth") LocalDate dateOfBirth,
        String email,
        @JsonProperty("phone_number") String phoneNumber,
        String nationality) {}
