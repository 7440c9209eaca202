package io.movmo.booking.bookings;

import static org.assertj.core.api.Assertions.assertThat;

import io.movmo.booking.testing.EngineTest;
import io.movmo.booking.testing.SignedInUser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every sandbox scenario end to end over HTTP: the partner creates an offer, saves a card, books; the saga runs on
 * the sandbox gateway and provider; the answer is checked, and after every test the money invariants are checked on
 * the sandbox gateway's ledger and the sandbox provider's orders.
 */
@EngineTest
@TestPropertySource(properties = {
        "movmo.bookings.reconcile-window=4s",
        "movmo.bookings.backoff-initial=200ms",
        "movmo.bookings.backoff-max=1s",
        "db-scheduler.polling-interval=200ms"})
class BookingsIT {

    private static final String DUFFEL = "/v1/flights/providers/duffel/bookings";

    WebTestClient client;
    @Autowired
    void client(WebTestClient engine) {
        // a booking's answer may take the whole reconcile window, longer than the client's default 5 s
        this.client = engine.mutate().responseTimeout(java.time.Duration.ofSeconds(40)).build();
    }

    @Autowired JdbcClient jdbc;
    @Autowired JsonMapper json;

    // ---- the partner's side (BookingScenario) ----------------------------------------------------------------

    private String offer(String scenario) {
        return BookingScenario.offer(client, scenario);
    }

    private static String card(SignedInUser user, String stripePaymentMethod) {
        return BookingScenario.card(user, stripePaymentMethod);
    }

    private static String visa() {
        return BookingScenario.visa();
    }

    private Map<String, Object> request(SignedInUser user, String offerId, String paymentMethodId) {
        return BookingScenario.request(client, user, offerId, paymentMethodId);
    }

