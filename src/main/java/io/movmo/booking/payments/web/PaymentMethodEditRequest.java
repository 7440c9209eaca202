package io.movmo.booking.payments.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.YearMonth;
import java.time.ZoneOffset;

/**
 * The seed's {@code PaymentMethodEdit}: only the expiry and the default flag. Each may be left out to keep it; the
 * expiry that results must not be in the past (checked against the stored card, so a month alone is checked too).
 */
record PaymentMethodEditRequest(
        @Min(value = 1, message = "must be 1 to 12") @Max(value = 12, message = "must be 1 to 12") Integer expMonth,
        @Min(value = 2024, message = "must be 2024 to 2050") @Max(value = 2050, message = "must be 2024 to 2050") Integer expYear,
        Boolean isDefault) {

    /** True when either part is missing or out of range (reported on its own), or the month is this month or later. */
    static boolean notExpired(Integer expMonth, Integer expYear) {
        if (expMonth == null || expYear == null || expMonth < 1 || expMonth > 12) {
            return true;
        }
        return !PaymentMethodRequest.expiredBefore(YearMonth.now(ZoneOffset.UTC), expMonth, expYear);
    }
}
