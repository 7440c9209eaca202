package io.movmo.booking.profile.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.LocalDate;

/** The seed's {@code User}. {@code phone_number} is empty until the user has one (it is required by the schema). */
record UserView(
        String id,
        @JsonProperty("first_name") String firstName,
        @JsonProperty("middle_name") String middleName,
        @JsonProperty("last_name") String lastName,
        String suffix,
        String email,
        @JsonProperty("phone_number") String phoneNumber,
        @JsonProperty("date_of_birth") LocalDate dateOfBirth,
        String gender,
        @JsonProperty("known_traveler_number") String knownTravelerNumber,
        @JsonProperty("profile_photo_url") String profilePhotoUrl,
        @JsonProperty("last_login") Instant lastLogin,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("updated_at") Instant updatedAt) {}
