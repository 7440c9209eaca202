package io.movmo.booking.bookings.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.movmo.booking.bookings.BookingHistory;
import io.movmo.booking.bookings.api.AwaitBookingQuery;
import io.movmo.booking.bookings.api.BookingEvents.FailureReason;
import io.movmo.booking.bookings.api.BookingQuery;
import io.movmo.booking.bookings.api.BookingView;
import io.movmo.booking.platform.axon.ProcessorLag;
import io.movmo.booking.platform.axon.ReadYourWrites.Shown;
import io.movmo.booking.shared.Money;
import io.movmo.booking.shared.ProviderId;
import io.movmo.booking.shared.UserId;
import io.movmo.booking.testing.EngineTest;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The bookings read model over real PostgreSQL: booking histories appended to the event store as the aggregate would
 * append them, projected per status path, re-applied (redelivery) without effect, and pushed to subscription queries.
 */
@EngineTest
// made-up booking histories go straight into the event store: the saga must not act on them
@TestPropertySource(properties = "movmo.bookings.saga.enabled=false")
class BookingProjectionIT {

    private static final Instant T0 = Instant.parse("2030-05-01T10:00:00Z");

    @Autowired EventStore eventStore;
    @Autowired JdbcClient jdbc;
    @Autowired QueryGateway queries;
    @Autowired BookingProjection projection;
    @Autowired EventProcessingConfiguration processing;
    @Autowired ProcessorLag lag;

    private final UserId user = new UserId(UUID.randomUUID().toString());
    private final String saved = UUID.randomUUID().toString();

    private BookingHistory requested(Money total) {
        return BookingHistory.requested(user, ProviderId.DUFFEL, total,
                BookingHistory.roundTrip("2030-06-01T08:15:00", "2030-06-10T18:00:00"), saved, T0);
    }

    private Map<String, Object> row(BookingHistory history) {
        return jdbc.sql("SELECT * FROM booking WHERE booking_id = :id").param("id", UUID.fromString(history.bookingId))
                .query().singleRow();
    }

