package io.movmo.booking.payments.gateway;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.movmo.booking.shared.Money;
import java.time.Instant;

/**
 * A payment intent as the gateway holds it now ({@link PaymentGateway#retrieve}), the ground truth for reconciling an
 * {@link PaymentOutcome.Unknown}. {@code status} is the gateway's own word, for Stripe one of
 * {@code requires_payment_method}, {@code requires_confirmation}, {@code requires_action}, {@code processing},
 * {@code requires_capture}, {@code canceled} or {@code succeeded}. {@code amount} is what was asked for,
 * {@code amountCapturable} what an authorization still holds, {@code amountReceived} what was captured.
 * {@code captureBefore} is when an authorization lapses (see {@link PaymentOutcome.Authorized}); null when nothing is
 * authorized.
 */
public record PaymentIntentState(
        String id,
        String status,
        Money amount,
        Money amountCapturable,
        Money amountReceived,
        Instant captureBefore) {

    /** Stripe's status of an authorization waiting to be captured. */
    public static final String REQUIRES_CAPTURE = "requires_capture";

    @JsonIgnore
    public boolean isAuthorized() {
        return REQUIRES_CAPTURE.equals(status);
    }
}