    private WebTestClient.ResponseSpec book(SignedInUser user, Map<String, Object> body) {
        return user.post(DUFFEL, body);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> booked(SignedInUser user, Map<String, Object> body) {
        Map<String, Object> response = book(user, body).expectStatus().isOk().expectBody(Map.class).returnResult()
                .getResponseBody();
        bookings.add((String) ((Map<String, Object>) response.get("booking")).get("id"));
        return response;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> booking(Map<String, Object> response) {
        return (Map<String, Object>) response.get("booking");
    }

    private final List<String> bookings = new ArrayList<>();

    private SignedInUser traveler(String name) {
        return SignedInUser.signIn(client, name + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.com");
    }

    // ---- money invariants --------------------------------------------------------------------------------------

    @AfterEach
    void moneyInvariantsHold() {
        // never a capture without a confirmed provider order
        assertThat(jdbc.sql("""
                SELECT count(*) FROM sandbox_payment_ledger l JOIN sandbox_payment_intent pi ON pi.id = l.payment_intent_id
                WHERE l.kind = 'captured' AND NOT EXISTS (
                    SELECT 1 FROM sandbox_provider_order o
                    WHERE o.reference = pi.metadata->>'booking_id' AND o.status IN ('confirmed', 'cancelled'))""")
                .query(Long.class).single()).as("captures without an order").isZero();
        // at most one capture per intent
        assertThat(jdbc.sql("""
                SELECT count(*) FROM (SELECT payment_intent_id FROM sandbox_payment_ledger WHERE kind = 'captured'
                                      GROUP BY payment_intent_id HAVING count(*) > 1) twice""")
                .query(Long.class).single()).as("intents captured twice").isZero();
        // refunds never exceed captures
        assertThat(jdbc.sql("SELECT count(*) FROM sandbox_payment_intent WHERE amount_refunded_minor > amount_received_minor")
                .query(Long.class).single()).isZero();
        // every booking that did not end confirmed or held leaves no open authorization
        for (String id : bookings) {
            String status = jdbc.sql("SELECT status FROM booking WHERE booking_id = :id::uuid").param("id", id)
                    .query(String.class).optional().orElse("unknown");
            if (status.equals("failed") || status.equals("cancelled")) {
                assertThat(jdbc.sql("""
                        SELECT count(*) FROM sandbox_payment_intent
                        WHERE metadata->>'booking_id' = :id AND status = 'requires_capture'""")
                        .param("id", id).query(Long.class).single()).as("open authorization of " + status + " " + id)
                        .isZero();
            }
        }
    }

    private long intentsOf(String bookingId) {
        return jdbc.sql("SELECT count(*) FROM sandbox_payment_intent WHERE metadata->>'booking_id' = :id")
                .param("id", bookingId).query(Long.class).single();
    }

    private long ordersOf(String bookingId) {
        return jdbc.sql("SELECT count(*) FROM sandbox_provider_order WHERE reference = :id")
                .param("id", bookingId).query(Long.class).single();
    }

    private String intentStatus(String paymentIntentId) {
        return jdbc.sql("SELECT status FROM sandbox_payment_intent WHERE id = :id").param("id", paymentIntentId)
                .query(String.class).single();
    }

    // ---- scenarios -------------------------------------------------------------------------------------------

    @Test
    void booksPaysAndConfirmsOnceHoweverOftenTheRequestIsRepeated() {
        SignedInUser user = traveler("booker");
        Map<String, Object> body = request(user, offer(null), card(user, visa()));

        Map<String, Object> response = booked(user, body);
        assertThat(response.get("status")).isEqualTo("confirmed");
        Map<String, Object> booking = booking(response);
        String id = (String) booking.get("id");
        assertThat(booking.get("airline_pnr")).isNotNull();
        assertThat(booking.get("provider_order_id")).isNotNull();
        assertThat(booking.get("idempotency_key")).isEqualTo(body.get("idempotency_key"));
        assertThat(response.get("payment_intent_id")).isEqualTo(booking.get("payment_intent_id"));
        assertThat(intentStatus((String) response.get("payment_intent_id"))).isEqualTo("succeeded");
        assertThat(((Map<?, ?>) response.get("metadata")).get("trip")).isEqualTo("summer");

        Map<String, Object> again = booked(user, body);
        assertThat(booking(again).get("id")).isEqualTo(id);
        assertThat(again.get("status")).isEqualTo("confirmed");
        assertThat(intentsOf(id)).isEqualTo(1);
        assertThat(ordersOf(id)).isEqualTo(1);

        user.get(DUFFEL + "/" + id).expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("confirmed").jsonPath("$.airline_pnr").isEqualTo(booking.get("airline_pnr"));
        SignedInUser stranger = traveler("stranger");
        stranger.get(DUFFEL + "/" + id).expectStatus().isForbidden();
        user.get(DUFFEL + "/" + UUID.randomUUID()).expectStatus().isNotFound();
    }

    @Test
    void theSameKeyWithAnotherRequestIsAConflictAndChangesNothing() {
        SignedInUser user = traveler("rekey");
        String card = card(user, visa());
        Map<String, Object> body = request(user, offer(null), card);
        String id = (String) booking(booked(user, body)).get("id");

        Map<String, Object> other = request(user, offer(null), card);
        other.put("idempotency_key", body.get("idempotency_key"));
        book(user, other).expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.message").value(m -> assertThat((String) m).contains("idempotency_key"));
        // the same request and key on another provider's route is not this booking either
        user.post("/v1/flights/providers/darwin/bookings", body).expectStatus().isEqualTo(409);
        assertThat(intentsOf(id)).isEqualTo(1);
    }

    @Test
    void concurrentDuplicatesMakeOneBookingAndOneAuthorization() {
        SignedInUser user = traveler("hasty");
        Map<String, Object> body = request(user, offer(null), card(user, visa()));
        List<CompletableFuture<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> book(user, body).returnResult(String.class).getStatus().value()));
        }
        assertThat(calls.stream().map(CompletableFuture::join).toList()).containsOnly(200);
        String id = (String) booking(booked(user, body)).get("id");
        assertThat(intentsOf(id)).isEqualTo(1);
        assertThat(ordersOf(id)).isEqualTo(1);
    }

