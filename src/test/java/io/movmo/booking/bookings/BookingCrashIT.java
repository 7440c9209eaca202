package io.movmo.booking.bookings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.movmo.booking.MovmoBookingApplication;
import io.movmo.booking.payments.gateway.AuthorizeRequest;
import io.movmo.booking.payments.gateway.PaymentGateway;
import io.movmo.booking.payments.gateway.PaymentIntentState;
import io.movmo.booking.payments.gateway.PaymentOutcome;
import io.movmo.booking.providers.port.CancellationOutcome;
import io.movmo.booking.providers.port.CancellationQuote;
import io.movmo.booking.providers.port.FlightProvider;
import io.movmo.booking.providers.port.NormalizedOffer;
import io.movmo.booking.providers.port.OfferPassengerUpdate;
import io.movmo.booking.providers.port.OrderOutcome;
import io.movmo.booking.providers.port.OrderRequest;
import io.movmo.booking.providers.port.PricingOutcome;
import io.movmo.booking.providers.port.ProviderOrder;
import io.movmo.booking.providers.port.SeatMap;
import io.movmo.booking.shared.Money;
import io.movmo.booking.shared.ProviderId;
import io.movmo.booking.testing.SignedInUser;
import io.movmo.booking.testing.TestPostgres;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.junit.jupiter.api.Test;
import io.movmo.booking.bookings.saga.BookingSteps;
import io.movmo.booking.bookings.saga.BookingSteps.BookingSagaSettings;
import io.movmo.booking.shared.pii.PersonalDataVault;
import org.springframework.context.annotation.Primary;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The engine stops in the middle of a booking and starts again on the same database: the saga resumes from the
 * store and completes, with one authorization and one provider order, and a deadline scheduled before the stop
 * fires after it. The first run's adapters are wrapped so that the call in question reaches the sandbox (the card is
 * authorized, the order created) but its answer never comes back before the engine stops.
 */
class BookingCrashIT {

    /** Which call of the first run never answers. */
    enum Hang { NONE, AUTHORIZE, CREATE_ORDER }

    static volatile Hang hang = Hang.NONE;

    @Configuration(proxyBeanMethods = false)
    static class HangingAdapters {

        /** The saga's and cancellation's hands, with the gateway and Duffel's simulator wrapped. */
        @Bean
        @Primary
        BookingSteps hangingSteps(PaymentGateway payments, List<FlightProvider> providers, JdbcClient jdbc,
                PersonalDataVault vault, JsonMapper json, BookingSagaSettings settings) {
            List<FlightProvider> wrapped = providers.stream()
                    .map(p -> p.id() == ProviderId.DUFFEL ? (FlightProvider) new HangingProvider(p) : p).toList();
            return BookingSteps.reading(new HangingGateway(payments), wrapped, jdbc, vault, json, settings,
                    java.time.Clock.systemUTC());
        }
    }


    private ConfigurableApplicationContext start(String database, boolean hanging) {
        SpringApplicationBuilder builder = new SpringApplicationBuilder(MovmoBookingApplication.class);
        if (hanging) {
            builder.sources(HangingAdapters.class);
        }
        return builder.run("--server.port=0", "--movmo.database.url=" + database,
                "--movmo.bookings.answer-wait=2s", "--movmo.bookings.step-timeout=10s",
                "--movmo.bookings.backoff-initial=200ms", "--movmo.bookings.backoff-max=1s",
                "--db-scheduler.polling-interval=200ms", "--spring.lifecycle.timeout-per-shutdown-phase=5s");
    }

