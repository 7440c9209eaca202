package io.movmo.booking.passengers.web;

import io.movmo.booking.passengers.api.PassengerDetails;
import io.movmo.booking.web.validation.CountryCode;
import io.movmo.booking.web.validation.EmailAddress;
import io.movmo.booking.web.validation.PersonName;
import io.movmo.booking.web.validation.PhoneNumber;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PastOrPresent;
import java.time.LocalDate;

/**
 * The seed's {@code Passenger} as written (create and full replace), with its rules. Read-only fields ({@code id},
 * {@code user_id}, {@code known_traveler_number}, timestamps) may be sent back as read and are ignored.
 * {@code traveler_type} is always derived from {@code date_of_birth} (at today, or at a list's {@code departure_date}):
 * a body may carry any valid value, as a GET answered it, and it is ignored.
 */
record PassengerRequest(
        @NotNull @PersonName String first_name,
        @Pattern(regexp = "[\\p{L}][\\p{L} '\\-.]{0,99}", message = "must be 1 to 100 letters, spaces, hyphens, apostrophes or periods (an initial is fine)")
        String middle_name,
        @NotNull @PersonName String last_name,
        @NotNull @Pattern(regexp = "male|female", message = "must be male or female") String gender,
        @NotNull @PastOrPresent(message = "must be today or a date in the past") LocalDate date_of_birth,
        @EmailAddress String email,
        @PhoneNumber String phone_number,
        @CountryCode String nationality,
        @Pattern(regexp = "adult|child|infant", message = "must be adult, child or infant") String traveler_type,
        Boolean is_default) {

    private static final LocalDate EARLIEST_BIRTH = LocalDate.of(1900, 1, 1);

    @AssertTrue(message = "must be on or after 1900-01-01")
    boolean isDate_of_birth() {
        return date_of_birth == null || !date_of_birth.isBefore(EARLIEST_BIRTH);
    }

    PassengerDetails details() {
        return new PassengerDetails(first_name, middle_name, last_name, gender, date_of_birth, email, phone_number,
                nationality);
    }

    boolean makesDefault() {
        return Boolean.TRUE.equals(is_default);
    }
}
