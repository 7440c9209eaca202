package io.movmo.booking.profile.web;

import io.movmo.booking.web.validation.PersonName;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/**
 * The seed's {@code UpdateUserRequest}, with its rules. Components are named as partners send them, so validation
 * errors name the same fields. {@code email} and {@code phone_number} are not here: a body carrying them is accepted
 * and they are ignored (only the contact-change flow changes them).
 */
record UpdateUserRequest(
        @PersonName String first_name,
        @PersonName String middle_name,
        @PersonName String last_name,
        @Pattern(regexp = "[A-Za-z]{1,10}", message = "must be 1 to 10 letters") String suffix,
        @Past(message = "must be a date in the past") LocalDate date_of_birth,
        @Pattern(regexp = "male|female", message = "must be male or female") String gender,
        @Pattern(regexp = "[A-Za-z0-9]{5,25}", message = "must be 5 to 25 letters or digits") String known_traveler_number,
        @Size(max = 2048) @Pattern(regexp = "https?://[^\\s]+", message = "must be an http(s) URL") String profile_photo_url) {
}