    private static WebTestClient client(ConfigurableApplicationContext engine) {
        int port = ((WebServerApplicationContext) engine).getWebServer().getPort();
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(30))
                .build();
    }

    @Test
    void aBookingInterruptedAfterItsAuthorizationCompletesWithOneAuthorization() throws Exception {
        crashAndResume(Hang.AUTHORIZE, "instant");
    }

    @Test
    void aBookingInterruptedAfterItsProviderOrderCompletesWithOneOrder() throws Exception {
        crashAndResume(Hang.CREATE_ORDER, "instant");
    }

    private void crashAndResume(Hang where, String orderType) throws Exception {
        String database = TestPostgres.get().createDatabase();
        String bookingId;
        hang = where;
        try (ConfigurableApplicationContext first = start(database, true)) {
            JdbcClient jdbc = first.getBean(JdbcClient.class);
            WebTestClient client = client(first);
            SignedInUser user = SignedInUser.signIn(client, "crash." + where.name().toLowerCase() + "@example.com");
            Map<String, Object> body = request(client, user, offer(client), card(user), orderType);
            // answered pending (or not at all) while the call hangs; the booking id is (user, key)
            CompletableFuture.runAsync(() -> user.post("/v1/flights/providers/duffel/bookings", body).returnResult(String.class));
            bookingId = awaitBookingId(jdbc, where);
        }
        hang = Hang.NONE;
        try (ConfigurableApplicationContext second = start(database, false)) {
            JdbcClient jdbc = second.getBean(JdbcClient.class);
            String id = bookingId;
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(events(jdbc, id))
                    .contains("BookingConfirmedEvent"));
            assertThat(jdbc.sql("SELECT count(*) FROM sandbox_payment_intent WHERE metadata->>'booking_id' = :id")
                    .param("id", id).query(Long.class).single()).isEqualTo(1);
            assertThat(jdbc.sql("SELECT count(*) FROM sandbox_provider_order WHERE reference = :id")
                    .param("id", id).query(Long.class).single()).isEqualTo(1);
            assertThat(jdbc.sql("""
                    SELECT count(*) FROM sandbox_payment_ledger l JOIN sandbox_payment_intent pi ON pi.id = l.payment_intent_id
                    WHERE pi.metadata->>'booking_id' = :id AND l.kind = 'captured'""")
                    .param("id", id).query(Long.class).single()).isEqualTo(1);
            assertThat(events(jdbc, id)).containsOnlyOnce("PaymentAuthorizedEvent");
            if (where == Hang.CREATE_ORDER) {
                // the restarted saga found the order begun before the stop, and looked it up instead of ordering
                assertThat(events(jdbc, id)).containsOnlyOnce("ProviderOrderAttemptedEvent")
                        .contains("ProviderOrderOutcomeUnknownEvent");
            }
        }
    }

    @Test
    void aHoldPaymentDeadlineScheduledBeforeAStopFiresAfterIt() throws Exception {
        String database = TestPostgres.get().createDatabase();
        String bookingId;
        try (ConfigurableApplicationContext first = start(database, false)) {
            assertThat(first.getBean(DeadlineManager.class)).isInstanceOf(DbSchedulerDeadlineManager.class);
            JdbcClient jdbc = first.getBean(JdbcClient.class);
            WebTestClient client = client(first);
            SignedInUser user = SignedInUser.signIn(client, "crash.hold@example.com");
            Map<String, Object> body = request(client, user, offer(client), card(user), "hold");
            user.post("/v1/flights/providers/duffel/bookings", body).expectStatus().isOk();
            bookingId = awaitBookingId(jdbc, Hang.NONE);
            String id = bookingId;
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(events(jdbc, id))
                    .contains("ProviderOrderCreatedEvent"));
            await().atMost(Duration.ofSeconds(10)).until(() -> payHoldTask(jdbc).isPresent());
            assertThat(jdbc.sql("SELECT count(*) FROM scheduled_tasks WHERE task_name = 'AxonDeadline'")
                    .query(Long.class).single()).as("pay-hold and authorization-expiry").isEqualTo(2);
        }
        try (ConfigurableApplicationContext second = start(database, false)) {
            JdbcClient jdbc = second.getBean(JdbcClient.class);
            String id = bookingId;
            // the pay-hold deadline (due in a day) is brought forward; the restarted engine runs it
            String task = payHoldTask(jdbc).orElseThrow();
            jdbc.sql("UPDATE scheduled_tasks SET execution_time = now() WHERE task_instance = :t").param("t", task).update();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(events(jdbc, id))
                    .contains("HoldPaidEvent", "PaymentCapturedEvent", "BookingConfirmedEvent"));
            assertThat(jdbc.sql("SELECT status FROM sandbox_provider_order WHERE reference = :id").param("id", id)
                    .query(String.class).single()).isEqualTo("confirmed");
        }
    }

    /**
     * The hold-payment deadline: due within two days (an hour before the sandbox's 24-hour hold lapses), where the
     * authorization-expiry deadline is days away.
     */
    private static Optional<String> payHoldTask(JdbcClient jdbc) {
        List<String> due = jdbc.sql("""
                SELECT task_instance FROM scheduled_tasks
                WHERE task_name = 'AxonDeadline' AND execution_time BETWEEN now() + interval '1 hour'
                                                                     AND now() + interval '2 days'""")
                .query(String.class).list();
        assertThat(due).hasSizeLessThanOrEqualTo(1);
        return due.stream().findFirst();
    }

    private static List<String> events(JdbcClient jdbc, String bookingId) {
        return jdbc.sql("SELECT payloadtype FROM domainevententry WHERE aggregateidentifier = :id ORDER BY sequencenumber")
                .param("id", bookingId).query(String.class).list().stream()
                .map(type -> type.substring(type.lastIndexOf('$') + 1)).toList();
    }

    /** The booking once the hanging call has reached the sandbox (its authorization or its order exists). */
    private static String awaitBookingId(JdbcClient jdbc, Hang where) {
        String[] id = new String[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Optional<String> booking = jdbc.sql("""
                    SELECT aggregateidentifier FROM domainevententry WHERE payloadtype LIKE '%BookingRequestedEvent'
                    ORDER BY globalindex DESC LIMIT 1""").query(String.class).optional();
            if (booking.isEmpty()) {
                return false;
            }
            id[0] = booking.get();
            String sql = where == Hang.CREATE_ORDER
                    ? "SELECT count(*) FROM sandbox_provider_order WHERE reference = :id"
                    : "SELECT count(*) FROM sandbox_payment_intent WHERE metadata->>'booking_id' = :id";
            return where == Hang.NONE || jdbc.sql(sql).param("id", id[0]).query(Long.class).single() > 0;
        });
        return id[0];
    }

    // ---- the partner's side (BookingScenario) ----------------------------------------------------------------

    private static String offer(WebTestClient client) {
        return BookingScenario.offer(client, null);
    }

    private static String card(SignedInUser user) {
        return BookingScenario.card(user, BookingScenario.visa());
    }

    private static Map<String, Object> request(WebTestClient client, SignedInUser user, String offerId, String card,
            String orderType) {
        Map<String, Object> body = BookingScenario.request(client, user, offerId, card);
        body.put("order_type", orderType);
        return body;
    }

    // ---- adapters whose answer is lost --------------------------------------------------------------------------

    /** The call reaches the sandbox gateway; its answer never comes back while {@link #hang} says so. */
    record HangingGateway(PaymentGateway delegate) implements PaymentGateway {
        @Override
        public Mono<PaymentOutcome> authorize(AuthorizeRequest request) {
            return hang == Hang.AUTHORIZE ? delegate.authorize(request).then(Mono.never()) : delegate.authorize(request);
        }

        @Override
        public Mono<PaymentOutcome> capture(String paymentIntentId, Money amount, String idempotencyKey) {
            return delegate.capture(paymentIntentId, amount, idempotencyKey);
        }

        @Override
        public Mono<PaymentOutcome> voidAuthorization(String paymentIntentId, String idempotencyKey) {
            return delegate.voidAuthorization(paymentIntentId, idempotencyKey);
        }

        @Override
        public Mono<PaymentOutcome> refund(String paymentIntentId, Money amountOrNullForFull, String idempotencyKey) {
            return delegate.refund(paymentIntentId, amountOrNullForFull, idempotencyKey);
        }

        @Override
        public Mono<PaymentIntentState> retrieve(String paymentIntentId) {
            return delegate.retrieve(paymentIntentId);
        }
    }

    /** The order reaches the sandbox provider; its answer never comes back while {@link #hang} says so. */
    record HangingProvider(FlightProvider delegate) implements FlightProvider {
        @Override
        public ProviderId id() {
            return delegate.id();
        }

        @Override
        public NormalizedOffer normalize(JsonNode rawOffer) {
            return delegate.normalize(rawOffer);
        }

        @Override
        public Mono<PricingOutcome> price(JsonNode rawOffer) {
            return delegate.price(rawOffer);
        }

        @Override
        public Mono<List<SeatMap>> seatMaps(JsonNode rawOffer) {
            return delegate.seatMaps(rawOffer);
        }

        @Override
        public Mono<JsonNode> updatePassenger(JsonNode rawOffer, String providerPassengerId, OfferPassengerUpdate update) {
            return delegate.updatePassenger(rawOffer, providerPassengerId, update);
        }

        @Override
        public Mono<OrderOutcome> createOrder(OrderRequest request) {
            return hang == Hang.CREATE_ORDER ? delegate.createOrder(request).then(Mono.never())
                    : delegate.createOrder(request);
        }

        @Override
        public Mono<OrderOutcome> payHold(String providerOrderId, Money amount, String idempotencyKey) {
            return delegate.payHold(providerOrderId, amount, idempotencyKey);
        }

        @Override
        public Mono<Optional<ProviderOrder>> findOrder(String providerOrderId) {
            return delegate.findOrder(providerOrderId);
        }

        @Override
        public Mono<Optional<ProviderOrder>> findOrderByReference(String reference) {
            return delegate.findOrderByReference(reference);
        }

        @Override
        public Mono<CancellationQuote> quoteCancellation(String providerOrderId) {
            return delegate.quoteCancellation(providerOrderId);
        }

        @Override
        public Mono<CancellationOutcome> confirmCancellation(String providerOrderId, CancellationQuote quote,
                String idempotencyKey) {
            return delegate.confirmCancellation(providerOrderId, quote, idempotencyKey);
        }
    }
}
