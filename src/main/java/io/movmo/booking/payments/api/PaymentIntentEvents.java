package io.movmo.booking.payments.api;

import io.movmo.booking.shared.Money;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * What Stripe tells the engine, by webhook, about a booking's payment intent. Each names the booking that owns the
 * intent (from the intent's {@code booking_id} metadata, set when the booking authorized it) and Stripe's event id,
 * so the booking saga can react and support can trace it. Each Stripe event becomes at most one of these.
 */
public final class PaymentIntentEvents {

    private PaymentIntentEvents() {}

    /** Stripe cancelled the intent (for example, the authorization expired uncaptured): the hold on the card is gone. */
    @Revision("1")
    public record PaymentIntentCanceledEvent(String bookingId, String paymentIntentId, String cancellationReason,
            String stripeEventId, Instant occurredAt) {}

    /** The amount that can be captured changed (an authorization succeeded, perhaps asynchronously). */
    @Revision("1")
    public record PaymentIntentCapturableEvent(String bookingId, String paymentIntentId, Money amountCapturable,
            Instant captureBefore, String stripeEventId, Instant occurredAt) {}

    /** A charge of the intent was refunded, in full or in part; {@code amountRefunded} is the charge's total refunded. */
    @Revision("1")
    public record PaymentIntentRefundedEvent(String bookingId, String paymentIntentId, Money amountRefunded,
            boolean fullyRefunded, String stripeEventId, Instant occurredAt) {}
}
