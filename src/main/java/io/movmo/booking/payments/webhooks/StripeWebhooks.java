package io.movmo.booking.payments.webhooks;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Charge;
import com.stripe.model.Event;
import com.stripe.model.PaymentIntent;
import com.stripe.model.StripeObject;
import com.stripe.net.Webhook;
import io.movmo.booking.payments.api.PaymentIntentEvents.PaymentIntentCanceledEvent;
import io.movmo.booking.payments.api.PaymentIntentEvents.PaymentIntentCapturableEvent;
import io.movmo.booking.payments.api.PaymentIntentEvents.PaymentIntentRefundedEvent;
import io.movmo.booking.payments.stripe.StripeAmounts;
import io.movmo.booking.shared.Money;
import io.movmo.booking.web.ApiException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Verifies and records Stripe webhook events. Each Stripe event id is recorded once ({@code stripe_webhook_event});
 * a redelivery is acknowledged and ignored. The three events the booking saga needs become engine events, in the same
 * transaction as the record, so an event is never both acknowledged and lost: {@code payment_intent.canceled},
 * {@code payment_intent.amount_capturable_updated} and {@code charge.refunded}. The owning booking comes from the
 * intent's (or charge's) {@code booking_id} metadata; an event without one is recorded as {@code unmatched}, for
 * support. Others are recorded as {@code ignored}. Blocking: call from a worker thread.
 */
@Component
public class StripeWebhooks {

    private static final Logger log = LoggerFactory.getLogger(StripeWebhooks.class);

    /** Stripe's default tolerance for the signature's timestamp. */
    static final long TOLERANCE_SECONDS = 300;

    public enum Outcome {
        RECORDED("recorded"), DUPLICATE("duplicate"), UNMATCHED("unmatched"), IGNORED("ignored");

        private final String wire;

        Outcome(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    private final String signingSecret;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final EventGateway events;

    /** The signing secret the sandbox uses by default (application.yml), published in the README. */
    public static final String SANDBOX_SIGNING_SECRET = "whsec_movmo_sandbox_only";

    StripeWebhooks(StripeWebhookProperties properties, JdbcClient jdbc, PlatformTransactionManager transactions,
            EventGateway events, Environment environment) {
        if (SANDBOX_SIGNING_SECRET.equals(properties.signingSecret())
                && !environment.acceptsProfiles(Profiles.of("sandbox"))) {
            // Anyone who read the README could sign events: outside the sandbox only the endpoint's own secret will do.
            throw new IllegalStateException("MOVMO_STRIPE_WEBHOOK_SECRET must be the Stripe webhook endpoint's own"
                    + " signing secret outside the sandbox profile");
        }
        this.signingSecret = properties.signingSecret();
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactions);
        this.events = events;
    }

