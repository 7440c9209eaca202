package io.movmo.booking.passengers.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The seed's {@code Passenger} as read: the passenger routes answer it, and the booking routes extend it into a
 * {@code BookingPassenger}.
 */
public record PassengerView(String id, @JsonProperty("user_id") String userId,
        @JsonProperty("first_name") String firstName, @JsonProperty("middle_name") String middleName,
        @JsonProperty("last_name") String lastName, String gender, @JsonProperty("date_of_birth") LocalDate dateOfBirth,
        String email, @JsonProperty("phone_number") String phoneNumber, String nationality,
        @JsonProperty("traveler_type") String travelerType, @JsonProperty("is_default") boolean isDefault,
        @JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("known_traveler_number") String knownTravelerNumber,
        @JsonProperty("created_at") Instant createdAt, @JsonProperty("updated_at") Instant updatedAt) {}
