package io.movmo.booking.payments.gateway;

import io.movmo.booking.shared.Money;
import reactor.core.publisher.Mono;

/**
 * Card payments in two phases for the booking saga: hold the amount ({@link #authorize}), then take it
 * ({@link #capture}) or release it ({@link #voidAuthorization}); give money back with {@link #refund}; read the truth
 * with {@link #retrieve}.
 *
 * <p>Every write takes the caller's idempotency key (at most 255 characters): the same key with the same request is
 * the same operation, however often it is sent, so a retry after {@link PaymentOutcome.Unknown} can never authorize,
 * capture or refund twice. Derive keys from the saga's state ({@code booking:{id}:authorize:{attempt}},
 * {@code booking:{id}:capture}); never from a clock or a random source.
 *
 * <p>Each returned {@code Mono} is lazy (nothing is sent before subscription), emits exactly one value, and runs the
 * gateway's blocking client off the caller's thread. Its errors:
 * <ul>
 *   <li>{@link PaymentRejectedException}: the gateway refused the request as made (idempotency key reused for another
 *       request, amount above what is authorized, wrong state, unknown payment intent, bad credentials). Typed by
 *       {@link PaymentRejectedException#reason()}; retrying the same request will not help.</li>
 *   <li>{@link PaymentGatewayUnavailableException}: {@link #retrieve} only, no answer; try again.</li>
 *   <li>{@link IllegalArgumentException}: the arguments are malformed (blank key or id); nothing was sent.</li>
 * </ul>
 */
public interface PaymentGateway {

    /** Longest idempotency key the gateway accepts. */
    int MAX_IDEMPOTENCY_KEY_LENGTH = 255;

    /**
     * Holds {@code request.amount()} on the saved card, to be captured or voided later.
     *
     * @return {@link PaymentOutcome.Authorized}, {@link PaymentOutcome.Declined}, {@link PaymentOutcome.RequiresAction}
     *     or {@link PaymentOutcome.Unknown} (retry with the same key: the payment intent's id is not known yet)
     */
    Mono<PaymentOutcome> authorize(AuthorizeRequest request);

    /**
     * Takes {@code amount} (at most what is authorized, in the authorization's currency) and releases the rest.
     *
     * @return {@link PaymentOutcome.Captured}, {@link PaymentOutcome.Declined} or {@link PaymentOutcome.Unknown}
     */
    Mono<PaymentOutcome> capture(String paymentIntentId, Money amount, String idempotencyKey);

    /**
     * Cancels the authorization, releasing the hold; answers {@link PaymentOutcome.Voided} for one already cancelled,
     * so a compensation can be repeated.
     *
     * @return {@link PaymentOutcome.Voided} or {@link PaymentOutcome.Unknown}
     */
    Mono<PaymentOutcome> voidAuthorization(String paymentIntentId, String idempotencyKey);

    /**
     * Refunds a captured payment: all that is left of it when {@code amountOrNullForFull} is null, else that amount
     * (in the payment's currency).
     *
     * @return {@link PaymentOutcome.Refunded}, {@link PaymentOutcome.Declined}, {@link PaymentOutcome.RequiresAction}
     *     or {@link PaymentOutcome.Unknown}
     */
    Mono<PaymentOutcome> refund(String paymentIntentId, Money amountOrNullForFull, String idempotencyKey);

    /** The payment intent as the gateway holds it now. */
    Mono<PaymentIntentState> retrieve(String paymentIntentId);

    /** {@code key}, or an {@link IllegalArgumentException} if it is blank or longer than the gateway accepts. */
    static String requireIdempotencyKey(String key) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("a payment request needs an idempotency key");
        }
        if (key.length() > MAX_IDEMPOTENCY_KEY_LENGTH || !key.strip().equals(key)) {
            throw new IllegalArgumentException("an idempotency key has at most " + MAX_IDEMPOTENCY_KEY_LENGTH
                    + " characters and no surrounding whitespace");
        }
        return key;
    }
}
