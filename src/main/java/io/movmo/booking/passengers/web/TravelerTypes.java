package io.movmo.booking.passengers.web;

import java.time.LocalDate;
import java.time.Period;

/**
 * The age bands that decide {@code traveler_type}, as airlines price them: age on the reference date (today, or the
 * flight's {@code departure_date}) under 2 is an infant, 2 to 11 a child, 12 or more an adult. A date of birth after
 * the reference date (a passenger not yet born on that day) counts as an infant.
 */
final class TravelerTypes {

    private TravelerTypes() {}

    static String at(LocalDate dateOfBirth, LocalDate on) {
        if (dateOfBirth.isAfter(on)) {
            return "infant";
        }
        int age = Period.between(dateOfBirth, on).getYears();
        return age < 2 ? "infant" : age < 12 ? "child" : "adult";
    }
}
