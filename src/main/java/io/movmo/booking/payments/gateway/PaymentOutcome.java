package io.movmo.booking.payments.gateway;

import io.movmo.booking.shared.Money;
import java.time.Instant;
import java.util.Objects;

/**
 * What a {@link PaymentGateway} write came to. Each operation answers with a few of these, listed on the operation;
 * whatever the operation, {@link Unknown} means the caller must find out (reconcile) and must never assume either
 * way. A request the gateway refused as made is not an outcome but a {@link PaymentRejectedException}.
 */
public sealed interface PaymentOutcome {

    /**
     * {@code amount} is held on the card until {@code captureBefore}, after which the gateway releases it and nothing
     * can be captured: schedule the capture deadline with a margin before it. {@code amount} is what the gateway says
     * it holds (Stripe's {@code amount_capturable}), which a partial authorization can make less than what was asked
     * for: compare before going on.
     */
    record Authorized(String paymentIntentId, Money amount, Instant captureBefore) implements PaymentOutcome {
        public Authorized {
            Objects.requireNonNull(paymentIntentId, "paymentIntentId");
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(captureBefore, "captureBefore");
        }
    }

    /** {@code amount} was taken from the authorization; any rest of it was released. */
    record Captured(String paymentIntentId, Money amount) implements PaymentOutcome {
        public Captured {
            Objects.requireNonNull(paymentIntentId, "paymentIntentId");
            Objects.requireNonNull(amount, "amount");
        }
    }

    /** The authorization was cancelled (or already was): the hold is released, nothing was or will be captured. */
    record Voided(String paymentIntentId) implements PaymentOutcome {
        public Voided {
            Objects.requireNonNull(paymentIntentId, "paymentIntentId");
        }
    }

    /** Refund {@code refundId} of {@code amount} was accepted (it may still be settling with the card network). */
    record Refunded(String paymentIntentId, String refundId, Money amount) implements PaymentOutcome {
        public Refunded {
            Objects.requireNonNull(paymentIntentId, "paymentIntentId");
            Objects.requireNonNull(refundId, "refundId");
            Objects.requireNonNull(amount, "amount");
        }
    }

    /**
     * The card (or its issuer) said no: nothing is held or moved. {@code code} is the gateway's reason (Stripe's
     * {@code card_declined}, {@code expired_card}, {@code incorrect_cvc}, {@code authentication_required} when an
     * off-session payment needs the customer to authenticate, ...), {@code declineCode} the issuer's when given
     * ({@code insufficient_funds}, {@code do_not_honor}, ...). {@code paymentIntentId} is null when no payment intent
     * was created. A refund the network failed or Stripe cancelled is {@code refund_failed} or {@code refund_canceled},
     * with Stripe's {@code failure_reason} as {@code declineCode}.
     */
    record Declined(String paymentIntentId, String code, String declineCode) implements PaymentOutcome {
        public Declined {
            Objects.requireNonNull(code, "code");
        }
    }

    /**
     * The customer must act (authenticate with their bank, 3-D Secure) before anything is held; the payment intent
     * waits in the gateway. Of authorizations, only on-session ones answer this; off-session ones are
     * {@link Declined} with {@code authentication_required}. A refund answers it for the rare payment method whose
     * refund needs the customer's details.
     */
    record RequiresAction(String paymentIntentId) implements PaymentOutcome {
        public RequiresAction {
            Objects.requireNonNull(paymentIntentId, "paymentIntentId");
        }
    }

    /**
     * No answer that says what happened: a network failure or timeout, a rate limit, a 5xx, a conflicting request in
     * flight, an answer that could not be read, or a state still settling. The request may or may not have taken
     * effect. Retry with the same idempotency key (the gateway replays the first answer; Stripe keeps keys at least
     * 24 hours) or {@link PaymentGateway#retrieve} the payment intent, then decide. {@code reason} is for people and
     * logs (operation, HTTP status, gateway request id); it carries no card data, keys or gateway text.
     */
    record Unknown(String reason) implements PaymentOutcome {
        public Unknown {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
