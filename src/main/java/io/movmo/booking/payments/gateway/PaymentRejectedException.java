package io.movmo.booking.payments.gateway;

/**
 * The gateway refused a request as it was made: the same request will be refused again, so the caller must not retry
 * it unchanged, and this request moved no money. These are the caller's mistakes or the engine's configuration, not a
 * customer's card (a card's refusal is {@link PaymentOutcome.Declined}) and not an unknown outcome (that is
 * {@link PaymentOutcome.Unknown}). Signalled as the error of the {@link PaymentGateway}'s {@code Mono}.
 *
 * <p>{@link Reason#IDEMPOTENCY_KEY_REUSED} needs care: the key was used before for a different request (other
 * parameters or another operation), and that earlier request may well have moved money. Look the payment intent up
 * ({@link PaymentGateway#retrieve}) rather than inventing a new key.
 *
 * <p>The message names the operation, the gateway's error code, HTTP status and request id (which the gateway's
 * support can trace), never the gateway's own text, card data or keys.
 */
public class PaymentRejectedException extends RuntimeException {

    public enum Reason {
        /** The idempotency key was already used with other parameters or for another operation. */
        IDEMPOTENCY_KEY_REUSED,
        /**
         * The amount cannot be taken: above what is authorized (capture) or left to refund, below the gateway's
         * minimum, in another currency than the payment intent's, or with a fraction the gateway cannot charge.
         */
        AMOUNT_NOT_ALLOWED,
        /** The payment intent's state does not allow this (capturing a voided one, voiding a captured one). */
        UNEXPECTED_STATE,
        /** The authorization lapsed before capture: the hold is gone, nothing can be captured. */
        AUTHORIZATION_EXPIRED,
        /** No such payment intent (or payment method, or customer) at the gateway, for this account. */
        NOT_FOUND,
        /** Any other refusal of the request's shape or content. */
        INVALID_REQUEST,
        /** The gateway refused the engine's credentials: a wrong, revoked or too-restricted API key. */
        NOT_PERMITTED
    }

    private final Reason reason;
    private final String code;

    public PaymentRejectedException(Reason reason, String code, String message) {
        super(message);
        this.reason = reason;
        this.code = code;
    }

    public Reason reason() {
        return reason;
    }

    /** The gateway's own error code (Stripe's {@code error.code}, e.g. {@code amount_too_large}), or null. */
    public String code() {
        return code;
    }

    /** True for {@link Reason#IDEMPOTENCY_KEY_REUSED}. */
    public boolean isIdempotencyConflict() {
        return reason == Reason.IDEMPOTENCY_KEY_REUSED;
    }
}
