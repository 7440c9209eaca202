package io.movmo.booking.payments.web;

import io.movmo.booking.payments.api.CardDetails;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.YearMonth;

/**
 * The seed's {@code PaymentMethod} as written, with its rules (camelCase, as the seed spells the Payments tag).
 * {@code token} is required and write-only: checked for shape, never stored or returned. Read-only fields sent back
 * ({@code id}, {@code userId}, timestamps) are ignored.
 */
record PaymentMethodRequest(
        @NotNull @Pattern(regexp = "cus_[A-Za-z0-9]{1,250}", message = "must be a Stripe customer id (cus_…)") String customerId,
        @NotNull @Pattern(regexp = "pm_[A-Za-z0-9_]{1,250}", message = "must be a Stripe payment method id (pm_…)") String paymentMethodId,
        @NotNull @Pattern(regexp = "credit_card|paypal|googlepay|klarna", message = "must be credit_card, paypal, googlepay or klarna") String methodType,
        @NotNull @Size(min = 1, max = 5000) String token,
        @NotNull @Pattern(regexp = "[0-9]{4}", message = "must be exactly four digits") String last4,
        @NotNull @Pattern(regexp = "amex|visa|mastercard|discover", message = "must be amex, visa, mastercard or discover") String brand,
        @NotNull @Min(value = 1, message = "must be 1 to 12") @Max(value = 12, message = "must be 1 to 12") Integer expMonth,
        @NotNull @Min(value = 2024, message = "must be 2024 to 2050") @Max(value = 2050, message = "must be 2024 to 2050") Integer expYear,
        Boolean isDefault) {

    @AssertTrue(message = "the card has expired (expMonth/expYear is before the current month)")
    boolean isExpYear() {
        return PaymentMethodEditRequest.notExpired(expMonth, expYear);
    }

    CardDetails card() {
        return new CardDetails(customerId, paymentMethodId, methodType, brand, last4, expMonth, expYear);
    }

    boolean makesDefault() {
        return Boolean.TRUE.equals(isDefault);
    }

    @Override
    public String toString() {
        return "PaymentMethodRequest[" + methodType + " " + brand + "]"; // never the token
    }

    static boolean expiredBefore(YearMonth month, int expMonth, int expYear) {
        return YearMonth.of(expYear, expMonth).isBefore(month);
    }
}
