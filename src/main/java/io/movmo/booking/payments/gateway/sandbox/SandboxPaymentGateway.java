package io.movmo.booking.payments.gateway.sandbox;

import io.movmo.booking.payments.gateway.AuthorizeRequest;
import io.movmo.booking.payments.gateway.PaymentGateway;
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
import io.movmo.booking.payments.gateway.sandbox.SandboxLedger.Kind;
import io.movmo.booking.payments.methods.sandbox.SandboxPaymentMethodRegistry;
import io.movmo.booking.shared.Money;
import io.movmo.booking.shared.SandboxAdapter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Currency;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sandbox's {@link PaymentGateway}: Stripe PaymentIntents with manual capture, kept in PostgreSQL
 * ({@code sandbox_payment_intent}, see {@code V9__sandbox_payment_intents.sql}), so any number of nodes share them.
 * It answers as {@code io.movmo.booking.payments.stripe.StripePaymentGateway} does against Stripe's test mode, and
 * records every step in a ledger that {@link SandboxLedger} reads.
 *
 * <table>
 *   <caption>Test payment methods</caption>
 *   <tr><td>{@value #VISA}, {@value #MASTERCARD}, {@value #AMEX}, any other {@code pm_card_…}, and any payment method
 *       saved in {@code sandbox_stripe_payment_method}</td><td>{@link Authorized} of the whole amount, capturable until
 *       creation plus {@value #AUTHORIZATION_DAYS} days (Stripe's default)</td></tr>
 *   <tr><td>{@value #DECLINED}</td><td>{@link Declined} {@code card_declined} / {@code generic_decline}</td></tr>
 *   <tr><td>{@value #INSUFFICIENT_FUNDS}</td><td>{@link Declined} {@code card_declined} /
 *       {@code insufficient_funds}</td></tr>
 *   <tr><td>{@value #AUTHENTICATION_REQUIRED}</td><td>on-session {@link RequiresAction}; off-session {@link Declined}
 *       {@code authentication_required} / {@code authentication_required}, as Stripe answers a saved card that
 *       needs 3-D Secure</td></tr>
 *   <tr><td>{@code pm_card_missing} and any other id</td><td>{@link PaymentRejectedException}
 *       {@link Reason#NOT_FOUND}, nothing created</td></tr>
 * </table>
 * A declined or authentication-bound intent is kept too ({@code requires_payment_method}, {@code requires_action}),
 * so support sees every attempt.
 *
 * <p>As at Stripe: a capture takes at most what is held, in the intent's currency, before {@code captureBefore}, and
 * releases the rest ({@code succeeded}); a void cancels anything not yet captured and answers {@link Voided} again for
 * an intent already {@code canceled}; a refund gives back part or (amount null) all of what was captured and not yet
 * refunded. Anything else is a {@link PaymentRejectedException}: {@link Reason#AMOUNT_NOT_ALLOWED} (above what is
 * held or left, zero, another currency), {@link Reason#UNEXPECTED_STATE}, {@link Reason#AUTHORIZATION_EXPIRED},
 * {@link Reason#NOT_FOUND} (also from {@link #retrieve}). The sandbox does not cancel lapsed authorizations by itself,
 * and it does not enforce Stripe's minimum amounts or its currency exceptions (ISK, MGA, three-decimal currencies).
 *
 * <p><b>Idempotency keys</b> ({@code sandbox_idempotency_key}) work as Stripe's do, for 24 hours: a repeat of a write
 * with the same parameters replays the outcome the first one came to, without acting again; the same key with other
 * parameters or for another operation is {@link Reason#IDEMPOTENCY_KEY_REUSED}. The key is claimed, the intent's row
 * locked, the change made and the outcome stored in one transaction, so concurrent repeats wait for the first and
 * replay it. A refused request stores nothing: like Stripe's validation errors, it leaves the key free.
 *
 * <p><b>Scenario hook.</b> Authorization metadata {@value #OUTCOME_METADATA_KEY}{@code =}{@value #LOST_RESPONSE}
 * makes the authorization happen (the intent is created and its outcome stored under the key) but answers
 * {@link Unknown}, as a response lost on the network would: a repeat with the same key and request then replays the
 * real outcome with the same intent id. Any other value of {@value #OUTCOME_METADATA_KEY} is an
 * {@link IllegalArgumentException}.
 *
 * <p>Every operation runs its blocking JDBC on {@link Schedulers#boundedElastic()} and nothing happens before
 * subscription. Amounts are stored in ISO 4217 minor units ({@link Money#toMinorUnits()}).
 */
@SandboxAdapter
public class SandboxPaymentGateway implements PaymentGateway {

    /** Stripe's test payment methods the sandbox answers as Stripe's test mode does (see the table above). */
    public static final String VISA = "pm_card_visa";
    public static final String MASTERCARD = "pm_card_mastercard";
    public static final String AMEX = "pm_card_amex";
    public static final String DECLINED = "pm_card_chargeDeclined";
    public static final String INSUFFICIENT_FUNDS = "pm_card_chargeDeclinedInsufficientFunds";
    public static final String AUTHENTICATION_REQUIRED = "pm_card_authenticationRequired";

    /** Authorization metadata naming a sandbox scenario. */
    public static final String OUTCOME_METADATA_KEY = "sandbox_outcome";
    /** {@value #OUTCOME_METADATA_KEY} value: authorize, but answer {@link Unknown} (once per key). */
    public static final String LOST_RESPONSE = "unknown";

    /** How long an authorization can be captured, Stripe's default for card payments. */
    public static final int AUTHORIZATION_DAYS = 7;
    /** How long a key is remembered, as at Stripe. */
    public static final Duration KEY_RETENTION = Duration.ofHours(24);

    private static final String REQUIRES_PAYMENT_METHOD = "requires_payment_method";
    private static final String REQUIRES_ACTION = "requires_action";
    private static final String REQUIRES_CAPTURE = PaymentIntentState.REQUIRES_CAPTURE;
    private static final String CANCELED = "canceled";
    private static final String SUCCEEDED = "succeeded";
    private static final String ID_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();
    private final SecureRandom random = new SecureRandom();

    public SandboxPaymentGateway(JdbcClient jdbc, TransactionTemplate transactions, Clock clock) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Mono<PaymentOutcome> authorize(AuthorizeRequest request) {
        Objects.requireNonNull(request, "request");
        return blocking(() -> {
            String scenario = request.metadata().get(OUTCOME_METADATA_KEY);
            if (scenario != null && !LOST_RESPONSE.equals(scenario)) {
                throw new IllegalArgumentException("the sandbox knows no " + OUTCOME_METADATA_KEY + " '" + scenario
                        + "' (only '" + LOST_RESPONSE + "')");
            }
            Map<String, Object> params = new TreeMap<>();
            params.put("amount", request.amount().amount().toPlainString());
            params.put("currency", request.amount().currency().getCurrencyCode());
            params.put("customer", request.customerId());
            params.put("payment_method", request.paymentMethodId());
            params.put("off_session", request.offSession());
            params.put("metadata", new TreeMap<>(request.metadata()));
            Result result = once("authorize", request.idempotencyKey(), params, () -> createIntent(request));
            return LOST_RESPONSE.equals(scenario) && !result.replayed()
                    ? new Unknown("sandbox authorize: response lost (" + OUTCOME_METADATA_KEY + "=" + LOST_RESPONSE
                            + "); repeat with the same idempotency key")
                    : result.outcome();
        });
    }

    @Override
    public Mono<PaymentOutcome> capture(String paymentIntentId, Money amount, String idempotencyKey) {
        return blocking(() -> {
            requireId(paymentIntentId);
            Objects.requireNonNull(amount, "amount");
            PaymentGateway.requireIdempotencyKey(idempotencyKey);
            Map<String, Object> params = new TreeMap<>();
            params.put("payment_intent", paymentIntentId);
            params.put("amount", amount.amount().toPlainString());
            params.put("currency", amount.currency().getCurrencyCode());
            return once("capture", idempotencyKey, params, () -> {
                Intent intent = lock(paymentIntentId, "capture");
                intent.requireCurrency(amount, "capture");
                if (!REQUIRES_CAPTURE.equals(intent.status())) {
                    throw unexpectedState("capture", intent, "payment_intent_unexpected_state");
                }
                if (!clock.instant().isBefore(intent.captureBefore())) {
                    throw new PaymentRejectedException(Reason.AUTHORIZATION_EXPIRED, "charge_expired_for_capture",
                            "Sandbox refused capture: the authorization of " + paymentIntentId + " lapsed at "
                                    + intent.captureBefore());
                }
                if (amount.isZero()) {
                    throw amountNotAllowed("capture", "amount_too_small", "nothing to capture");
                }
                if (amount.isGreaterThan(intent.capturable())) {
                    throw amountNotAllowed("capture", "amount_too_large", amount + " is more than the "
                            + intent.capturable() + " held");
                }
                Money released = intent.capturable().minus(amount);
                jdbc.sql("""
                        UPDATE sandbox_payment_intent SET status = :status, amount_capturable_minor = 0,
                            amount_received_minor = :received WHERE id = :id""")
                        .param("status", SUCCEEDED).param("received", amount.toMinorUnits())
                        .param("id", paymentIntentId).update();
                Instant now = now();
                record(paymentIntentId, Kind.CAPTURED, amount, null, idempotencyKey, now);
                if (!released.isZero()) {
                    record(paymentIntentId, Kind.RELEASED, released, null, idempotencyKey, now);
                }
                return new Captured(paymentIntentId, amount);
            }).outcome();
        });
    }

    @Override
    public Mono<PaymentOutcome> voidAuthorization(String paymentIntentId, String idempotencyKey) {
        return blocking(() -> {
            requireId(paymentIntentId);
            PaymentGateway.requireIdempotencyKey(idempotencyKey);
            return once("void", idempotencyKey, Map.of("payment_intent", paymentIntentId), () -> {
                Intent intent = lock(paymentIntentId, "void");
                return switch (intent.status()) {
                    case CANCELED -> new Voided(paymentIntentId); // voided before: the compensation is done
                    case REQUIRES_CAPTURE, REQUIRES_ACTION, REQUIRES_PAYMENT_METHOD -> {
                        jdbc.sql("""
                                UPDATE sandbox_payment_intent SET status = :status, amount_capturable_minor = 0
                                WHERE id = :id""")
                                .param("status", CANCELED).param("id", paymentIntentId).update();
                        record(paymentIntentId, Kind.VOIDED, intent.capturable(), null, idempotencyKey, now());
                        yield new Voided(paymentIntentId);
                    }
                    default -> throw unexpectedState("void", intent, "payment_intent_unexpected_state");
                };
            }).outcome();
        });
    }

    @Override
    public Mono<PaymentOutcome> refund(String paymentIntentId, Money amountOrNullForFull, String idempotencyKey) {
        return blocking(() -> {
            requireId(paymentIntentId);
            PaymentGateway.requireIdempotencyKey(idempotencyKey);
            Map<String, Object> params = new TreeMap<>();
            params.put("payment_intent", paymentIntentId);
            if (amountOrNullForFull != null) {
                params.put("amount", amountOrNullForFull.amount().toPlainString());
                params.put("currency", amountOrNullForFull.currency().getCurrencyCode());
            }
            return once("refund", idempotencyKey, params, () -> {
                Intent intent = lock(paymentIntentId, "refund");
                if (amountOrNullForFull != null) {
                    intent.requireCurrency(amountOrNullForFull, "refund");
                }
                if (!SUCCEEDED.equals(intent.status())) {
                    throw unexpectedState("refund", intent, "payment_intent_unexpected_state");
                }
                Money refundable = intent.received().minus(intent.refunded());
                if (refundable.isZero()) {
                    throw unexpectedState("refund", intent, "charge_already_refunded");
                }
                Money amount = amountOrNullForFull == null ? refundable : amountOrNullForFull;
                if (amount.isZero()) {
                    throw amountNotAllowed("refund", "amount_too_small", "nothing to refund");
                }
                if (amount.isGreaterThan(refundable)) {
                    throw amountNotAllowed("refund", "amount_too_large", amount + " is more than the " + refundable
                            + " left to refund");
                }
                jdbc.sql("""
                        UPDATE sandbox_payment_intent SET amount_refunded_minor = amount_refunded_minor + :amount
                        WHERE id = :id""")
                        .param("amount", amount.toMinorUnits()).param("id", paymentIntentId).update();
                String refundId = "re_sandbox_" + randomId();
                record(paymentIntentId, Kind.REFUNDED, amount, refundId, idempotencyKey, now());
                return new Refunded(paymentIntentId, refundId, amount);
            }).outcome();
        });
    }

    @Override
    public Mono<PaymentIntentState> retrieve(String paymentIntentId) {
        return blocking(() -> {
            requireId(paymentIntentId);
            Intent intent = jdbc.sql("SELECT * FROM sandbox_payment_intent WHERE id = :id")
                    .param("id", paymentIntentId).query(SandboxPaymentGateway::intent).optional()
                    .orElseThrow(() -> notFound("retrieve", paymentIntentId));
            return new PaymentIntentState(intent.id(), intent.status(), intent.amount(), intent.capturable(),
                    intent.received(), REQUIRES_CAPTURE.equals(intent.status()) ? intent.captureBefore() : null);
        });
    }

    /** Forgets idempotency keys created before {@code before} (they no longer count after 24 hours anyway). */
    public int forgetIdempotencyKeys(Instant before) {
        return jdbc.sql("DELETE FROM sandbox_idempotency_key WHERE created_at < :before")
                .param("before", Timestamp.from(before)).update();
    }

    /** The authorization itself, inside {@link #once}: an intent in the state the test card leads to. */
    private PaymentOutcome createIntent(AuthorizeRequest request) {
        String paymentMethod = request.paymentMethodId();
        String id = "pi_sandbox_" + randomId();
        Instant now = now();
        Money amount = request.amount();
        String status;
        String code = null;
        String declineCode = null;
        Instant captureBefore = null;
        PaymentOutcome outcome;
        Kind kind;
        switch (paymentMethod) {
            case DECLINED, INSUFFICIENT_FUNDS -> {
                status = REQUIRES_PAYMENT_METHOD;
                code = "card_declined";
                declineCode = DECLINED.equals(paymentMethod) ? "generic_decline" : "insufficient_funds";
                outcome = new Declined(id, code, declineCode);
                kind = Kind.DECLINED;
            }
            case AUTHENTICATION_REQUIRED -> {
                if (request.offSession()) {
                    status = REQUIRES_PAYMENT_METHOD;
                    code = "authentication_required";
                    declineCode = "authentication_required";
                    outcome = new Declined(id, code, declineCode);
                    kind = Kind.DECLINED;
                } else {
                    status = REQUIRES_ACTION;
                    outcome = new RequiresAction(id);
                    kind = Kind.REQUIRES_ACTION;
                }
            }
            default -> {
                requireKnown(paymentMethod);
                status = REQUIRES_CAPTURE;
                captureBefore = now.plus(Duration.ofDays(AUTHORIZATION_DAYS));
                outcome = new Authorized(id, amount, captureBefore);
                kind = Kind.AUTHORIZED;
            }
        }
        jdbc.sql("""
                INSERT INTO sandbox_payment_intent (id, payment_method_id, customer_id, off_session, currency,
                    amount_minor, amount_capturable_minor, status, last_payment_error_code,
                    last_payment_error_decline_code, capture_before, created_at, metadata)
                VALUES (:id, :pm, :customer, :offSession, :currency, :amount, :capturable, :status, :code,
                    :declineCode, :captureBefore, :createdAt, CAST(:metadata AS jsonb))""")
                .param("id", id).param("pm", paymentMethod).param("customer", request.customerId())
                .param("offSession", request.offSession())
                .param("currency", amount.currency().getCurrencyCode())
                .param("amount", amount.toMinorUnits())
                .param("capturable", kind == Kind.AUTHORIZED ? amount.toMinorUnits() : 0L)
                .param("status", status).param("code", code).param("declineCode", declineCode)
                .param("captureBefore", captureBefore == null ? null : Timestamp.from(captureBefore))
                .param("createdAt", Timestamp.from(now))
                .param("metadata", json.writeValueAsString(new TreeMap<>(request.metadata())))
                .update();
        record(id, kind, amount, code == null ? null : code + "/" + declineCode, request.idempotencyKey(), now);
        return outcome;
    }

    /** Stripe answers {@code resource_missing} for a payment method it does not know; test cards it always knows. */
    private void requireKnown(String paymentMethod) {
        boolean known = !SandboxPaymentMethodRegistry.MISSING.equals(paymentMethod)
                && (paymentMethod.startsWith("pm_card_") || jdbc.sql(
                        "SELECT count(*) FROM sandbox_stripe_payment_method WHERE payment_method_id = :pm")
                        .param("pm", paymentMethod).query(Long.class).single() > 0);
        if (!known) {
            throw new PaymentRejectedException(Reason.NOT_FOUND, "resource_missing",
                    "Sandbox refused authorize: no such payment method");
        }
    }

    /**
     * Runs {@code act} under idempotency key {@code key} in one transaction: claims the key (waiting for a concurrent
     * claim of it to end), replays what a first request with the same {@code operation} and {@code params} came to,
     * refuses other parameters, or acts and stores the outcome. A key older than {@link #KEY_RETENTION} counts as new.
     */
    private Result once(String operation, String key, Map<String, Object> params, Supplier<PaymentOutcome> act) {
        String fingerprint = fingerprint(operation, params);
        return Objects.requireNonNull(transactions.execute(status -> {
            Instant now = now();
            int claimed = jdbc.sql("""
                    INSERT INTO sandbox_idempotency_key (idempotency_key, operation, fingerprint, created_at)
                    VALUES (:key, :operation, :fingerprint, :now) ON CONFLICT (idempotency_key) DO NOTHING""")
                    .param("key", key).param("operation", operation).param("fingerprint", fingerprint)
                    .param("now", Timestamp.from(now)).update();
            if (claimed == 0) {
                Map<String, Object> earlier = jdbc.sql("""
                        SELECT operation, fingerprint, response::text AS response, created_at
                        FROM sandbox_idempotency_key WHERE idempotency_key = :key FOR UPDATE""")
                        .param("key", key).query().singleRow();
                Instant createdAt = ((Timestamp) earlier.get("created_at")).toInstant();
                if (createdAt.isAfter(now.minus(KEY_RETENTION))) {
                    if (!operation.equals(earlier.get("operation"))
                            || !fingerprint.equals(earlier.get("fingerprint"))) {
                        throw new PaymentRejectedException(Reason.IDEMPOTENCY_KEY_REUSED, null, "Sandbox refused "
                                + operation + ": the idempotency key was used for another request ("
                                + earlier.get("operation") + ")");
                    }
                    return new Result(json.readValue((String) earlier.get("response"), StoredOutcome.class)
                            .outcome(), true);
                }
                jdbc.sql("""
                        UPDATE sandbox_idempotency_key SET operation = :operation, fingerprint = :fingerprint,
                            response = NULL, created_at = :now WHERE idempotency_key = :key""")
                        .param("key", key).param("operation", operation).param("fingerprint", fingerprint)
                        .param("now", Timestamp.from(now)).update();
            }
            PaymentOutcome outcome = act.get();
            jdbc.sql("""
                    UPDATE sandbox_idempotency_key SET response = CAST(:response AS jsonb)
                    WHERE idempotency_key = :key""")
                    .param("key", key).param("response", json.writeValueAsString(StoredOutcome.of(outcome))).update();
            return new Result(outcome, false);
        }));
    }

    private Intent lock(String paymentIntentId, String operation) {
        return jdbc.sql("SELECT * FROM sandbox_payment_intent WHERE id = :id FOR UPDATE")
                .param("id", paymentIntentId).query(SandboxPaymentGateway::intent).optional()
                .orElseThrow(() -> notFound(operation, paymentIntentId));
    }

    private void record(String paymentIntentId, Kind kind, Money amount, String reference, String key, Instant at) {
        jdbc.sql("""
                INSERT INTO sandbox_payment_ledger (payment_intent_id, kind, amount_minor, reference, idempotency_key,
                    created_at)
                VALUES (:id, :kind, :amount, :reference, :key, :at)""")
                .param("id", paymentIntentId).param("kind", kind.column()).param("amount", amount.toMinorUnits())
                .param("reference", reference).param("key", key).param("at", Timestamp.from(at)).update();
    }

    /** Stripe's timestamps are whole seconds. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private String randomId() {
        StringBuilder id = new StringBuilder(24);
        for (int i = 0; i < 24; i++) {
            id.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }

    private String fingerprint(String operation, Map<String, Object> params) {
        Map<String, Object> canonical = new TreeMap<>(params);
        canonical.put("operation", operation);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(json.writeValueAsString(canonical).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> Mono<T> blocking(Callable<T> work) {
        return Mono.fromCallable(work).subscribeOn(Schedulers.boundedElastic());
    }

    private static void requireId(String paymentIntentId) {
        if (paymentIntentId == null || paymentIntentId.isBlank()) {
            throw new IllegalArgumentException("a payment request needs the payment intent's id");
        }
    }

    private static PaymentRejectedException notFound(String operation, String paymentIntentId) {
        return new PaymentRejectedException(Reason.NOT_FOUND, "resource_missing", "Sandbox refused " + operation
                + ": no such payment intent " + paymentIntentId);
    }

    private static PaymentRejectedException unexpectedState(String operation, Intent intent, String code) {
        return new PaymentRejectedException(Reason.UNEXPECTED_STATE, code, "Sandbox refused " + operation + ": payment"
                + " intent " + intent.id() + " is " + intent.status() + ("charge_already_refunded".equals(code)
                        ? " and refunded in full" : ""));
    }

    private static PaymentRejectedException amountNotAllowed(String operation, String code, String why) {
        return new PaymentRejectedException(Reason.AMOUNT_NOT_ALLOWED, code, "Sandbox refused " + operation + ": "
                + why);
    }

    private static Intent intent(ResultSet rs, int row) throws SQLException {
        Currency currency = Currency.getInstance(rs.getString("currency"));
        OffsetDateTime captureBefore = rs.getObject("capture_before", OffsetDateTime.class);
        return new Intent(rs.getString("id"), rs.getString("status"),
                Money.ofMinor(rs.getLong("amount_minor"), currency),
                Money.ofMinor(rs.getLong("amount_capturable_minor"), currency),
                Money.ofMinor(rs.getLong("amount_received_minor"), currency),
                Money.ofMinor(rs.getLong("amount_refunded_minor"), currency),
                captureBefore == null ? null : captureBefore.toInstant());
    }

    /** A row of {@code sandbox_payment_intent}. */
    private record Intent(String id, String status, Money amount, Money capturable, Money received, Money refunded,
            Instant captureBefore) {

        /** Stripe's amounts carry no currency, so the Stripe adapter refuses a mismatch before sending; so this. */
        void requireCurrency(Money requested, String operation) {
            if (!amount.currency().equals(requested.currency())) {
                throw new PaymentRejectedException(Reason.AMOUNT_NOT_ALLOWED, null, "Sandbox refused " + operation
                        + ": payment intent " + id + " is in " + amount.currency().getCurrencyCode() + ", not "
                        + requested.currency().getCurrencyCode());
            }
        }
    }

    /** An outcome, and whether it was replayed for a repeated idempotency key. */
    private record Result(PaymentOutcome outcome, boolean replayed) {}

    /** An outcome as {@code sandbox_idempotency_key.response} keeps it. */
    record StoredOutcome(String type, String paymentIntentId, String amount, String currency, String captureBefore,
            String refundId, String code, String declineCode) {

        static StoredOutcome of(PaymentOutcome outcome) {
            if (outcome instanceof Authorized a) {
                return new StoredOutcome("authorized", a.paymentIntentId(), a.amount().amount().toPlainString(),
                        a.amount().currency().getCurrencyCode(), a.captureBefore().toString(), null, null, null);
            }
            if (outcome instanceof Captured c) {
                return new StoredOutcome("captured", c.paymentIntentId(), c.amount().amount().toPlainString(),
                        c.amount().currency().getCurrencyCode(), null, null, null, null);
            }
            if (outcome instanceof Voided v) {
                return new StoredOutcome("voided", v.paymentIntentId(), null, null, null, null, null, null);
            }
            if (outcome instanceof Refunded r) {
                return new StoredOutcome("refunded", r.paymentIntentId(), r.amount().amount().toPlainString(),
                        r.amount().currency().getCurrencyCode(), null, r.refundId(), null, null);
            }
            if (outcome instanceof Declined d) {
                return new StoredOutcome("declined", d.paymentIntentId(), null, null, null, null, d.code(),
                        d.declineCode());
            }
            if (outcome instanceof RequiresAction r) {
                return new StoredOutcome("requires_action", r.paymentIntentId(), null, null, null, null, null, null);
            }
            throw new IllegalStateException("the sandbox never stores " + outcome);
        }

        PaymentOutcome outcome() {
            return switch (type) {
                case "authorized" -> new Authorized(paymentIntentId, money(), Instant.parse(captureBefore));
                case "captured" -> new Captured(paymentIntentId, money());
                case "voided" -> new Voided(paymentIntentId);
                case "refunded" -> new Refunded(paymentIntentId, refundId, money());
                case "declined" -> new Declined(paymentIntentId, code, declineCode);
                case "requires_action" -> new RequiresAction(paymentIntentId);
                default -> throw new IllegalStateException("unreadable stored outcome " + type);
            };
        }

        private Money money() {
            return Money.of(new BigDecimal(amount), Currency.getInstance(currency));
        }
    }
}