    public Outcome receive(String payload, String signature) {
        Event event;
        try {
            event = Webhook.constructEvent(payload, signature, signingSecret, TOLERANCE_SECONDS);
        } catch (SignatureVerificationException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid Stripe-Signature",
                    "the signature does not match the body under this endpoint's signing secret, or is too old");
        } catch (RuntimeException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "the body is not a Stripe event");
        }
        if (event.getId() == null || event.getType() == null || event.getData() == null) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "the body is not a Stripe event");
        }
        Instant occurredAt = Instant.ofEpochSecond(event.getCreated() == null ? Instant.now().getEpochSecond() : event.getCreated());
        Object domainEvent = translate(event, occurredAt);
        Outcome outcome = domainEvent == null ? Outcome.IGNORED
                : domainEvent == UNMATCHED ? Outcome.UNMATCHED : Outcome.RECORDED;
        Outcome result = transactions.execute(status -> {
            boolean first = jdbc.sql("""
                    INSERT INTO stripe_webhook_event (event_id, event_type, object_id, booking_id, outcome, occurred_at)
                    VALUES (:id, :type, :object, :booking, :outcome, :at) ON CONFLICT (event_id) DO NOTHING""")
                    .param("id", event.getId()).param("type", event.getType())
                    .param("object", objectId(event).orElse(null))
                    .param("booking", domainEvent == null || domainEvent == UNMATCHED ? null : bookingOf(domainEvent))
                    .param("outcome", outcome.wire()).param("at", Timestamp.from(occurredAt))
                    .update() == 1;
            if (!first) {
                return Outcome.DUPLICATE;
            }
            if (outcome == Outcome.RECORDED) {
                events.publish(domainEvent); // same transaction: recorded and published together, or neither
            }
            return outcome;
        });
        log.info("Stripe event {} ({}): {}", event.getId(), event.getType(), result.wire());
        return result;
    }

    private static final Object UNMATCHED = new Object();

    /** The engine event for a Stripe event, {@link #UNMATCHED} when no booking owns it, null when it is not one we use. */
    private static Object translate(Event event, Instant at) {
        Optional<StripeObject> object = readObject(event);
        if (object.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "the event's object could not be read",
                    "event " + event.getId() + " of type " + event.getType());
        }
        switch (event.getType()) {
            case "payment_intent.canceled" -> {
                PaymentIntent intent = (PaymentIntent) object.get();
                String booking = booking(intent.getMetadata());
                return booking == null ? UNMATCHED : new PaymentIntentCanceledEvent(booking, intent.getId(),
                        intent.getCancellationReason(), event.getId(), at);
            }
            case "payment_intent.amount_capturable_updated" -> {
                PaymentIntent intent = (PaymentIntent) object.get();
                String booking = booking(intent.getMetadata());
                Instant captureBefore = null;
                if (intent.getLatestChargeObject() != null && intent.getLatestChargeObject().getPaymentMethodDetails() != null
                        && intent.getLatestChargeObject().getPaymentMethodDetails().getCard() != null
                        && intent.getLatestChargeObject().getPaymentMethodDetails().getCard().getCaptureBefore() != null) {
                    captureBefore = Instant.ofEpochSecond(intent.getLatestChargeObject().getPaymentMethodDetails().getCard().getCaptureBefore());
                }
                if (captureBefore == null && intent.getCreated() != null) {
                    // Stripe does not expand the latest charge in webhooks: assume its default 7-day authorization,
                    // as the gateway does; the saga keeps its own margin and can retrieve the exact deadline.
                    captureBefore = Instant.ofEpochSecond(intent.getCreated()).plus(java.time.Duration.ofDays(7));
                }
                return booking == null ? UNMATCHED : new PaymentIntentCapturableEvent(booking, intent.getId(),
                        money(intent.getAmountCapturable(), intent.getCurrency()), captureBefore, event.getId(), at);
            }
            case "charge.refunded" -> {
                Charge charge = (Charge) object.get();
                String booking = booking(charge.getMetadata());
                return booking == null || charge.getPaymentIntent() == null ? UNMATCHED
                        : new PaymentIntentRefundedEvent(booking, charge.getPaymentIntent(),
                                money(charge.getAmountRefunded(), charge.getCurrency()), Boolean.TRUE.equals(charge.getRefunded()),
                                event.getId(), at);
            }
            default -> {
                return null;
            }
        }
    }

    /**
     * The event's object. An endpoint set to another API version than stripe-java's pin sends objects the SDK will not
     * read safely; the fields used here (ids, amounts, currency, metadata) are stable across versions, so they are
     * read anyway rather than refused into an endless retry.
     */
    private static Optional<StripeObject> readObject(Event event) {
        var deserializer = event.getDataObjectDeserializer();
        if (deserializer.getObject().isPresent()) {
            return deserializer.getObject();
        }
        try {
            return Optional.ofNullable(deserializer.deserializeUnsafe());
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static String booking(Map<String, String> metadata) {
        String booking = metadata == null ? null : metadata.get("booking_id");
        return booking == null || booking.isBlank() ? null : booking;
    }

    private static String bookingOf(Object domainEvent) {
        if (domainEvent instanceof PaymentIntentCanceledEvent e) {
            return e.bookingId();
        }
        if (domainEvent instanceof PaymentIntentCapturableEvent e) {
            return e.bookingId();
        }
        return ((PaymentIntentRefundedEvent) domainEvent).bookingId();
    }

    private static Optional<String> objectId(Event event) {
        return readObject(event)
                .map(o -> o instanceof PaymentIntent pi ? pi.getId() : o instanceof Charge c ? c.getId() : null);
    }

    /** Stripe's minor units back to Money (two-decimal ISK and the like are the Stripe adapter's to know). */
    private static Money money(Long minor, String currency) {
        return StripeAmounts.money(minor == null ? 0L : minor, currency);
    }
}
