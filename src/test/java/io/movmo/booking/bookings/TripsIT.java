package io.movmo.booking.bookings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.movmo.booking.bookings.api.BookingEvents.FailureReason;
import io.movmo.booking.shared.Money;
import io.movmo.booking.shared.ProviderId;
import io.movmo.booking.shared.UserId;
import io.movmo.booking.testing.EngineTest;
import io.movmo.booking.testing.Partners;
import io.movmo.booking.testing.SignedInUser;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The user's trip routes over HTTP (every response checked against openapi.yaml): the trip list and its computed
 * status, a booking, its passengers and its offer, and that nobody but the owner reaches them.
 */
@EngineTest
// made-up booking histories go straight into the event store: the saga must not act on them
@TestPropertySource(properties = "movmo.bookings.saga.enabled=false")
class TripsIT {

    private static final String BOOKINGS = "/v1/users/{me}/bookings";

    @Autowired WebTestClient client;
    @Autowired EventStore eventStore;
    @Autowired JdbcClient jdbc;

    private void projected(BookingHistory... histories) {
        for (BookingHistory history : histories) {
            history.publish(eventStore);
        }
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            for (BookingHistory history : histories) {
                assertThat(jdbc.sql("SELECT version FROM booking WHERE booking_id = :id")
                        .param("id", UUID.fromString(history.bookingId)).query(Long.class).optional())
                        .contains(history.version());
            }
        });
    }

    private static BookingHistory booking(SignedInUser user, String departure, String ret, Instant at) {
        return BookingHistory.requested(new UserId(user.userId()), ProviderId.DUFFEL, Money.of("480.00", "USD"),
                ret == null ? BookingHistory.oneWay(departure) : BookingHistory.roundTrip(departure, ret), null, at);
    }

    @Test
    void listsTripsWithAComputedStatusLeavingOutBookingsThatNeverHadAnOrder() {
        SignedInUser user = SignedInUser.signIn(client, "traveller.trips@example.com");
        Instant t = Instant.parse("2025-01-01T00:00:00Z");
        BookingHistory upcoming = booking(user, "2099-06-01T08:15:00", "2099-06-10T18:00:00", t)
                .throughConfirmation("UPC123");
        BookingHistory completed = booking(user, "2001-01-01T10:00:00", null, t.plusSeconds(3600))
                .throughConfirmation("DON123");
        BookingHistory stillAway = booking(user, "2001-01-01T10:00:00", "2099-01-01T10:00:00", t.plusSeconds(7200))
                .throughConfirmation("AWY123");
        BookingHistory cancelled = booking(user, "2099-07-01T08:00:00", null, t.plusSeconds(10800))
                .throughConfirmation("CAN123").cancelledWithRefund();
        BookingHistory declined = booking(user, "2099-07-01T08:00:00", null, t.plusSeconds(14400))
                .authorized("pi_declined").failed(FailureReason.CARD_DECLINED);
        BookingHistory failedAfterOrder = booking(user, "2099-07-01T08:00:00", null, t.plusSeconds(18000))
                .authorized("pi_f").attempted().created("ord_f", "FAI123", false).failed(FailureReason.CAPTURE_FAILED);
        BookingHistory pending = booking(user, "2099-08-01T08:00:00", null, t.plusSeconds(21600));
        projected(upcoming, completed, stillAway, cancelled, declined, failedAfterOrder, pending);

        List<Map<String, Object>> trips = list(user);
        Map<String, String> statuses = new HashMap<>();
        trips.forEach(trip -> statuses.put((String) trip.get("id"), (String) trip.get("status")));
        assertThat(statuses).containsOnlyKeys(upcoming.bookingId, completed.bookingId, stillAway.bookingId,
                cancelled.bookingId, failedAfterOrder.bookingId, pending.bookingId);
        assertThat(statuses).containsEntry(upcoming.bookingId, "upcoming").containsEntry(completed.bookingId, "completed")
                .containsEntry(stillAway.bookingId, "upcoming").containsEntry(cancelled.bookingId, "cancelled")
                .containsEntry(failedAfterOrder.bookingId, "cancelled").containsEntry(pending.bookingId, "upcoming");
        // newest first
        assertThat(trips.get(0).get("id")).isEqualTo(pending.bookingId);
        assertThat(trips.get(trips.size() - 1).get("id")).isEqualTo(upcoming.bookingId);

        Map<String, Object> first = trips.stream().filter(trip -> trip.get("id").equals(upcoming.bookingId)).findFirst()
                .orElseThrow();
        assertThat(first).containsEntry("user_id", user.userId()).containsEntry("trip_type", "round_trip")
                .containsEntry("origin_iata_code", "LAX").containsEntry("destination_iata_code", "JFK")
                .containsEntry("departure_date", "2099-06-01").containsEntry("return_date", "2099-06-10")
                .containsEntry("airline_name", "Duffel Airways").containsEntry("pnr", "UPC123")
                .containsEntry("passenger_count", 2).containsEntry("adult_count", 1).containsEntry("child_count", 1)
                .containsEntry("currency", "USD").containsEntry("total_price", 480.0);
        Map<String, Object> waiting = trips.get(0);
        assertThat(waiting).containsEntry("pnr", "").doesNotContainKey("return_date");
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> list(SignedInUser user) {
        return user.get(BOOKINGS).expectStatus().isOk().expectBody(List.class).returnResult().getResponseBody();
    }

    @Test
    void readsABookingItsPassengersAndItsOffer() throws IOException {
        SignedInUser user = SignedInUser.signIn(client, "traveller.reads@example.com");
        String saved = user.create("/v1/users/{me}/passengers", Map.of("first_name", "Ana", "last_name", "Trip",
                "gender", "female", "date_of_birth", "1990-01-02", "email", "ana.trip@example.com"));
        String offerId = createOffer();
        Map<String, Object> offerRow = jdbc.sql("SELECT partner_id, normalized->>'providerOfferId' AS native FROM offer"
                + " WHERE offer_id = :id").param("id", offerId).query().singleRow();
        String partner = (String) offerRow.get("partner_id");
        String nativeId = (String) offerRow.get("native");
        assertThat(nativeId).isNotBlank();
        UserId owner = new UserId(user.userId());
        Instant t = Instant.parse("2026-02-01T09:00:00Z");
        BookingHistory booked = BookingHistory.requested(UUID.randomUUID().toString(), owner, partner,
                ProviderId.DUFFEL, offerId, nativeId, Money.of("1245.00", "USD"),
                BookingHistory.roundTrip("2099-06-01T08:15:00", "2099-06-10T18:00:00"), saved, t)
                .throughConfirmation("REA123");
        BookingHistory byNativeId = BookingHistory.requested(UUID.randomUUID().toString(), owner, partner,
                ProviderId.DUFFEL, null, nativeId, Money.of("99.00", "USD"), BookingHistory.oneWay("2099-01-01T00:00:00"),
                saved, t);
        BookingHistory offerGone = BookingHistory.requested(UUID.randomUUID().toString(), owner, partner,
                ProviderId.DUFFEL, "off_duffel_gone", "off_native_gone", Money.of("99.00", "USD"),
                BookingHistory.oneWay("2099-01-01T00:00:00"), saved, t);
        projected(booked, byNativeId, offerGone);

        String path = BOOKINGS + "/" + booked.bookingId;
        user.get(path).expectStatus().isOk().expectBody()
                .jsonPath("$.id").isEqualTo(booked.bookingId)
                .jsonPath("$.user_id").isEqualTo(user.userId())
                .jsonPath("$.flight_offer_id").isEqualTo(offerId)
                .jsonPath("$.provider_offer_id").isEqualTo(nativeId)
                .jsonPath("$.provider_id").isEqualTo("duffel")
                .jsonPath("$.status").isEqualTo("confirmed")
                .jsonPath("$.airline_pnr").isEqualTo("REA123")
                .jsonPath("$.provider_order_id").isEqualTo("ord_" + booked.bookingId.substring(0, 8))
                .jsonPath("$.payment_intent_id").isEqualTo("pi_" + booked.bookingId.substring(0, 8) + "_1")
                .jsonPath("$.total_amount").isEqualTo(1245.0)
                .jsonPath("$.currency").isEqualTo("USD")
                .jsonPath("$.idempotency_key").isEqualTo("idem-" + booked.bookingId)
                .jsonPath("$.departure_date").isEqualTo("2099-06-01T08:15:00Z")
                .jsonPath("$.return_date").isEqualTo("2099-06-10T18:00:00Z")
                .jsonPath("$.passenger_count").isEqualTo(2)
                .jsonPath("$.created_at").isEqualTo("2026-02-01T09:00:00Z");

        // Only the saved passenger has a Passenger to show; the second passenger was never saved.
        user.get(path + "/passengers").expectStatus().isOk().expectBody()
                .jsonPath("$.length()").isEqualTo(1)
                .jsonPath("$[0].id").isEqualTo(saved)
                .jsonPath("$[0].first_name").isEqualTo("Ana")
                .jsonPath("$[0].email").isEqualTo("ana.trip@example.com")
                .jsonPath("$[0].traveler_type").isEqualTo("adult")
                .jsonPath("$[0].seat_number").isEqualTo("14A")
                .jsonPath("$[0].seat_selections.length()").isEqualTo(1)
                .jsonPath("$[0].seat_selections[0].booking_id").isEqualTo(booked.bookingId)
                .jsonPath("$[0].seat_selections[0].user_passenger_id").isEqualTo(saved)
                .jsonPath("$[0].seat_selections[0].segment_id").isEqualTo("seg_1")
                .jsonPath("$[0].seat_selections[0].seat_row").isEqualTo("14")
                .jsonPath("$[0].seat_selections[0].seat_column").isEqualTo("A")
                .jsonPath("$[0].seat_selections[0].price").isEqualTo(25.0)
                .jsonPath("$[0].seat_selections[0].currency").isEqualTo("USD");

        user.get(path + "/offer").expectStatus().isOk().expectBody()
                .jsonPath("$.id").isEqualTo(offerId).jsonPath("$.provider_id").isEqualTo("duffel");
        user.get(BOOKINGS + "/" + byNativeId.bookingId + "/offer").expectStatus().isOk().expectBody()
                .jsonPath("$.id").isEqualTo(offerId);
        user.get(BOOKINGS + "/" + offerGone.bookingId + "/offer").expectStatus().isNotFound();

        // A passenger deleted since stays on the bookings that name it.
        user.delete("/v1/users/{me}/passengers/" + saved).expectStatus().isNoContent();
        user.get(path + "/passengers").expectStatus().isOk().expectBody()
                .jsonPath("$.length()").isEqualTo(1).jsonPath("$[0].id").isEqualTo(saved);
    }

    @Test
    void onlyTheOwnerReachesABookingAndUnknownOnesAre404() {
        SignedInUser owner = SignedInUser.signIn(client, "traveller.owner@example.com");
        SignedInUser other = SignedInUser.signIn(client, "traveller.other@example.com");
        BookingHistory history = booking(owner, "2099-06-01T08:15:00", null, Instant.parse("2026-03-01T00:00:00Z"))
                .throughConfirmation("OWN123");
        projected(history);
        String theirs = "/v1/users/" + owner.userId() + "/bookings";
        for (String path : List.of(theirs, theirs + "/" + history.bookingId, theirs + "/" + history.bookingId + "/passengers",
                theirs + "/" + history.bookingId + "/offer")) {
            other.get(path).expectStatus().isForbidden().expectBody().jsonPath("$.message").isEqualTo("not allowed");
        }
        // Named under one's own path, another user's booking is as unknown as any.
        other.get(BOOKINGS + "/" + history.bookingId).expectStatus().isNotFound();
        other.get(BOOKINGS + "/" + history.bookingId + "/passengers").expectStatus().isNotFound();
        other.get(BOOKINGS + "/" + history.bookingId + "/offer").expectStatus().isNotFound();
        assertThat(list(other)).isEmpty();
        owner.get(BOOKINGS + "/" + UUID.randomUUID()).expectStatus().isNotFound();
        owner.get(BOOKINGS + "/not-a-booking-id").expectStatus().isNotFound();
        owner.get(BOOKINGS + "/" + UUID.randomUUID() + "/passengers").expectStatus().isNotFound();
        owner.get(BOOKINGS + "/" + history.bookingId).expectStatus().isOk();
        client.get().uri(theirs).header("x-api-key", Partners.SANDBOX_KEY).exchange().expectStatus().isUnauthorized();
    }

    @SuppressWarnings("unchecked")
    private String createOffer() throws IOException {
        ObjectNode offer;
        try (InputStream in = getClass().getResourceAsStream("/duffel/offer.json")) {
            offer = (ObjectNode) JsonMapper.builder().build().readTree(in);
        }
        if (offer.has("data")) {
            offer = (ObjectNode) offer.get("data");
        }
        offer.put("expires_at", Instant.now().plus(Duration.ofDays(1)).toString());
        Map<String, Object> created = client.post().uri("/v1/flights/providers/duffel/offers")
                .header("x-api-key", Partners.SANDBOX_KEY).contentType(MediaType.APPLICATION_JSON).bodyValue(offer)
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        return (String) created.get("offer_id");
    }
}
