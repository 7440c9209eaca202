package io.movmo.booking.payments.gateway.sandbox;

import io.movmo.booking.shared.Money;
import io.movmo.booking.shared.SandboxAdapter;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.springframework.jdbc.core.simple.JdbcClient;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * What the {@link SandboxPaymentGateway} did to each payment intent, for tests and support: the entries in order
 * ({@code sandbox_payment_ledger}) and per-intent totals summed from them, as {@link Money} in the intent's currency.
 * Read-only; every read runs on {@link Schedulers#boundedElastic()} and is lazy.
 */
@SandboxAdapter
public class SandboxLedger {

    /** What one entry records. Stored in lower case. */
    public enum Kind {
        /** The amount was held on the card. */
        AUTHORIZED,
        /** The card declined; the amount is what was asked for, nothing is held. */
        DECLINED,
        /** The customer must authenticate; the amount is what was asked for, nothing is held. */
        REQUIRES_ACTION,
        /** The amount was taken from the hold. */
        CAPTURED,
        /** The rest of the hold, given back to the card by a partial capture. */
        RELEASED,
        /** The hold a cancel gave back to the card (zero for an intent that never held anything). */
        VOIDED,
        /** The amount was refunded; the entry's reference is the refund's id. */
        REFUNDED;

        String column() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Kind of(String column) {
            return valueOf(column.toUpperCase(Locale.ROOT));
        }
    }

    /**
     * One thing that happened to payment intent {@code paymentIntentId}, {@code sequence} ordering them.
     * {@code reference} is the refund id ({@code re_sandbox_…}) of a {@link Kind#REFUNDED} entry and
     * {@code code/decline_code} of a {@link Kind#DECLINED} one, else null; {@code idempotencyKey} is the request's.
     */
    public record Entry(long sequence, String paymentIntentId, Kind kind, Money amount, String reference,
            String idempotencyKey, Instant at) {}

    /**
     * A payment intent's totals: {@code requested} is what the authorization asked for; {@code authorized} what was
     * held, {@code captured} what was taken, {@code released} what voids and partial captures gave back to the card,
     * {@code refunded} what was refunded. {@code status} is Stripe's word for the intent now.
     */
    public record Totals(String paymentIntentId, String status, Money requested, Money authorized, Money captured,
            Money released, Money refunded) {

        /** What is still held on the card: authorized, less captured and released. */
        public Money held() {
            return authorized.minus(captured).minus(released);
        }

        /** What can still be refunded: captured less refunded. */
        public Money refundable() {
            return captured.minus(refunded);
        }
    }

    private static final String TOTALS = """
            SELECT i.id, i.status, i.currency, i.amount_minor, t.authorized, t.captured, t.released, t.refunded
            FROM sandbox_payment_intent i CROSS JOIN LATERAL (
                SELECT coalesce(sum(l.amount_minor) FILTER (WHERE l.kind = 'authorized'), 0) AS authorized,
                       coalesce(sum(l.amount_minor) FILTER (WHERE l.kind = 'captured'), 0) AS captured,
                       coalesce(sum(l.amount_minor) FILTER (WHERE l.kind IN ('released', 'voided')), 0) AS released,
                       coalesce(sum(l.amount_minor) FILTER (WHERE l.kind = 'refunded'), 0) AS refunded
                FROM sandbox_payment_ledger l WHERE l.payment_intent_id = i.id) t""";

    private final JdbcClient jdbc;

    public SandboxLedger(JdbcClient jdbc) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
    }

    /** The entries of {@code paymentIntentId}, oldest first; empty for an unknown intent. */
    public Mono<List<Entry>> entries(String paymentIntentId) {
        return Mono.fromCallable(() -> jdbc.sql("""
                SELECT l.id, l.payment_intent_id, l.kind, l.amount_minor, i.currency, l.reference, l.idempotency_key,
                       l.created_at
                FROM sandbox_payment_ledger l JOIN sandbox_payment_intent i ON i.id = l.payment_intent_id
                WHERE l.payment_intent_id = :id ORDER BY l.id""")
                .param("id", paymentIntentId)
                .query(SandboxLedger::entry)
                .list()).subscribeOn(Schedulers.boundedElastic());
    }

    /** The totals of {@code paymentIntentId}; empty for an unknown intent. */
    public Mono<Totals> totals(String paymentIntentId) {
        return Mono.fromCallable(() -> jdbc.sql(TOTALS + " WHERE i.id = :id")
                .param("id", paymentIntentId)
                .query(SandboxLedger::totals)
                .optional().orElse(null)).subscribeOn(Schedulers.boundedElastic());
    }

    /**
     * The totals of every intent authorized with metadata {@code key} = {@code value} (say {@code booking_id}), oldest
     * first: how support finds a booking's payments.
     */
    public Mono<List<Totals>> totalsByMetadata(String key, String value) {
        return Mono.fromCallable(() -> jdbc.sql(TOTALS
                        + " WHERE i.metadata @> jsonb_build_object(CAST(:key AS text), CAST(:value AS text))"
                        + " ORDER BY i.created_at, i.id")
                .param("key", key).param("value", value)
                .query(SandboxLedger::totals)
                .list()).subscribeOn(Schedulers.boundedElastic());
    }

    private static Entry entry(ResultSet rs, int row) throws SQLException {
        Currency currency = Currency.getInstance(rs.getString("currency"));
        return new Entry(rs.getLong("id"), rs.getString("payment_intent_id"), Kind.of(rs.getString("kind")),
                Money.ofMinor(rs.getLong("amount_minor"), currency), rs.getString("reference"),
                rs.getString("idempotency_key"), rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }

    private static Totals totals(ResultSet rs, int row) throws SQLException {
        Currency currency = Currency.getInstance(rs.getString("currency"));
        return new Totals(rs.getString("id"), rs.getString("status"),
                Money.ofMinor(rs.getLong("amount_minor"), currency),
                Money.ofMinor(rs.getLong("authorized"), currency),
                Money.ofMinor(rs.getLong("captured"), currency),
                Money.ofMinor(rs.getLong("released"), currency),
                Money.ofMinor(rs.getLong("refunded"), currency));
    }
}
