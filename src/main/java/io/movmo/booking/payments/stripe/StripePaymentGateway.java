package io.movmo.booking.payments.stripe;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.CardException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import com.stripe.model.Charge;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.model.StripeError;
import com.stripe.net.RequestOptions;
import com.stripe.param.PaymentIntentCaptureParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.PaymentIntentRetrieveParams;
import com.stripe.param.RefundCreateParams;
import io.movmo.booking.payments.gateway.AuthorizeRequest;
import io.movmo.booking.payments.gateway.PaymentGateway;
import io.movmo.booking.payments.gateway.PaymentGatewayUnavailableException;
import io.movmo.booking.payments.gateway.PaymentIntentState;
import io.movmo.booking.payments.gateway.PaymentOutcome;
import io.movmo.booking.payments.gateway.PaymentOutcome.Authorized;
import io.movmo.booking.payments.gateway.PaymentOutcome.Captured;
import io.movmo.booking.payments.gateway.PaymentOutcome.Declined;
import io.movmo.booking.payments.gateway.PaymentOutcome.Refunded;
import io.movmo.booking.payments.gateway.PaymentOutcome.RequiresAction;
import io.movmo.booking.payments.gateway.PaymentOutcome.Unknown;
import io.movmo.booking.payments.gateway.PaymentOutcome.Voided;
import io.movmo.booking.payments.gateway.PaymentRejectedException;
import io.movmo.booking.payments.gateway.PaymentRejectedException.Reason;
import io.movmo.booking.shared.Money;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The production {@link PaymentGateway}: Stripe PaymentIntents with manual capture, through stripe-java's
 * {@link StripeClient} (pinned to the SDK's API version, {@link com.stripe.Stripe#API_VERSION}). stripe-java blocks,
 * and sleeps between retries, so every call runs on {@link Schedulers#boundedElastic()}, never on the caller's (Netty)
 * thread; the returned {@code Mono}s are lazy.
 *
 * <table>
 *   <caption>Operations</caption>
 *   <tr><th>port</th><th>Stripe</th></tr>
 *   <tr><td>{@link #authorize}</td><td>{@code POST /v1/payment_intents} with {@code confirm=true},
 *       {@code capture_method=manual}, {@code payment_method_types[]=card}, {@code amount} (see {@link StripeAmounts}),
 *       lower-case {@code currency}, {@code customer} (when given), {@code payment_method}, {@code off_session=true}
 *       (when off-session), {@code metadata[...]} and {@code expand[]=latest_charge}. {@code requires_capture} is
 *       {@link Authorized}, {@code requires_action} {@link RequiresAction}.</td></tr>
 *   <tr><td>{@link #capture}</td><td>{@code GET /v1/payment_intents/{id}} to check that the amount is in the intent's
 *       currency (Stripe's {@code amount_to_capture} has none), then {@code POST /v1/payment_intents/{id}/capture} with
 *       {@code amount_to_capture}; {@code succeeded} is {@link Captured} of {@code amount_received}.</td></tr>
 *   <tr><td>{@link #voidAuthorization}</td><td>{@code POST /v1/payment_intents/{id}/cancel}; {@code canceled} is
 *       {@link Voided}, and so is Stripe's refusal to cancel an intent that is already {@code canceled}.</td></tr>
 *   <tr><td>{@link #refund}</td><td>{@code POST /v1/refunds} with {@code payment_intent} (and, for a partial refund,
 *       {@code amount}, after the same currency check as capture); {@code succeeded} or {@code pending} is
 *       {@link Refunded}, {@code failed} or {@code canceled} {@link Declined} ({@code refund_failed} or
 *       {@code refund_canceled}, with Stripe's {@code failure_reason}), {@code requires_action}
 *       {@link RequiresAction}.</td></tr>
 *   <tr><td>{@link #retrieve}</td><td>{@code GET /v1/payment_intents/{id}?expand[]=latest_charge}</td></tr>
 * </table>
 *
 * <p>Every write carries the caller's key as {@code Idempotency-Key}, on every retry too. {@code captureBefore} is
 * {@code latest_charge.payment_method_details.card.capture_before}; when Stripe does not give it, it is the intent's
 * {@code created} plus {@value #DEFAULT_AUTHORIZATION_DAYS} days, Stripe's default validity of an uncaptured card
 * payment. Networks may release holds sooner (Visa's merchant-initiated authorizations after about 4 days 18 hours), so
 * the saga keeps its own margin.
 *
 * <table>
 *   <caption>Stripe's errors</caption>
 *   <tr><td>{@code card_error} (402)</td><td>{@link Declined} with Stripe's {@code code} and {@code decline_code}, and
 *       the intent's id when Stripe created one</td></tr>
 *   <tr><td>{@code idempotency_error} (400)</td>
 *       <td>{@link PaymentRejectedException} {@link Reason#IDEMPOTENCY_KEY_REUSED}</td></tr>
 *   <tr><td>{@code invalid_request_error} (400, 404)</td><td>{@link PaymentRejectedException} by {@code code}:
 *       {@code amount_too_large}, {@code amount_too_small}, {@code invalid_charge_amount_no_decimal_compatible}:
 *       {@link Reason#AMOUNT_NOT_ALLOWED}; {@code payment_intent_unexpected_state}, {@code charge_already_captured},
 *       {@code charge_already_refunded}: {@link Reason#UNEXPECTED_STATE}; {@code charge_expired_for_capture}:
 *       {@link Reason#AUTHORIZATION_EXPIRED}; {@code resource_missing}: {@link Reason#NOT_FOUND}; any other:
 *       {@link Reason#INVALID_REQUEST}</td></tr>
 *   <tr><td>401, 403</td><td>{@link PaymentRejectedException} {@link Reason#NOT_PERMITTED}</td></tr>
 *   <tr><td>429, 409, 5xx, any other status, connection failures and timeouts, unreadable answers</td>
 *       <td>{@link Unknown}, after stripe-java's own retries ({@code max-network-retries}); for {@link #retrieve}, a
 *       {@link PaymentGatewayUnavailableException}</td></tr>
 * </table>
 *
 * <p>Nothing here logs. Messages and {@link Unknown} reasons name the operation, Stripe's error code, HTTP status and
 * request id; never Stripe's own text, the API key, request bodies, or card data (which this engine never holds: it
 * only names saved payment methods). Stripe's exceptions are not kept as causes, as they hold Stripe's full answer.
 */
public class StripePaymentGateway implements PaymentGateway {

    static final int DEFAULT_AUTHORIZATION_DAYS = 7;

    private static final String REQUIRES_CAPTURE = "requires_capture";
    private static final String REQUIRES_ACTION = "requires_action";
    private static final String CANCELED = "canceled";
    private static final String SUCCEEDED = "succeeded";
    private static final String LATEST_CHARGE = "latest_charge";

    private final StripeClient stripe;

    /** Talks to Stripe as {@code properties} say; refuses to start without an API key. */
    public StripePaymentGateway(StripeProperties properties) {
        this(client(properties));
    }

    /** Uses {@code stripe} as configured. */
    public StripePaymentGateway(StripeClient stripe) {
        this.stripe = Objects.requireNonNull(stripe, "stripe");
    }

    /** The client {@code properties} describe: API key, base, timeouts and retries. */
    static StripeClient client(StripeProperties properties) {
        StripeClient.StripeClientBuilder builder = StripeClient.builder()
                .setApiKey(properties.requiredApiKey())
                .setConnectTimeout(millis(properties.connectTimeout(), "connect-timeout"))
                .setReadTimeout(millis(properties.readTimeout(), "read-timeout"))
                .setMaxNetworkRetries(properties.maxNetworkRetries());
        if (properties.apiBase() != null) {
            builder.setApiBase(properties.apiBase().toString().replaceAll("/+$", ""));
        }
        return builder.build();
    }

    @Override
    public Mono<PaymentOutcome> authorize(AuthorizeRequest request) {
        Objects.requireNonNull(request, "request");
        return write("authorize", null, () -> {
            PaymentIntentCreateParams.Builder params = PaymentIntentCreateParams.builder()
                    .setAmount(StripeAmounts.amount(request.amount(), "authorize"))
                    .setCurrency(StripeAmounts.currency(request.amount()))
                    .setCaptureMethod(PaymentIntentCreateParams.CaptureMethod.MANUAL)
                    .setConfirm(true)
                    .addPaymentMethodType("card")
                    .setPaymentMethod(request.paymentMethodId())
                    .addExpand(LATEST_CHARGE);
            if (request.customerId() != null && !request.customerId().isBlank()) {
                params.setCustomer(request.customerId());
            }
            if (request.offSession()) {
                params.setOffSession(true);
            }
            if (!request.metadata().isEmpty()) {
                params.putAllMetadata(request.metadata());
            }
            return stripe.v1().paymentIntents().create(params.build(), idempotent(request.idempotencyKey()));
        }, StripePaymentGateway::authorization);
    }

    @Override
    public Mono<PaymentOutcome> capture(String paymentIntentId, Money amount, String idempotencyKey) {
        return write("capture", paymentIntentId, () -> {
            requireId(paymentIntentId);
            Objects.requireNonNull(amount, "amount");
            PaymentGateway.requireIdempotencyKey(idempotencyKey);
            long amountToCapture = StripeAmounts.amount(amount, "capture");
            requireCurrency(paymentIntentId, amount, "capture");
            return stripe.v1().paymentIntents().capture(paymentIntentId, PaymentIntentCaptureParams.builder()
                    .setAmountToCapture(amountToCapture)
                    .build(), idempotent(idempotencyKey));
        }, intent -> switch (status(intent)) {
            case SUCCEEDED -> new Captured(intent.getId(), StripeAmounts.money(intent.getAmountReceived(),
                    intent.getCurrency()));
            default -> unsettled("capture", intent);
        });
    }

    @Override
    public Mono<PaymentOutcome> voidAuthorization(String paymentIntentId, String idempotencyKey) {
        return write("void", paymentIntentId, () -> {
            requireId(paymentIntentId);
            PaymentGateway.requireIdempotencyKey(idempotencyKey);
            try {
                return stripe.v1().paymentIntents().cancel(paymentIntentId, idempotent(idempotencyKey));
            } catch (InvalidRequestException e) {
                PaymentIntent current = e.getStripeError() == null ? null : e.getStripeError().getPaymentIntent();
                if (current != null && CANCELED.equals(current.getStatus())) {
                    return current; // voided before, under another key: the compensation is done
                }
                throw e;
            }
        }, intent -> switch (status(intent)) {
            case CANCELED -> new Voided(intent.getId());
            default -> unsettled("void", intent);
        });
    }

    @Override
    public Mono<PaymentOutcome> refund(String paymentIntentId, Money amountOrNullForFull, String idempotencyKey) {
        return write("refund", paymentIntentId, () -> {
            requireId(paymentIntentId);
            PaymentGateway.requireIdempotencyKey(idempotencyKey);
            RefundCreateParams.Builder params = RefundCreateParams.builder().setPaymentIntent(paymentIntentId);
            if (amountOrNullForFull != null) {
                params.setAmount(StripeAmounts.amount(amountOrNullForFull, "refund"));
                requireCurrency(paymentIntentId, amountOrNullForFull, "refund");
            }
            return stripe.v1().refunds().create(params.build(), idempotent(idempotencyKey));
        }, refund -> refunded(paymentIntentId, refund));
    }

    @Override
    public Mono<PaymentIntentState> retrieve(String paymentIntentId) {
        return Mono.fromCallable(() -> {
            requireId(paymentIntentId);
            PaymentIntent intent;
            try {
                intent = read(paymentIntentId);
            } catch (StripeException e) {
                Reason reason = rejection(e);
                throw reason != null ? rejected(reason, "retrieve", e)
                        : new PaymentGatewayUnavailableException("Stripe retrieve got no definite answer: "
                                + describe(e));
            }
            return state(intent);
        }).subscribeOn(Schedulers.boundedElastic());
    }

    /** Sends a write on the bounded-elastic scheduler and turns Stripe's answer or error into an outcome. */
    private <T> Mono<PaymentOutcome> write(String operation, String paymentIntentId, StripeCall<T> send,
            Function<T, PaymentOutcome> outcome) {
        return Mono.fromCallable(() -> {
            T answer;
            try {
                answer = send.call();
            } catch (StripeException e) {
                return failure(operation, paymentIntentId, e);
            }
            try {
                return outcome.apply(answer);
            } catch (RuntimeException e) {
                // Stripe accepted the request, but its answer does not say what it came to: never assume.
                return new Unknown("Stripe " + operation + " answered" + (paymentIntentId == null ? ""
                        : " for " + paymentIntentId) + " in a way that could not be read ("
                        + e.getClass().getSimpleName() + ")");
            }
        }).subscribeOn(Schedulers.boundedElastic());
    }

    private static PaymentOutcome authorization(PaymentIntent intent) {
        return switch (status(intent)) {
            case REQUIRES_CAPTURE -> new Authorized(intent.getId(),
                    StripeAmounts.money(intent.getAmountCapturable(), intent.getCurrency()), captureBefore(intent));
            case REQUIRES_ACTION -> new RequiresAction(intent.getId());
            case "requires_payment_method" -> {
                StripeError error = intent.getLastPaymentError();
                yield error == null || error.getCode() == null
                        ? new Declined(intent.getId(), "requires_payment_method", null)
                        : new Declined(intent.getId(), error.getCode(), error.getDeclineCode());
            }
            default -> unsettled("authorize", intent);
        };
    }

    private static PaymentOutcome refunded(String paymentIntentId, Refund refund) {
        String status = refund.getStatus() == null ? "" : refund.getStatus();
        return switch (status) {
            case SUCCEEDED, "pending" -> new Refunded(paymentIntentId, Objects.requireNonNull(refund.getId()),
                    StripeAmounts.money(refund.getAmount(), refund.getCurrency()));
            case "failed" -> new Declined(paymentIntentId, "refund_failed", refund.getFailureReason());
            case CANCELED -> new Declined(paymentIntentId, "refund_canceled", refund.getFailureReason());
            case REQUIRES_ACTION -> new RequiresAction(paymentIntentId);
            default -> new Unknown("Stripe refund " + refund.getId() + " of " + paymentIntentId + " is " + status
                    + "; retrieve it later");
        };
    }

    private static PaymentIntentState state(PaymentIntent intent) {
        String currency = intent.getCurrency();
        Instant captureBefore = cardCaptureBefore(intent);
        if (captureBefore == null && REQUIRES_CAPTURE.equals(intent.getStatus())) {
            captureBefore = defaultCaptureBefore(intent);
        }
        return new PaymentIntentState(intent.getId(), intent.getStatus(),
                StripeAmounts.money(intent.getAmount(), currency),
                StripeAmounts.money(orZero(intent.getAmountCapturable()), currency),
                StripeAmounts.money(orZero(intent.getAmountReceived()), currency),
                captureBefore);
    }

    /** The card's {@code capture_before}, else {@code created} plus Stripe's default validity. */
    private static Instant captureBefore(PaymentIntent intent) {
        Instant fromCard = cardCaptureBefore(intent);
        return fromCard != null ? fromCard : defaultCaptureBefore(intent);
    }

    private static Instant cardCaptureBefore(PaymentIntent intent) {
        Charge charge = intent.getLatestChargeObject();
        if (charge == null || charge.getPaymentMethodDetails() == null
                || charge.getPaymentMethodDetails().getCard() == null
                || charge.getPaymentMethodDetails().getCard().getCaptureBefore() == null) {
            return null;
        }
        return Instant.ofEpochSecond(charge.getPaymentMethodDetails().getCard().getCaptureBefore());
    }

    private static Instant defaultCaptureBefore(PaymentIntent intent) {
        return Instant.ofEpochSecond(Objects.requireNonNull(intent.getCreated(), "created"))
                .plus(Duration.ofDays(DEFAULT_AUTHORIZATION_DAYS));
    }

    /** Stripe answered, but with a state that is still settling or unexpected here. */
    private static Unknown unsettled(String operation, PaymentIntent intent) {
        return new Unknown("Stripe " + operation + " left payment intent " + intent.getId() + " in status "
                + intent.getStatus() + "; retrieve it later");
    }

    /** What a Stripe error on a write comes to: an outcome, or a {@link PaymentRejectedException}. */
    private static PaymentOutcome failure(String operation, String paymentIntentId, StripeException e) {
        if (e instanceof CardException card) {
            PaymentIntent intent = card.getStripeError() == null ? null : card.getStripeError().getPaymentIntent();
            return new Declined(intent != null && intent.getId() != null ? intent.getId() : paymentIntentId,
                    card.getCode() == null ? "card_declined" : card.getCode(), card.getDeclineCode());
        }
        Reason reason = rejection(e);
        if (reason != null) {
            throw rejected(reason, operation, e);
        }
        return new Unknown("Stripe " + operation + " got no definite answer: " + describe(e));
    }

    private static PaymentRejectedException rejected(Reason reason, String operation, StripeException e) {
        return new PaymentRejectedException(reason, e.getCode(), "Stripe refused " + operation + ": " + describe(e));
    }

    /** The rejection {@code e} is, or null if it says nothing definite (429, 409, 5xx, network). */
    static Reason rejection(StripeException e) {
        if (e instanceof IdempotencyException) {
            return Reason.IDEMPOTENCY_KEY_REUSED;
        }
        if (e instanceof AuthenticationException) { // PermissionException too
            return Reason.NOT_PERMITTED;
        }
        if (e instanceof InvalidRequestException) {
            String code = e.getCode() == null ? "" : e.getCode();
            return switch (code) {
                case "amount_too_large", "amount_too_small", "invalid_charge_amount_no_decimal_compatible" ->
                        Reason.AMOUNT_NOT_ALLOWED;
                case "payment_intent_unexpected_state", "charge_already_captured", "charge_already_refunded" ->
                        Reason.UNEXPECTED_STATE;
                case "charge_expired_for_capture" -> Reason.AUTHORIZATION_EXPIRED;
                case "resource_missing" -> Reason.NOT_FOUND;
                default -> Reason.INVALID_REQUEST;
            };
        }
        return null;
    }

    /** {@code HTTP 402, card_declined, request id req_123}, or the kind of connection failure; never Stripe's text. */
    static String describe(StripeException e) {
        if (e instanceof ApiConnectionException) {
            Throwable cause = e.getCause();
            return "no answer (" + (cause == null ? "connection failed" : cause.getClass().getSimpleName()) + ")";
        }
        StringBuilder description = new StringBuilder();
        if (e instanceof RateLimitException) {
            description.append("rate limited, ");
        }
        description.append("HTTP ").append(e.getStatusCode() == null ? "?" : e.getStatusCode());
        if (e.getCode() != null) {
            description.append(", ").append(e.getCode());
        }
        if (e.getRequestId() != null) {
            description.append(", request id ").append(e.getRequestId());
        }
        return description.toString();
    }

    /** Refuses an amount in another currency than the intent's: Stripe's amounts carry none. */
    private void requireCurrency(String paymentIntentId, Money amount, String operation) throws StripeException {
        String currency = read(paymentIntentId).getCurrency();
        if (!StripeAmounts.currency(amount).equals(currency)) {
            throw new PaymentRejectedException(Reason.AMOUNT_NOT_ALLOWED, null, "Stripe " + operation
                    + " refused before sending: payment intent " + paymentIntentId + " is in " + currency + ", not "
                    + amount.currency().getCurrencyCode());
        }
    }

    private PaymentIntent read(String paymentIntentId) throws StripeException {
        return stripe.v1().paymentIntents().retrieve(paymentIntentId, PaymentIntentRetrieveParams.builder()
                .addExpand(LATEST_CHARGE)
                .build(), RequestOptions.getDefault());
    }

    private static RequestOptions idempotent(String key) {
        return RequestOptions.builder().setIdempotencyKey(PaymentGateway.requireIdempotencyKey(key)).build();
    }

    private static String status(PaymentIntent intent) {
        return intent.getStatus() == null ? "" : intent.getStatus();
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    private static void requireId(String paymentIntentId) {
        if (paymentIntentId == null || paymentIntentId.isBlank()) {
            throw new IllegalArgumentException("a payment request needs the payment intent's id");
        }
    }

    private static int millis(Duration timeout, String property) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalStateException("movmo.stripe." + property + " must be positive");
        }
        return Math.toIntExact(timeout.toMillis());
    }

    @FunctionalInterface
    private interface StripeCall<T> {
        T call() throws StripeException;
    }
}
