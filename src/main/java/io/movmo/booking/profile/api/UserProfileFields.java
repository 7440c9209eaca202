package io.movmo.booking.profile.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;

/**
 * The profile fields a user edits with {@code PUT /v1/users/{userid}} (the seed's {@code UpdateUserRequest}, without
 * email and phone, which only the contact-change flow changes). Personal data: events carry it sealed, as JSON.
 */
public record UserProfileFields(
        @JsonProperty("first_name") String firstName,
        @JsonProperty("middle_name") String middleName,
        @JsonProperty("last_name") String lastName,
        String suffix,
        @JsonProperty("date_of_birth") LocalDate dateOfBirth,
        String gender,
        @JsonProperty("known_traveler_number") String knownTravelerNumber,
        @JsonProperty("profile_photo_url") String profilePhotoUrl) {

    public static final UserProfileFields EMPTY = new UserProfileFields(null, null, null, null, null, null, null, null);
}
