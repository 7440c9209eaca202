package io.movmo.booking.payments.api;

import io.movmo.booking.shared.UserId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Commands to a saved payment method. Its id is derived from the Stripe payment method id, so saving the same Stripe
 * payment method twice lands on the same aggregate (409) instead of making a second record. Handlers answer the
 * aggregate's version, which callers wait for in the read model.
 */
public final class PaymentMethodCommands {

    private PaymentMethodCommands() {}

    /** The engine's id for a Stripe payment method: a name-based UUID, stable across requests and nodes. */
    public static String methodIdFor(String stripePaymentMethodId) {
        return UUID.nameUUIDFromBytes(("stripe-payment-method:" + stripePaymentMethodId).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    public record AddPaymentMethod(@TargetAggregateIdentifier String methodId, UserId userId, CardDetails card,
            boolean isDefault, Instant at) {}

    public record UpdatePaymentMethod(@TargetAggregateIdentifier String methodId, UserId userId, int expMonth,
            int expYear, boolean isDefault, Instant at) {}

    public record RemovePaymentMethod(@TargetAggregateIdentifier String methodId, UserId userId, Instant at) {}

    /** No such payment method for this user (never saved, someone else's, or deleted): a 404. */
    public static final class PaymentMethodNotFound extends RuntimeException {
        public PaymentMethodNotFound() {
            super("payment method not found");
        }
    }

    /** This Stripe payment method is saved already: a 409. */
    public static final class DuplicatePaymentMethod extends RuntimeException {
        public DuplicatePaymentMethod() {
            super("this paymentMethodId is already saved");
        }
    }
}
