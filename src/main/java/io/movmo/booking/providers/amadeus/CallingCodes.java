package io.movmo.booking.providers.amadeus;

import java.util.Set;

/**
 * Splits an E.164 number into its ITU country calling code and the national number, as Amadeus wants phones
 * ({@code countryCallingCode}, {@code number}). Calling codes form a prefix code: 1 and 7 are one digit, the
 * two-digit codes below are assigned, and every other code has three digits (ITU-T E.164 assignments).
 */
final class CallingCodes {

    private static final Set<String> TWO_DIGITS = Set.of(
            "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45", "46", "47", "48", "49",
            "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63", "64", "65", "66", "81", "82", "84",
            "86", "90", "91", "92", "93", "94", "95", "98");

    private CallingCodes() {}

    /** {@code +14155550123} → {@code ["1", "4155550123"]}; null when it is not an E.164 number. */
    static String[] split(String e164) {
        if (e164 == null || !e164.matches("\\+[1-9]\\d{1,14}")) {
            return null;
        }
        String digits = e164.substring(1);
        int length = digits.startsWith("1") || digits.startsWith("7") ? 1 : TWO_DIGITS.contains(digits.substring(0, 2)) ? 2 : 3;
        if (digits.length() <= length) {
            return null;
        }
        return new String[] {digits.substring(0, length), digits.substring(length)};
    }
}