    @Test
    void aDeclinedCardFailsTheBookingWithoutAnOrder() {
        SignedInUser user = traveler("declined");
        Map<String, Object> response = booked(user, request(user, offer(null), card(user, "pm_card_chargeDeclined")));
        assertThat(response.get("status")).isEqualTo("failed");
        assertThat(((Map<?, ?>) response.get("metadata")).get("failure_reason")).isEqualTo("card_declined");
        assertThat(ordersOf((String) booking(response).get("id"))).isZero();
    }

    @Test
    void aRefusedOrderVoidsTheAuthorization() {
        SignedInUser user = traveler("refused");
        Map<String, Object> response = booked(user, request(user, offer("order_fails"), card(user, visa())));
        assertThat(response.get("status")).isEqualTo("failed");
        assertThat(((Map<?, ?>) response.get("metadata")).get("failure_reason")).isEqualTo("order_rejected");
        String intent = (String) booking(response).get("payment_intent_id");
        assertThat(intentStatus(intent)).isEqualTo("canceled");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aPriceChangeIsReportedAndARetryBooksAtTheNewPrice() {
        SignedInUser user = traveler("repriced");
        Map<String, Object> body = request(user, offer("price_change"), card(user, visa()));
        Map<String, Object> change = book(user, body).expectStatus().isEqualTo(409).expectBody(Map.class)
                .returnResult().getResponseBody();
        assertThat(change.get("order_id")).isNotNull();
        assertThat(change.get("status_code")).isEqualTo(409);
        assertThat(new java.math.BigDecimal(change.get("new_total_amount").toString()))
                .isGreaterThan(new java.math.BigDecimal(change.get("old_total_amount").toString()));
        // repeating the first request answers the same price change
        book(user, body).expectStatus().isEqualTo(409);

        Map<String, Object> wrongOrder = new LinkedHashMap<>(body);
        wrongOrder.put("order_id", "ord_not_this_one");
        user.post(DUFFEL + "/retry", wrongOrder).expectStatus().isBadRequest();

        Map<String, Object> retry = new LinkedHashMap<>(body);
        retry.put("order_id", change.get("order_id"));
        Map<String, Object> response = user.post(DUFFEL + "/retry", retry).expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        bookings.add((String) booking(response).get("id"));
        assertThat(response.get("status")).isEqualTo("confirmed");
        assertThat(new java.math.BigDecimal(booking(response).get("total_amount").toString()))
                .isEqualByComparingTo(new java.math.BigDecimal(change.get("new_total_amount").toString()));
        String id = (String) booking(response).get("id");
        assertThat(intentsOf(id)).isEqualTo(2); // the first voided, the second captured
        assertThat(jdbc.sql("SELECT status FROM sandbox_payment_intent WHERE metadata->>'booking_id' = :id ORDER BY created_at")
                .param("id", id).query(String.class).list()).containsExactly("canceled", "succeeded");
        assertThat(ordersOf(id)).isEqualTo(1);

        // the retry sent again is a repeat: the same answer at once, nothing authorized or ordered again
        user.post(DUFFEL + "/retry", retry).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("confirmed");
        assertThat(intentsOf(id)).isEqualTo(2);
        assertThat(ordersOf(id)).isEqualTo(1);
    }

    @Test
    void anOrderWhoseAnswerWasLostIsFoundAndPaidOnce() {
        SignedInUser user = traveler("lost");
        Map<String, Object> response = booked(user, request(user, offer("timeout_then_created"), card(user, visa())));
        assertThat(response.get("status")).isEqualTo("confirmed");
        String id = (String) booking(response).get("id");
        assertThat(ordersOf(id)).isEqualTo(1);
        assertThat(intentsOf(id)).isEqualTo(1);
    }

    @Test
    void anOrderNeverCreatedIsVoidedAfterReconciliation() {
        SignedInUser user = traveler("never");
        Map<String, Object> response = booked(user, request(user, offer("timeout_not_created"), card(user, visa())));
        assertThat(response.get("status")).isEqualTo("failed");
        assertThat(((Map<?, ?>) response.get("metadata")).get("failure_reason")).isEqualTo("order_not_created");
        String id = (String) booking(response).get("id");
        assertThat(ordersOf(id)).isZero();
        assertThat(intentStatus((String) booking(response).get("payment_intent_id"))).isEqualTo("canceled");
    }

    @Test
    void aHeldBookingWaitsUnpaidAndItsCancellationReleasesTheCard() {
        SignedInUser user = traveler("holder");
        Map<String, Object> body = request(user, offer(null), card(user, visa()));
        body.put("order_type", "hold");
        Map<String, Object> response = booked(user, body);
        assertThat(response.get("status")).isEqualTo("booking_created");
        String id = (String) booking(response).get("id");
        String intent = (String) booking(response).get("payment_intent_id");
        assertThat(intentStatus(intent)).isEqualTo("requires_capture");

        SignedInUser stranger = traveler("canceller");
        stranger.delete(DUFFEL + "/" + id).expectStatus().isForbidden();
        user.delete(DUFFEL + "/" + id).expectStatus().isOk().expectBody()
                .jsonPath("$.is_cancelled").isEqualTo(true).jsonPath("$.booking_id").isEqualTo(id);
        assertThat(intentStatus(intent)).isEqualTo("canceled");
        assertThat(jdbc.sql("SELECT status FROM sandbox_provider_order WHERE reference = :id").param("id", id)
                .query(String.class).single()).isEqualTo("cancelled");
    }

    @Test
    void aConfirmedBookingIsCancelledAndRefundedOnceByItsOwnerOnly() {
        SignedInUser user = traveler("refunded");
        Map<String, Object> response = booked(user, request(user, offer(null), card(user, visa())));
        String id = (String) booking(response).get("id");
        String intent = (String) response.get("payment_intent_id");

        traveler("thief").delete(DUFFEL + "/" + id).expectStatus().isForbidden();
        assertThat(intentStatus(intent)).isEqualTo("succeeded");

        String first = user.delete(DUFFEL + "/" + id).expectStatus().isOk().expectBody(String.class).returnResult()
                .getResponseBody();
        String second = user.delete(DUFFEL + "/" + id).expectStatus().isOk().expectBody(String.class).returnResult()
                .getResponseBody();
        assertThat(json.readTree(second)).isEqualTo(json.readTree(first));
        JsonNode result = json.readTree(first);
        assertThat(result.path("is_cancelled").asBoolean()).isTrue();
        assertThat(result.path("refund_amount").decimalValue()).isPositive();
        assertThat(jdbc.sql("SELECT count(*) FROM sandbox_payment_ledger WHERE payment_intent_id = :pi AND kind = 'refunded'")
                .param("pi", intent).query(Long.class).single()).isEqualTo(1);
        user.get(DUFFEL + "/" + id).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("cancelled");
    }

    @Test
    @SuppressWarnings("unchecked")
    void badRequestsAreRefusedAndChangeNothing() {
        long intentsBefore = jdbc.sql("SELECT count(*) FROM sandbox_payment_intent").query(Long.class).single();
        SignedInUser user = traveler("careless");
        String card = card(user, visa());
        String offerId = offer(null);

        Map<String, Object> unknownOffer = request(user, offerId, card);
        unknownOffer.put("offer_id", "off_duffel_missing");
        book(user, unknownOffer).expectStatus().isBadRequest().expectBody().jsonPath("$.fields.offer_id").exists();

        Map<String, Object> wrongCurrency = request(user, offerId, card);
        wrongCurrency.put("currency", "JPY");
        book(user, wrongCurrency).expectStatus().isBadRequest().expectBody().jsonPath("$.fields.currency").exists();

        Map<String, Object> missingPassenger = request(user, offerId, card);
        ((List<?>) missingPassenger.get("passengers")).remove(0);
        book(user, missingPassenger).expectStatus().isBadRequest().expectBody().jsonPath("$.fields.passengers").exists();

        Map<String, Object> noPassport = request(user, offerId, card);
        ((List<Map<String, Object>>) noPassport.get("passengers")).get(0).remove("identity_documents");
        book(user, noPassport).expectStatus().isBadRequest().expectBody().jsonPath("$.fields.identity_documents").exists();

        Map<String, Object> strangersPassenger = request(user, offerId, card);
        ((List<Map<String, Object>>) strangersPassenger.get("passengers")).get(0).put("id", UUID.randomUUID().toString());
        book(user, strangersPassenger).expectStatus().isBadRequest().expectBody().jsonPath("$.fields.id").exists();

        SignedInUser other = traveler("owner");
        Map<String, Object> someoneElsesCard = request(user, offerId, card(other, "pm_" + UUID.randomUUID().toString().replace("-", "")));
        book(user, someoneElsesCard).expectStatus().isBadRequest().expectBody().jsonPath("$.fields.payment_method_id").exists();

        Map<String, Object> forSomeoneElse = request(user, offerId, card);
        forSomeoneElse.put("user_id", other.userId());
        book(user, forSomeoneElse).expectStatus().isForbidden();

        Map<String, Object> noKey = request(user, offerId, card);
        noKey.remove("idempotency_key");
        book(user, noKey).expectStatus().isBadRequest().expectBody().jsonPath("$.fields.idempotency_key").exists();

        assertThat(jdbc.sql("SELECT count(*) FROM sandbox_payment_intent").query(Long.class).single())
                .isEqualTo(intentsBefore);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theUsersTripsReflectEachOutcome() {
        SignedInUser user = traveler("tripper");
        String card = card(user, visa());
        String confirmed = (String) booking(booked(user, request(user, offer(null), card))).get("id");
        String refused = (String) booking(booked(user, request(user, offer("order_fails"), card))).get("id");
        String cancelled = (String) booking(booked(user, request(user, offer(null), card))).get("id");
        user.delete(DUFFEL + "/" + cancelled).expectStatus().isOk();

        // every answer below is validated against openapi.yaml by the test client
        List<Map<String, Object>> trips = user.get("/v1/users/" + user.userId() + "/bookings").expectStatus().isOk()
                .expectBody(List.class).returnResult().getResponseBody();
        Map<String, String> statuses = new HashMap<>();
        for (Map<String, Object> trip : trips) {
            statuses.put((String) trip.get("id"), (String) trip.get("status"));
        }
        // the fixture's flights left in October 2026: a confirmed trip is completed; a refused order was never a trip
        assertThat(statuses).containsEntry(confirmed, "completed").containsEntry(cancelled, "cancelled")
                .doesNotContainKey(refused);

        user.get("/v1/users/" + user.userId() + "/bookings/" + confirmed).expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("confirmed").jsonPath("$.provider_id").isEqualTo("duffel")
                .jsonPath("$.passenger_count").isEqualTo(3);
        user.get("/v1/users/" + user.userId() + "/bookings/" + refused).expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("failed");
        user.get("/v1/users/" + user.userId() + "/bookings/" + confirmed + "/offer").expectStatus().isOk()
                .expectBody().jsonPath("$.provider_id").isEqualTo("duffel");
        user.get("/v1/users/" + user.userId() + "/bookings/" + confirmed + "/passengers").expectStatus().isOk();
        traveler("nosy").get("/v1/users/" + user.userId() + "/bookings").expectStatus().isForbidden();
    }
}