    private void awaitVersion(BookingHistory history) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> jdbc
                .sql("SELECT count(*) FROM booking WHERE booking_id = :id AND version = :v")
                .param("id", UUID.fromString(history.bookingId)).param("v", history.version())
                .query(Integer.class).single() == 1);
    }

    private List<String> timeline(BookingHistory history) {
        return jdbc.sql("SELECT event_type || ':' || status FROM booking_event WHERE booking_id = :id ORDER BY sequence")
                .param("id", UUID.fromString(history.bookingId)).query(String.class).list();
    }

    private String checksum(BookingHistory history) {
        UUID id = UUID.fromString(history.bookingId);
        StringBuilder sum = new StringBuilder();
        for (String table : List.of("booking", "booking_passenger", "booking_seat_selection", "booking_event")) {
            sum.append(jdbc.sql("SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM "
                    + table + " t WHERE booking_id = :id").param("id", id).query(String.class).single()).append(' ');
        }
        return sum.toString();
    }

    @Test
    void projectsAConfirmedBooking() {
        BookingHistory history = requested(Money.of("1245.00", "USD")).throughConfirmation("ABC123").publish(eventStore);
        awaitVersion(history);

        Map<String, Object> row = row(history);
        assertThat(row).containsEntry("status", "confirmed").containsEntry("airline_pnr", "ABC123")
                .containsEntry("provider_id", "duffel").containsEntry("user_id", UUID.fromString(user.value()))
                .containsEntry("provider_order_id", "ord_" + history.bookingId.substring(0, 8))
                .containsEntry("payment_intent_id", "pi_" + history.bookingId.substring(0, 8) + "_1")
                .containsEntry("trip_type", "round_trip").containsEntry("departure_at", "2030-06-01T08:15:00")
                .containsEntry("passenger_count", 2).containsEntry("adult_count", 1).containsEntry("child_count", 1)
                .containsEntry("held", false).containsEntry("price_change_count", 0)
                .containsEntry("version", 5L);
        assertThat((BigDecimal) row.get("total_amount")).isEqualByComparingTo("1245.00");
        assertThat((BigDecimal) row.get("captured_amount")).isEqualByComparingTo("1245.00");
        assertThat(row.get("authorized_at")).isNotNull();
        assertThat(row.get("captured_at")).isNotNull();
        assertThat(row.get("confirmed_at")).isNotNull();
        assertThat(row.get("failure_reason")).isNull();
        assertThat(timeline(history)).containsExactly("BookingRequested:pending", "PaymentAuthorized:payment_authorized",
                "ProviderOrderAttempted:payment_authorized", "ProviderOrderCreated:booking_created",
                "PaymentCaptured:payment_captured", "BookingConfirmed:confirmed");
        assertThat(jdbc.sql("""
                SELECT provider_passenger_id || '/' || coalesce(user_passenger_id::text, '-') || '/' || traveler_type
                FROM booking_passenger WHERE booking_id = :id ORDER BY position""")
                .param("id", UUID.fromString(history.bookingId)).query(String.class).list())
                .containsExactly(BookingHistory.PASSENGER + "/" + saved + "/adult", BookingHistory.SECOND_PASSENGER + "/-/child");
        Map<String, Object> seat = jdbc.sql("SELECT * FROM booking_seat_selection WHERE booking_id = :id")
                .param("id", UUID.fromString(history.bookingId)).query().singleRow();
        assertThat(seat).containsEntry("seat_number", "14A").containsEntry("seat_row", "14")
                .containsEntry("seat_column", "A").containsEntry("segment_id", "seg_1")
                .containsEntry("user_passenger_id", UUID.fromString(saved))
                .containsEntry("id", UUID.nameUUIDFromBytes(("booking-seat:" + history.bookingId + "|seg_1|"
                        + BookingHistory.PASSENGER).getBytes(java.nio.charset.StandardCharsets.UTF_8)));

        Optional<BookingView> view = queries.query(new BookingQuery(history.bookingId),
                ResponseTypes.optionalInstanceOf(BookingView.class)).join();
        assertThat(view).get().satisfies(v -> {
            assertThat(v.status()).isEqualTo(BookingView.CONFIRMED);
            assertThat(v.total()).isEqualTo(Money.of("1245.00", "USD"));
            assertThat(v.trip().passengerCount()).isEqualTo(2);
            assertThat(v.version()).isEqualTo(5);
            assertThat(v.settled()).isTrue();
        });
        assertThat(queries.query(new BookingQuery(UUID.randomUUID().toString()),
                ResponseTypes.optionalInstanceOf(BookingView.class)).join()).isEmpty();
        assertThat(queries.query(new AwaitBookingQuery(history.bookingId, 5), Shown.class).join().shown()).isTrue();
        assertThat(queries.query(new AwaitBookingQuery(history.bookingId, 6), Shown.class).join().shown()).isFalse();
    }

    @Test
    void aPriceChangeFailsTheBookingUntilTheRetryWhichThenConfirms() {
        BookingHistory history = requested(Money.of("100.00", "USD")).authorized("pi_first").attempted()
                .priceChanged(Money.of("120.00", "USD"), "ord_retry_1").publish(eventStore);
        awaitVersion(history);

        Map<String, Object> failed = row(history);
        assertThat(failed).containsEntry("status", "failed").containsEntry("failure_reason", "price_changed")
                .containsEntry("failure_message", "the fare went up").containsEntry("price_change_order_id", "ord_retry_1")
                .containsEntry("price_change_message", "the fare went up").containsEntry("price_change_count", 1)
                .containsEntry("payment_intent_id", "pi_first");
        assertThat((BigDecimal) failed.get("price_change_old_amount")).isEqualByComparingTo("100.00");
        assertThat((BigDecimal) failed.get("price_change_new_amount")).isEqualByComparingTo("120.00");
        assertThat(failed.get("price_change_expires_at")).isNotNull();
        BookingView view = queries.query(new BookingQuery(history.bookingId),
                ResponseTypes.optionalInstanceOf(BookingView.class)).join().orElseThrow();
        assertThat(view.priceChange()).isNotNull();
        assertThat(view.priceChange().newTotal()).isEqualTo(Money.of("120.00", "USD"));
        assertThat(view.priceChange().orderId()).isEqualTo("ord_retry_1");

        history.retried(Money.of("120.00", "USD")).publish(eventStore);
        awaitVersion(history);
        Map<String, Object> retried = row(history);
        assertThat(retried).containsEntry("status", "pending").containsEntry("price_change_count", 1);
        assertThat(retried.get("failure_reason")).isNull();
        assertThat(retried.get("price_change_new_amount")).isNull();
        assertThat(retried.get("price_change_order_id")).isNull();
        assertThat((BigDecimal) retried.get("total_amount")).isEqualByComparingTo("120.00");

        history.authorized("pi_second").attempted().created("ord_final", "XYZ789", false).captured().confirmed("XYZ789")
                .publish(eventStore);
        awaitVersion(history);
        Map<String, Object> confirmed = row(history);
        assertThat(confirmed).containsEntry("status", "confirmed").containsEntry("payment_intent_id", "pi_second")
                .containsEntry("provider_order_id", "ord_final").containsEntry("airline_pnr", "XYZ789");
        assertThat((BigDecimal) confirmed.get("captured_amount")).isEqualByComparingTo("120.00");
        assertThat(confirmed.get("price_change_new_amount")).isNull();
        assertThat(timeline(history)).contains("BookingPriceChanged:failed", "PaymentVoided:failed",
                "BookingRetryRequested:pending");
    }

    @Test
    void aHeldOrderIsHeldUntilPaid() {
        BookingHistory history = requested(Money.of("300.00", "EUR")).authorized("pi_hold").attempted()
                .created("ord_hold", null, true).publish(eventStore);
        awaitVersion(history);
        assertThat(row(history)).containsEntry("status", "booking_created").containsEntry("held", true);
        assertThat(row(history).get("payment_required_by")).isNotNull();

        history.holdPaid("HLD123").captured().confirmed(null).publish(eventStore);
        awaitVersion(history);
        assertThat(row(history)).containsEntry("status", "confirmed").containsEntry("held", false)
                .containsEntry("airline_pnr", "HLD123").containsEntry("provider_order_id", "ord_hold");
    }

    @Test
    void aCancelledBookingRecordsItsRefund() {
        BookingHistory history = requested(Money.of("500.00", "USD")).throughConfirmation("CAN123")
                .cancelledWithRefund().publish(eventStore);
        awaitVersion(history);
        Map<String, Object> row = row(history);
        assertThat(row).containsEntry("status", "cancelled").containsEntry("refund_currency", "USD")
                .containsEntry("refunded_currency", "USD").containsEntry("cancellation_reason", "plans changed");
        assertThat((BigDecimal) row.get("refund_amount")).isEqualByComparingTo("500.00");
        assertThat((BigDecimal) row.get("refunded_amount")).isEqualByComparingTo("500.00");
        assertThat(row.get("cancelled_at")).isNotNull();
        BookingView view = queries.query(new BookingQuery(history.bookingId),
                ResponseTypes.optionalInstanceOf(BookingView.class)).join().orElseThrow();
        assertThat(view.refund()).isEqualTo(Money.of("500.00", "USD"));
        assertThat(view.cancelledAt()).isEqualTo(history.lastAt());
    }

    @Test
    void aFailedBookingKeepsItsReason() {
        BookingHistory history = requested(Money.of("90.00", "USD")).failed(FailureReason.CARD_DECLINED)
                .publish(eventStore);
        awaitVersion(history);
        assertThat(row(history)).containsEntry("status", "failed").containsEntry("failure_reason", "card_declined")
                .containsEntry("failure_message", "it did not work out");
    }

    @Test
    void redeliveredEventsChangeNothing() throws Exception {
        BookingHistory history = requested(Money.of("100.00", "USD")).authorized("pi_a").attempted()
                .priceChanged(Money.of("110.00", "USD"), "ord_r").retried(Money.of("110.00", "USD"))
                .throughConfirmation("RED123").cancelledWithRefund().publish(eventStore);
        awaitVersion(history);
        String before = checksum(history);

        // Every event again, as a processor redelivers them after a crash before its token was stored.
        List<Object> events = history.events();
        for (int seq = 0; seq < events.size(); seq++) {
            apply(events.get(seq), seq);
        }
        // And an old one after newer ones: still nothing.
        apply(events.get(3), 3);
        assertThat(checksum(history)).isEqualTo(before);
        assertThat(row(history)).containsEntry("status", "cancelled").containsEntry("price_change_count", 1);
    }

    private void apply(Object event, long seq) throws Exception {
        for (Method handler : BookingProjection.class.getDeclaredMethods()) {
            if (handler.getName().equals("on") && handler.getParameterTypes()[0] == event.getClass()) {
                handler.setAccessible(true);
                handler.invoke(projection, event, seq);
                return;
            }
        }
        throw new AssertionError("no handler for " + event.getClass());
    }

    @Test
    void pushesEveryChangeToSubscribers() {
        BookingHistory history = requested(Money.of("70.00", "USD"));
        SubscriptionQueryResult<Optional<BookingView>, BookingView> subscription = queries.subscriptionQuery(
                new BookingQuery(history.bookingId), ResponseTypes.optionalInstanceOf(BookingView.class),
                ResponseTypes.instanceOf(BookingView.class));
        List<BookingView> updates = new CopyOnWriteArrayList<>();
        try {
            assertThat(subscription.initialResult().block(Duration.ofSeconds(5))).isEmpty();
            subscription.updates().subscribe(updates::add);
            history.throughConfirmation("SUB123").publish(eventStore);
            await().atMost(Duration.ofSeconds(20)).until(() -> updates.stream().anyMatch(v -> v.version() == 5));
        } finally {
            subscription.close();
        }
        List<String> statuses = new ArrayList<>();
        updates.forEach(v -> statuses.add(v.version() + ":" + v.status()));
        assertThat(statuses).containsSubsequence("0:pending", "1:payment_authorized", "3:booking_created",
                "4:payment_captured", "5:confirmed");
        assertThat(updates).allSatisfy(v -> assertThat(v.id()).isEqualTo(history.bookingId));
    }

    @Test
    void lagCountsTheEventsAStoppedProcessorHasNotHandled() {
        StreamingEventProcessor bookings = processing.eventProcessor("bookings", StreamingEventProcessor.class)
                .orElseThrow();
        BookingHistory warmup = requested(Money.of("10.00", "USD")).publish(eventStore);
        awaitVersion(warmup);
        await().atMost(Duration.ofSeconds(20)).until(() -> lag.measure().lags().get("bookings") == 0);
        bookings.shutDown();
        try {
            BookingHistory unseen = requested(Money.of("10.00", "USD")).throughConfirmation("LAG123").publish(eventStore);
            assertThat(lag.measure().lags().get("bookings")).isEqualTo(unseen.version() + 1);
            assertThat(lag.measure().head()).isPositive();
        } finally {
            bookings.start();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> lag.measure().lags().get("bookings") == 0);
        assertThat(lag.measure().lags()).containsKeys("bookings", "offers", "passengers")
                .allSatisfy((name, value) -> assertThat(value).isNotNegative());
    }
}
