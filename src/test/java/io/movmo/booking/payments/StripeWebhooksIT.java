package io.movmo.booking.payments;

import static org.assertj.core.api.Assertions.assertThat;

import com.stripe.Stripe;
import io.movmo.booking.testing.EngineTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Stripe's webhooks: verified by signature, recorded once, turned into events for the booking that owns the intent. */
@EngineTest
class StripeWebhooksIT {

    /** The sandbox's documented signing secret (application.yml). */
    private static final String SECRET = "whsec_movmo_sandbox_only";

    @Autowired WebTestClient client;
    @Autowired JdbcClient jdbc;

    static String signature(String payload, long timestamp, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String v1 = HexFormat.of().formatHex(mac.doFinal((timestamp + "." + payload).getBytes(StandardCharsets.UTF_8)));
        return "t=" + timestamp + ",v1=" + v1;
    }

    private WebTestClient.ResponseSpec deliver(String payload, String signature) {
        return client.post().uri("/v1/webhooks/stripe").header("Stripe-Signature", signature)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(payload).exchange();
    }

    private WebTestClient.ResponseSpec deliver(String payload) throws Exception {
        return deliver(payload, signature(payload, Instant.now().getEpochSecond(), SECRET));
    }

    private static String event(String id, String type, String object) {
        return """
                {"id":"%s","object":"event","api_version":"%s","created":1795000000,"livemode":false,
                 "pending_webhooks":1,"type":"%s","data":{"object":%s}}""".formatted(id, Stripe.API_VERSION, type, object);
    }

    private static String intent(String id, String status, long capturable, String bookingId) {
        String metadata = bookingId == null ? "{}" : "{\"booking_id\":\"" + bookingId + "\"}";
        return """
                {"id":"%s","object":"payment_intent","amount":12000,"amount_capturable":%d,"amount_received":0,"created":1795000000,
                 "capture_method":"manual","currency":"usd","status":"%s","cancellation_reason":"automatic",
                 "metadata":%s}""".formatted(id, capturable, status, metadata);
    }

    private long engineEvents(String type, String bookingId) {
        return jdbc.sql("SELECT count(*) FROM domainevententry WHERE payloadtype LIKE :type AND convert_from(payload, 'UTF8') LIKE :booking")
                .param("type", "%" + type).param("booking", "%" + bookingId + "%").query(Long.class).single();
    }

    @Test
    void turnsACanceledIntentIntoAnEventForItsBookingOnce() throws Exception {
        String booking = UUID.randomUUID().toString();
        String payload = event("evt_" + UUID.randomUUID(), "payment_intent.canceled", intent("pi_1", "canceled", 0, booking));
        deliver(payload).expectStatus().isOk().expectBody()
                .jsonPath("$.received").isEqualTo(true).jsonPath("$.outcome").isEqualTo("recorded");
        assertThat(engineEvents("PaymentIntentCanceledEvent", booking)).isEqualTo(1);

        // Stripe redelivers: acknowledged, nothing new.
        deliver(payload).expectStatus().isOk().expectBody().jsonPath("$.outcome").isEqualTo("duplicate");
        assertThat(engineEvents("PaymentIntentCanceledEvent", booking)).isEqualTo(1);
    }

    @Test
    void carriesTheCapturableAmountAndRefundsInExactMoney() throws Exception {
        String booking = UUID.randomUUID().toString();
        deliver(event("evt_" + UUID.randomUUID(), "payment_intent.amount_capturable_updated",
                intent("pi_2", "requires_capture", 12000, booking))).expectStatus().isOk()
                .expectBody().jsonPath("$.outcome").isEqualTo("recorded");
        String charge = """
                {"id":"ch_1","object":"charge","amount":12000,"amount_captured":12000,"amount_refunded":3050,
                 "currency":"usd","payment_intent":"pi_2","refunded":false,"status":"succeeded",
                 "metadata":{"booking_id":"%s"}}""".formatted(booking);
        deliver(event("evt_" + UUID.randomUUID(), "charge.refunded", charge)).expectStatus().isOk()
                .expectBody().jsonPath("$.outcome").isEqualTo("recorded");
        String capturable = jdbc.sql("SELECT convert_from(payload, 'UTF8') FROM domainevententry WHERE payloadtype LIKE '%PaymentIntentCapturableEvent' AND convert_from(payload, 'UTF8') LIKE :b")
                .param("b", "%" + booking + "%").query(String.class).single();
        assertThat(capturable).contains("\"amount\":120.00,\"currency\":\"USD\"")
                // Webhooks never expand the charge: Stripe's default 7 days from the intent's creation.
                .contains("\"captureBefore\":\"2026-11-25T11:06:40Z\"");
        String refunded = jdbc.sql("SELECT convert_from(payload, 'UTF8') FROM domainevententry WHERE payloadtype LIKE '%PaymentIntentRefundedEvent' AND convert_from(payload, 'UTF8') LIKE :b")
                .param("b", "%" + booking + "%").query(String.class).single();
        assertThat(refunded).contains("\"amount\":30.50,\"currency\":\"USD\"").contains("\"fullyRefunded\":false");
    }

    @Test
    void recordsButDoesNotActOnEventsWithoutABookingOrOfOtherTypes() throws Exception {
        String unmatched = "evt_" + UUID.randomUUID();
        deliver(event(unmatched, "payment_intent.canceled", intent("pi_3", "canceled", 0, null))).expectStatus().isOk()
                .expectBody().jsonPath("$.outcome").isEqualTo("unmatched");
        deliver(event("evt_" + UUID.randomUUID(), "customer.created", "{\"id\":\"cus_1\",\"object\":\"customer\"}"))
                .expectStatus().isOk().expectBody().jsonPath("$.outcome").isEqualTo("ignored");
        assertThat(jdbc.sql("SELECT outcome FROM stripe_webhook_event WHERE event_id = :id").param("id", unmatched)
                .query(String.class).single()).isEqualTo("unmatched");
    }

    @Test
    void refusesForgedStaleOrUnsignedEventsAndRecordsNothing() throws Exception {
        String id = "evt_" + UUID.randomUUID();
        String payload = event(id, "payment_intent.canceled", intent("pi_4", "canceled", 0, UUID.randomUUID().toString()));
        long now = Instant.now().getEpochSecond();
        deliver(payload, signature(payload, now, "whsec_someone_else")).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.message").isEqualTo("invalid Stripe-Signature");
        deliver(payload, signature(payload, now - 3600, SECRET)).expectStatus().isBadRequest();
        deliver(payload.replace("pi_4", "pi_5"), signature(payload, now, SECRET)).expectStatus().isBadRequest();
        client.post().uri("/v1/webhooks/stripe").contentType(MediaType.APPLICATION_JSON).bodyValue(payload).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.message").isEqualTo("missing Stripe-Signature header");
        String garbage = "{\"hello\":\"world\"}";
        deliver(garbage).expectStatus().isBadRequest();
        assertThat(jdbc.sql("SELECT count(*) FROM stripe_webhook_event WHERE event_id = :id").param("id", id)
                .query(Long.class).single()).isZero();
    }
}
