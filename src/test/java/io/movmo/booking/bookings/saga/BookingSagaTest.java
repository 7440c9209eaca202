package io.movmo.booking.bookings.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.movmo.booking.bookings.api.BookingCommands.BeginHoldPayment;
import io.movmo.booking.bookings.api.BookingCommands.BeginProviderOrder;
import io.movmo.booking.bookings.api.BookingCommands.FailBooking;
import io.movmo.booking.bookings.api.BookingCommands.RecordAuthorization;
import io.movmo.booking.bookings.api.BookingCommands.RecordCapture;
import io.movmo.booking.bookings.api.BookingCommands.RecordHoldPaid;
import io.movmo.booking.bookings.api.BookingCommands.RecordPriceChange;
import io.movmo.booking.bookings.api.BookingCommands.RecordProviderOrder;
import io.movmo.booking.bookings.api.BookingCommands.RecordProviderOrderUnknown;
import io.movmo.booking.bookings.api.BookingDetails;
import io.movmo.booking.bookings.api.BookingEvents.BookingConfirmedEvent;
import io.movmo.booking.bookings.api.BookingEvents.BookingPriceChangedEvent;
import io.movmo.booking.bookings.api.BookingEvents.BookingRequestedEvent;
import io.movmo.booking.bookings.api.BookingEvents.BookingRetryRequestedEvent;
import io.movmo.booking.bookings.api.BookingEvents.FailureReason;
import io.movmo.booking.bookings.api.BookingEvents.HoldPaidEvent;
import io.movmo.booking.bookings.api.BookingEvents.PaymentAuthorizedEvent;
import io.movmo.booking.bookings.api.BookingEvents.ProviderOrderCreatedEvent;
import io.movmo.booking.bookings.api.BookingEvents.ProviderOrderOutcomeUnknownEvent;
import io.movmo.booking.bookings.saga.BookingSteps.BookingSagaSettings;
import io.movmo.booking.payments.api.PaymentIntentEvents.PaymentIntentCanceledEvent;
import io.movmo.booking.payments.gateway.AuthorizeRequest;
import io.movmo.booking.payments.gateway.PaymentGateway;
import io.movmo.booking.payments.gateway.PaymentIntentState;
import io.movmo.booking.payments.gateway.PaymentOutcome;
import io.movmo.booking.providers.port.CancellationOutcome;
import io.movmo.booking.providers.port.CancellationQuote;
import io.movmo.booking.providers.port.FlightProvider;
import io.movmo.booking.providers.port.OrderOutcome;
import io.movmo.booking.providers.port.OrderRequest;
import io.movmo.booking.providers.port.ProviderOrder;
import io.movmo.booking.shared.Money;
import io.movmo.booking.shared.ProviderId;
import io.movmo.booking.shared.UserId;
import io.movmo.booking.shared.pii.Sealed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Every transition of {@code sagas/booking-saga.md}, one test each (the table names them; BookingSagaSpecTest checks
 * the names resolve). The gateway and the provider are Mockito doubles of the ports; commands the saga sends are
 * recorded by the fixture's callback, and {@code BeginProviderOrder} answers as the aggregate would.
 */
class BookingSagaTest {

    static final String ID = "6a1d3a40-0000-4000-8000-000000000001";
    static final String USER = "00000000-0000-0000-0000-000000000001";
    static final Money TOTAL = Money.of("200.00", "USD");
    static final Money NEW_TOTAL = Money.of("220.00", "USD");
    static final String PI = "pi_1";
    static final String ORDER = "ord_1";

    SagaTestFixture<BookingSaga> fixture;
    PaymentGateway payments;
    FlightProvider provider;
    final List<Object> dispatched = new ArrayList<>();
    boolean orderNotBegunBefore = true;
    boolean holdNotBeingCancelled = true;
    Instant t0;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(BookingSaga.class);
        payments = mock(PaymentGateway.class);
        provider = mock(FlightProvider.class);
        when(provider.id()).thenReturn(ProviderId.DARWIN);
        t0 = fixture.currentTime();
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return fixture.currentTime();
            }
        };
        BookingSagaSettings settings = new BookingSagaSettings(Duration.ofSeconds(5), Duration.ofHours(6),
                Duration.ofHours(1), Duration.ofSeconds(90), Duration.ofMinutes(2), Duration.ofSeconds(1),
                Duration.ofSeconds(30), 3);
        BookingDetails details = new BookingDetails(
                List.of(new BookingDetails.Passenger(null, "pas_1", "adult", "Ms", "Jane", null, "Traveler",
                        "1988-07-12", null, null, "female", "123456789", List.of(), "adult")),
                new BookingDetails.Contact("jane@example.com", "+15550142", "Jane", "Traveler", null),
                "pm_card_visa", "cus_1", Map.of(), List.of());
        fixture.registerResource(new BookingSteps(payments, List.of(provider),
                offerId -> JsonNodeFactory.instance.objectNode().put("id", "pof_1"), sealed -> details, settings,
                clock));
        fixture.setCallbackBehavior((payload, metaData) -> {
            dispatched.add(payload);
            if (payload instanceof BeginProviderOrder) {
                return orderNotBegunBefore;
            }
            return payload instanceof BeginHoldPayment ? holdNotBeingCancelled : null;
        });
        when(payments.voidAuthorization(anyString(), anyString()))
                .thenAnswer(call -> Mono.just(new PaymentOutcome.Voided(call.getArgument(0))));
    }

    // ---- events -----------------------------------------------------------------------------------------------

    BookingRequestedEvent requested(OrderRequest.OrderType type) {
        return new BookingRequestedEvent(ID, new UserId(USER), "partner-1", ProviderId.DARWIN, "off_darwin_1",
                "pof_1", "33333333-3333-3333-3333-333333333333", TOTAL, type, "key-1", "fp",
                new Sealed("user:" + USER, "sealed"), null, List.of(), List.of(), t0);
    }

    BookingRequestedEvent requested() {
        return requested(OrderRequest.OrderType.INSTANT);
    }

    PaymentAuthorizedEvent authorized(int attempt, String intent, Money amount) {
        return new PaymentAuthorizedEvent(ID, attempt, intent, amount, captureBefore(), t0);
    }

    PaymentAuthorizedEvent authorized() {
        return authorized(1, PI, TOTAL);
    }

    Instant captureBefore() {
        return t0.plus(Duration.ofDays(7));
    }

    ProviderOrderCreatedEvent created(boolean held, Instant payBy, boolean reconciled) {
        return new ProviderOrderCreatedEvent(ID, ORDER, "PNR123", TOTAL, held, payBy, reconciled, t0);
    }

    /** The card holds whatever is asked (the first attempt's intent is {@code pi_1}, a retry's {@code pi_2}). */
    void authorizes(Money ignored) {
        when(payments.authorize(any())).thenAnswer(call -> Mono.just(new PaymentOutcome.Authorized(
                call.<AuthorizeRequest>getArgument(0).idempotencyKey().endsWith(":1") ? PI : "pi_2",
                call.<AuthorizeRequest>getArgument(0).amount(), captureBefore())));
    }

    @Test // row 1: a card that holds less than asked is released, never used
    void voidsAPartialAuthorization() {
        when(payments.authorize(any())).thenReturn(Mono.just(
                new PaymentOutcome.Authorized(PI, Money.of("150.00", "USD"), captureBefore())));
        fixture.givenNoPriorActivity().whenPublishingA(requested());

        verify(payments).voidAuthorization(PI, "booking:" + ID + ":void:1");
        assertThat(sent(FailBooking.class)).singleElement()
                .satisfies(c -> assertThat(c.reason()).isEqualTo(FailureReason.PARTIAL_AUTHORIZATION));
        verify(provider, never()).createOrder(any());
    }

    void orders(OrderOutcome outcome) {
        when(provider.createOrder(any())).thenReturn(Mono.just(outcome));
    }

    <T> List<T> sent(Class<T> type) {
        return dispatched.stream().filter(type::isInstance).map(type::cast).toList();
    }

    // ---- rows of the transition table ------------------------------------------------------------------------

    @Test // row 1
    void authorizesTheTotalWhenABookingIsRequested() {
        authorizes(TOTAL);
        fixture.givenNoPriorActivity().whenPublishingA(requested()).expectActiveSagas(1);

        ArgumentCaptor<AuthorizeRequest> request = ArgumentCaptor.forClass(AuthorizeRequest.class);
        verify(payments).authorize(request.capture());
        assertThat(request.getValue().amount()).isEqualTo(TOTAL);
        assertThat(request.getValue().idempotencyKey()).isEqualTo("booking:" + ID + ":authorize:1");
        assertThat(request.getValue().offSession()).isTrue();
        assertThat(request.getValue().paymentMethodId()).isEqualTo("pm_card_visa");
        assertThat(request.getValue().metadata()).containsEntry("booking_id", ID);
        assertThat(sent(RecordAuthorization.class)).singleElement()
                .satisfies(c -> assertThat(c.paymentIntentId()).isEqualTo(PI))
                .satisfies(c -> assertThat(c.attempt()).isEqualTo(1));
    }

    @Test // row 2
    void failsWithoutCallingTheProviderWhenTheCardIsDeclined() {
        when(payments.authorize(any())).thenReturn(Mono.just(
                new PaymentOutcome.Declined(null, "card_declined", "insufficient_funds")));
        fixture.givenNoPriorActivity().whenPublishingA(requested());

        verify(provider, never()).createOrder(any());
        assertThat(sent(FailBooking.class)).singleElement().satisfies(c -> {
            assertThat(c.reason()).isEqualTo(FailureReason.CARD_DECLINED);
            assertThat(c.message()).contains("insufficient_funds");
            assertThat(c.voidedPaymentIntentId()).isNull();
        });
        assertThat(sent(RecordAuthorization.class)).isEmpty();
    }

    @Test // row 3
    void ordersOnceTheAuthorizationHolds() {
        authorizes(TOTAL);
        orders(new OrderOutcome.Created(ORDER, "PNR123", TOTAL, false, null));
        fixture.givenAggregate(ID).published(requested())
                .whenPublishingA(authorized())
                .expectScheduledDeadlineWithName(captureBefore().minus(Duration.ofHours(6)),
                        BookingSaga.AUTHORIZATION_EXPIRY);

        ArgumentCaptor<OrderRequest> order = ArgumentCaptor.forClass(OrderRequest.class);
        verify(provider, times(1)).createOrder(order.capture());
        assertThat(order.getValue().reference()).isEqualTo(ID);
        assertThat(order.getValue().idempotencyKey()).isEqualTo("booking:" + ID + ":order:1");
        assertThat(order.getValue().type()).isEqualTo(OrderRequest.OrderType.INSTANT);
        assertThat(order.getValue().expectedTotal()).isEqualTo(TOTAL);
        assertThat(order.getValue().retryOrderId()).isNull();
        assertThat(order.getValue().passengers()).singleElement().satisfies(p -> assertThat(p.identityDocuments())
                .anySatisfy(d -> assertThat(d.type()).isEqualTo("known_traveler_number")));
        assertThat(sent(BeginProviderOrder.class)).singleElement().satisfies(c -> assertThat(c.attempt()).isEqualTo(1));
        assertThat(sent(RecordProviderOrder.class)).singleElement().satisfies(c -> {
            assertThat(c.providerOrderId()).isEqualTo(ORDER);
            assertThat(c.airlinePnr()).isEqualTo("PNR123");
            assertThat(c.held()).isFalse();
        });
    }

    @Test // row 3, after a crash: the order was begun before, so it is not sent again
    void reconcilesInsteadOfOrderingAgainAfterARestart() {
        authorizes(TOTAL);
        orderNotBegunBefore = false;
        fixture.givenAggregate(ID).published(requested()).whenPublishingA(authorized());

        verify(provider, never()).createOrder(any());
        assertThat(sent(RecordProviderOrderUnknown.class)).singleElement();
    }

    @Test // row 4
    void retriesAnUnknownAuthorizationWithTheSameKey() {
        when(payments.authorize(any()))
                .thenReturn(Mono.just(new PaymentOutcome.Unknown("timeout")))
                .thenReturn(Mono.just(new PaymentOutcome.Authorized(PI, TOTAL, captureBefore())));
        fixture.givenAggregate(ID).published(requested())
                .whenTimeElapses(Duration.ofSeconds(2));

        ArgumentCaptor<AuthorizeRequest> requests = ArgumentCaptor.forClass(AuthorizeRequest.class);
        verify(payments, times(2)).authorize(requests.capture());
        assertThat(requests.getAllValues()).extracting(AuthorizeRequest::idempotencyKey)
                .containsExactly("booking:" + ID + ":authorize:1", "booking:" + ID + ":authorize:1");
        assertThat(sent(RecordAuthorization.class)).singleElement();
        assertThat(sent(FailBooking.class)).isEmpty();
    }

    @Test // row 4, when the gateway stays silent past the window
    void failsWhenTheGatewayStaysSilent() {
        when(payments.authorize(any())).thenReturn(Mono.just(new PaymentOutcome.Unknown("timeout")));
        fixture.givenAggregate(ID).published(requested()).whenTimeElapses(Duration.ofMinutes(3));

        assertThat(sent(FailBooking.class)).singleElement()
                .satisfies(c -> assertThat(c.reason()).isEqualTo(FailureReason.PAYMENT_UNAVAILABLE));
        verify(provider, never()).createOrder(any());
    }

    @Test // row 5
    void capturesOnlyAfterTheOrderExists() {
        authorizes(TOTAL);
        orders(new OrderOutcome.Created(ORDER, "PNR123", TOTAL, false, null));
        when(payments.capture(anyString(), any(), anyString()))
                .thenReturn(Mono.just(new PaymentOutcome.Captured(PI, TOTAL)));
        fixture.givenAggregate(ID).published(requested(), authorized())
                .whenPublishingA(created(false, null, false));

        InOrder order = inOrder(provider, payments);
        order.verify(provider).createOrder(any());
        order.verify(payments).capture(PI, TOTAL, "booking:" + ID + ":capture");
        assertThat(sent(RecordCapture.class)).singleElement()
                .satisfies(c -> assertThat(c.amount()).isEqualTo(TOTAL));
    }

    @Test // row 6
    void schedulesHoldPaymentBeforeBothDeadlines() {
        authorizes(TOTAL);
        orders(new OrderOutcome.Created(ORDER, null, TOTAL, true, t0.plus(Duration.ofHours(24))));
        fixture.givenAggregate(ID).published(requested(OrderRequest.OrderType.HOLD), authorized())
                .whenPublishingA(created(true, t0.plus(Duration.ofHours(24)), false))
                // the provider's deadline comes first: pay an hour before it
                .expectScheduledDeadlineWithName(t0.plus(Duration.ofHours(23)), BookingSaga.PAY_HOLD);
        verify(payments, never()).capture(anyString(), any(), anyString());
        ArgumentCaptor<OrderRequest> order = ArgumentCaptor.forClass(OrderRequest.class);
        verify(provider).createOrder(order.capture());
        assertThat(order.getValue().type()).isEqualTo(OrderRequest.OrderType.HOLD);

        setUp();
        authorizes(TOTAL);
        orders(new OrderOutcome.Created(ORDER, null, TOTAL, true, t0.plus(Duration.ofDays(30))));
        fixture.givenAggregate(ID).published(requested(OrderRequest.OrderType.HOLD), authorized())
                .whenPublishingA(created(true, t0.plus(Duration.ofDays(30)), false))
                // the authorization lapses first: pay an hour before its expiry deadline (six hours before it lapses)
                .expectScheduledDeadlineWithName(captureBefore().minus(Duration.ofHours(7)), BookingSaga.PAY_HOLD);
    }

    @Test // row 7
    void voidsWhenTheProviderRejectsTheOrder() {
        authorizes(TOTAL);
        orders(new OrderOutcome.Rejected("invalid passenger name"));
        fixture.givenAggregate(ID).published(requested()).whenPublishingA(authorized());

        verify(payments).voidAuthorization(PI, "booking:" + ID + ":void:1");
        verify(payments, never()).capture(anyString(), any(), anyString());
        assertThat(sent(FailBooking.class)).singleElement().satisfies(c -> {
            assertThat(c.reason()).isEqualTo(FailureReason.ORDER_REJECTED);
            assertThat(c.voidedPaymentIntentId()).isEqualTo(PI);
        });
    }

    @Test // row 8
    void voidsAndReportsAPriceChange() {
        authorizes(TOTAL);
        Instant expires = t0.plus(Duration.ofMinutes(15));
        orders(new OrderOutcome.PriceChanged(NEW_TOTAL, "ord_pc", expires, "fare went up"));
        fixture.givenAggregate(ID).published(requested()).whenPublishingA(authorized());

        verify(payments).voidAuthorization(PI, "booking:" + ID + ":void:1");
        assertThat(sent(RecordPriceChange.class)).singleElement().satisfies(c -> {
            assertThat(c.newTotal()).isEqualTo(NEW_TOTAL);
            assertThat(c.providerOrderId()).isEqualTo("ord_pc");
            assertThat(c.retryOrderId()).isEqualTo("ord_pc");
            assertThat(c.expiresAt()).isEqualTo(expires);
            assertThat(c.voidedPaymentIntentId()).isEqualTo(PI);
        });
        assertThat(sent(FailBooking.class)).isEmpty();
    }

    @Test // row 8, for providers whose retry is a fresh order: the booking id stands in for the order id
    void aPriceChangeWithoutAnOrderIsRetriedByBookingId() {
        authorizes(TOTAL);
        orders(new OrderOutcome.PriceChanged(NEW_TOTAL, null, t0.plus(Duration.ofMinutes(15)), "fare went up"));
        fixture.givenAggregate(ID).published(requested()).whenPublishingA(authorized());

        assertThat(sent(RecordPriceChange.class)).singleElement()
                .satisfies(c -> assertThat(c.retryOrderId()).isEqualTo(ID));
    }

    @Test // row 8, again after a retry: a second price change names a new order_id
    void aSecondPriceChangeNamesANewOrderId() {
        authorizes(TOTAL);
        Instant expires = t0.plus(Duration.ofMinutes(15));
        orders(new OrderOutcome.PriceChanged(NEW_TOTAL, "ord_pc", expires, "fare went up"));
        fixture.givenAggregate(ID).published(requested(), authorized(),
                        new BookingPriceChangedEvent(ID, TOTAL, NEW_TOTAL, "ord_pc", "ord_pc", expires, "up", t0),
                        new BookingRetryRequestedEvent(ID, 2, NEW_TOTAL, "ord_pc", t0))
                .whenPublishingA(authorized(2, "pi_2", NEW_TOTAL));

        assertThat(sent(RecordPriceChange.class)).last().satisfies(c -> {
            assertThat(c.providerOrderId()).isEqualTo("ord_pc");
            assertThat(c.retryOrderId()).isEqualTo("ord_pc~2");
        });
    }

    @Test // row 9
    void reauthorizesTheNewAmountOnRetry() {
        authorizes(TOTAL);
        Instant expires = t0.plus(Duration.ofMinutes(15));
        orders(new OrderOutcome.PriceChanged(NEW_TOTAL, "ord_pc", expires, "fare went up"));
        fixture.givenAggregate(ID).published(requested(), authorized(),
                        new BookingPriceChangedEvent(ID, TOTAL, NEW_TOTAL, "ord_pc", "ord_pc", expires, "up", t0))
                .whenPublishingA(new BookingRetryRequestedEvent(ID, 2, NEW_TOTAL, "ord_pc", t0));

        ArgumentCaptor<AuthorizeRequest> requests = ArgumentCaptor.forClass(AuthorizeRequest.class);
        verify(payments, times(2)).authorize(requests.capture());
        assertThat(requests.getAllValues().get(1).idempotencyKey()).isEqualTo("booking:" + ID + ":authorize:2");
        assertThat(requests.getAllValues().get(1).amount()).isEqualTo(NEW_TOTAL);
        assertThat(sent(RecordAuthorization.class)).last().satisfies(c -> {
            assertThat(c.attempt()).isEqualTo(2);
            assertThat(c.paymentIntentId()).isEqualTo("pi_2");
        });

        // and the order of attempt 2 accepts the new price under the provider's order id
        dispatched.clear();
        orders(new OrderOutcome.Created("ord_pc", "PNR9", NEW_TOTAL, false, null));
        fixture.givenAggregate(ID).published(requested(), authorized(),
                        new BookingPriceChangedEvent(ID, TOTAL, NEW_TOTAL, "ord_pc", "ord_pc", expires, "up", t0),
                        new BookingRetryRequestedEvent(ID, 2, NEW_TOTAL, "ord_pc", t0))
                .whenPublishingA(authorized(2, "pi_2", NEW_TOTAL));
        ArgumentCaptor<OrderRequest> orders = ArgumentCaptor.forClass(OrderRequest.class);
        verify(provider, org.mockito.Mockito.atLeast(1)).createOrder(orders.capture());
        OrderRequest retry = orders.getAllValues().get(orders.getAllValues().size() - 1);
        assertThat(retry.retryOrderId()).isEqualTo("ord_pc");
        assertThat(retry.expectedTotal()).isEqualTo(NEW_TOTAL);
        assertThat(retry.idempotencyKey()).isEqualTo("booking:" + ID + ":order:2");
    }

    @Test // row 10
    void reconcilesAnUnknownOrderByReference() {
        authorizes(TOTAL);
        orders(new OrderOutcome.Unknown("timeout"));
        when(provider.findOrderByReference(ID)).thenReturn(Mono.just(Optional.empty()));
        fixture.givenAggregate(ID).published(requested(), authorized())
                .whenPublishingA(new ProviderOrderOutcomeUnknownEvent(ID, 1, "timeout", t0.plus(Duration.ofSeconds(90)), t0))
                .expectScheduledDeadlineWithName(t0.plus(Duration.ofSeconds(1)), BookingSaga.RECONCILE);

        verify(provider).findOrderByReference(ID);
        verify(provider, times(1)).createOrder(any());
        assertThat(sent(RecordProviderOrderUnknown.class)).singleElement(); // recorded in the given phase
        assertThat(sent(FailBooking.class)).isEmpty();
    }

    @Test // row 11
    void capturesAnOrderFoundAfterATimeout() {
        authorizes(TOTAL);
        orders(new OrderOutcome.Unknown("timeout"));
        when(provider.findOrderByReference(ID)).thenReturn(Mono.just(Optional.of(
                new ProviderOrder(ORDER, "PNR123", ID, "confirmed", TOTAL, null))));
        when(payments.capture(anyString(), any(), anyString()))
                .thenReturn(Mono.just(new PaymentOutcome.Captured(PI, TOTAL)));
        fixture.givenAggregate(ID).published(requested(), authorized(),
                        new ProviderOrderOutcomeUnknownEvent(ID, 1, "timeout", t0.plus(Duration.ofSeconds(90)), t0))
                .whenPublishingA(created(false, null, true));

        assertThat(sent(RecordProviderOrder.class)).singleElement().satisfies(c -> {
            assertThat(c.reconciled()).isTrue();
            assertThat(c.providerOrderId()).isEqualTo(ORDER);
        });
        verify(provider, times(1)).createOrder(any());
        verify(payments).capture(PI, TOTAL, "booking:" + ID + ":capture");
        assertThat(sent(RecordCapture.class)).singleElement();
    }

    @Test // row 12
    void voidsWhenNoOrderExistsAfterReconciliation() {
        authorizes(TOTAL);
        orders(new OrderOutcome.Unknown("timeout"));
        when(provider.findOrderByReference(ID)).thenReturn(Mono.just(Optional.empty()));
        fixture.givenAggregate(ID).published(requested(), authorized(),
                        new ProviderOrderOutcomeUnknownEvent(ID, 1, "timeout", t0.plus(Duration.ofSeconds(90)), t0))
                .whenTimeElapses(Duration.ofSeconds(120));

        verify(provider, times(1)).createOrder(any());
        verify(provider, org.mockito.Mockito.atLeast(2)).findOrderByReference(ID); // looked again before giving up
        verify(payments).voidAuthorization(PI, "booking:" + ID + ":void:1");
        assertThat(sent(FailBooking.class)).singleElement().satisfies(c -> {
            assertThat(c.reason()).isEqualTo(FailureReason.ORDER_NOT_CREATED);
            assertThat(c.voidedPaymentIntentId()).isEqualTo(PI);
        });
    }

    @Test // row 13
    void paysTheHoldThenCaptures() throws Exception {
        authorizes(TOTAL);
        orders(new OrderOutcome.Created(ORDER, null, TOTAL, true, t0.plus(Duration.ofHours(24))));
        when(provider.payHold(ORDER, TOTAL, "booking:" + ID + ":pay-hold"))
                .thenReturn(Mono.just(new OrderOutcome.Created(ORDER, "PNR777", TOTAL, false, null)));
        when(payments.capture(anyString(), any(), anyString()))
                .thenReturn(Mono.just(new PaymentOutcome.Captured(PI, TOTAL)));
        fixture.givenAggregate(ID).published(requested(OrderRequest.OrderType.HOLD), authorized(),
                        created(true, t0.plus(Duration.ofHours(24)), false))
                .andThenTimeElapses(Duration.ofHours(23))
                .whenPublishingA(new HoldPaidEvent(ID, ORDER, "PNR777", t0));

        assertThat(sent(RecordHoldPaid.class)).singleElement()
                .satisfies(c -> assertThat(c.airlinePnr()).isEqualTo("PNR777"));
        InOrder order = inOrder(provider, payments);
        order.verify(provider).payHold(ORDER, TOTAL, "booking:" + ID + ":pay-hold");
        order.verify(payments).capture(PI, TOTAL, "booking:" + ID + ":capture");
        assertThat(sent(RecordCapture.class)).singleElement();
    }

    @Test // row 14
    void confirmsOnCapture() {
        authorizes(TOTAL);
        orders(new OrderOutcome.Created(ORDER, "PNR123", TOTAL, false, null));
        when(payments.capture(anyString(), any(), anyString()))
                .thenReturn(Mono.just(new PaymentOutcome.Captured(PI, TOTAL)));
        fixture.givenAggregate(ID).published(requested(), authorized(), created(false, null, false))
                .whenPublishingA(new BookingConfirmedEvent(ID, ORDER, "PNR123", TOTAL, t0))
                .expectActiveSagas(0);
        assertThat(sent(RecordCapture.class)).singleElement().satisfies(c -> {
            assertThat(c.paymentIntentId()).isEqualTo(PI);
            assertThat(c.amount()).isEqualTo(TOTAL);
        });
    }

    @Test // row 15
    void retriesAnUnknownCaptureWithTheSameKey() {
        authorizes(TOTAL);
        orders(new OrderOutcome.Created(ORDER, "PNR123", TOTAL, false, null));
        when(payments.capture(anyString(), any(), anyString()))
                .thenReturn(Mono.just(new PaymentOutcome.Unknown("503")))
                .thenReturn(Mono.just(new PaymentOutcome.Captured(PI, TOTAL)));
        fixture.givenAggregate(ID).published(requested(), authorized(), created(false, null, false))
                .whenTimeElapses(Duration.ofSeconds(2));

        verify(payments, times(2)).capture(PI, TOTAL, "booking:" + ID + ":capture");
        assertThat(sent(RecordCapture.class)).singleElement();
        verify(provider, never()).confirmCancellation(anyString(), any(), anyString());
    }

    @Test // row 16
    void cancelsTheOrderWhenCaptureIsRefused() {
        authorizes(TOTAL);
        orders(new OrderOutcome.Created(ORDER, "PNR123", TOTAL, false, null));
        when(payments.capture(anyString(), any(), anyString()))
                .thenReturn(Mono.just(new PaymentOutcome.Declined(PI, "charge_expired_for_capture", null)));
        when(payments.retrieve(PI)).thenReturn(Mono.just(new PaymentIntentState(PI, "requires_capture", TOTAL, TOTAL,
                Money.zero(TOTAL.currency()), captureBefore())));
        CancellationQuote quote = new CancellationQuote(ORDER, "ocr_1", TOTAL, null);
        when(provider.findOrder(ORDER)).thenReturn(Mono.just(Optional.empty()));
        when(provider.quoteCancellation(ORDER)).thenReturn(Mono.just(quote));
        when(provider.confirmCancellation(ORDER, quote, "booking:" + ID + ":cancel"))
                .thenReturn(Mono.just(new CancellationOutcome.Cancelled(ORDER, TOTAL)));
        fixture.givenAggregate(ID).published(requested(), authorized())
                .whenPublishingA(created(false, null, false));

        InOrder order = inOrder(provider, payments);
        order.verify(provider).confirmCancellation(ORDER, quote, "booking:" + ID + ":cancel");
        order.verify(payments).voidAuthorization(PI, "booking:" + ID + ":void:1");
        assertThat(sent(FailBooking.class)).singleElement().satisfies(c -> {
            assertThat(c.reason()).isEqualTo(FailureReason.CAPTURE_FAILED);
            assertThat(c.cancelledOrderId()).isEqualTo(ORDER);
            assertThat(c.voidedPaymentIntentId()).isEqualTo(PI);
        });
    }

    @Test // row 16: a refusal of a capture that went through earlier is a capture, not a reason to cancel
    void recordsACaptureThatWentThroughEarlierInsteadOfCancelling() {
        authorizes(TOTAL);
        orders(new OrderOutcome.Created(ORDER, "PNR123", TOTAL, false, null));
        when(payments.capture(anyString(), any(), anyString())).thenReturn(Mono.error(
                new io.movmo.booking.payments.gateway.PaymentRejectedException(
                        io.movmo.booking.payments.gateway.PaymentRejectedException.Reason.values()[0], "x", "state")));
        when(payments.retrieve(PI)).thenReturn(Mono.just(new PaymentIntentState(PI, "succeeded", TOTAL,
                Money.zero(TOTAL.currency()), TOTAL, null)));
        fixture.givenAggregate(ID).published(requested(), authorized()).whenPublishingA(created(false, null, false));

        verify(provider, never()).confirmCancellation(anyString(), any(), anyString());
        verify(payments, never()).voidAuthorization(anyString(), anyString());
        assertThat(sent(RecordCapture.class)).singleElement();
        assertThat(sent(FailBooking.class)).isEmpty();
    }

    @Test // row 13: once the user is cancelling a held booking, the saga does not pay it
    void doesNotPayAHoldTheUserIsCancelling() throws Exception {
        authorizes(TOTAL);
        orders(new OrderOutcome.Created(ORDER, null, TOTAL, true, t0.plus(Duration.ofHours(24))));
        holdNotBeingCancelled = false;
        fixture.givenAggregate(ID).published(requested(OrderRequest.OrderType.HOLD), authorized(),
                        created(true, t0.plus(Duration.ofHours(24)), false))
                .whenTimeElapses(Duration.ofHours(23));

        verify(provider, never()).payHold(anyString(), any(), anyString());
        verify(payments, never()).capture(anyString(), any(), anyString());
    }

    @Test // row 13: the provider refused the user's cancellation, so the hold is paid in time after all
    void paysAHoldWhoseCancellationTheProviderRefused() throws Exception {
        authorizes(TOTAL);
        orders(new OrderOutcome.Created(ORDER, null, TOTAL, true, t0.plus(Duration.ofHours(24))));
        when(provider.payHold(ORDER, TOTAL, "booking:" + ID + ":pay-hold"))
                .thenReturn(Mono.just(new OrderOutcome.Created(ORDER, "PNR777", TOTAL, false, null)));
        fixture.givenAggregate(ID).published(requested(OrderRequest.OrderType.HOLD), authorized(),
                        created(true, t0.plus(Duration.ofHours(24)), false),
                        new io.movmo.booking.bookings.api.BookingEvents.BookingCancellationRequestedEvent(ID, t0),
                        new io.movmo.booking.bookings.api.BookingEvents.BookingCancellationAbandonedEvent(ID, "no", t0))
                .whenTimeElapses(Duration.ofHours(23));

        verify(provider).payHold(ORDER, TOTAL, "booking:" + ID + ":pay-hold");
        assertThat(sent(RecordHoldPaid.class)).singleElement();
    }

    @Test // authorization-expiry: a user's cancellation of a held booking that never finished is finished
    void finishesAnInterruptedCancellationBeforeTheAuthorizationLapses() {
        authorizes(TOTAL);
        orders(new OrderOutcome.Created(ORDER, null, TOTAL, true, t0.plus(Duration.ofDays(30))));
        when(provider.findOrder(ORDER)).thenReturn(Mono.just(Optional.empty()));
        when(provider.quoteCancellation(ORDER)).thenReturn(Mono.just(new CancellationQuote(ORDER, null, null, null)));
        when(provider.confirmCancellation(eq(ORDER), any(), anyString()))
                .thenReturn(Mono.just(new CancellationOutcome.Cancelled(ORDER, null)));
        fixture.givenAggregate(ID).published(requested(OrderRequest.OrderType.HOLD), authorized(),
                        created(true, t0.plus(Duration.ofDays(30)), false),
                        new io.movmo.booking.bookings.api.BookingEvents.BookingCancellationRequestedEvent(ID, t0))
                .whenTimeAdvancesTo(captureBefore().minus(Duration.ofHours(5)));

        verify(provider, never()).payHold(anyString(), any(), anyString());
        verify(payments).voidAuthorization(PI, "booking:" + ID + ":void:1");
        assertThat(sent(io.movmo.booking.bookings.api.BookingCommands.RecordCancellation.class)).singleElement();
        assertThat(sent(FailBooking.class)).isEmpty();
    }

    @Test // row 17
    void failsOnceTheAuthorizationIsVoided() {
        authorizes(TOTAL);
        orders(new OrderOutcome.OfferGone("sold out"));
        fixture.givenAggregate(ID).published(requested()).whenPublishingA(authorized());

        InOrder order = inOrder(payments);
        order.verify(payments).voidAuthorization(PI, "booking:" + ID + ":void:1");
        assertThat(sent(FailBooking.class)).singleElement()
                .satisfies(c -> assertThat(c.reason()).isEqualTo(FailureReason.OFFER_GONE));
    }

    @Test // row 17: without a definite void the handler fails (its event is delivered again) and records nothing
    void doesNotFailTheBookingWhileTheVoidIsUnanswered() {
        authorizes(TOTAL);
        orders(new OrderOutcome.Rejected("no"));
        when(payments.voidAuthorization(anyString(), anyString()))
                .thenReturn(Mono.just(new PaymentOutcome.Unknown("timeout")));
        fixture.givenAggregate(ID).published(requested()).whenPublishingA(authorized());

        assertThat(sent(FailBooking.class)).isEmpty();
    }

    @Test // row 18
    void failsWhenStripeCancelsTheAuthorization() {
        authorizes(TOTAL);
        orders(new OrderOutcome.Created(ORDER, null, TOTAL, true, t0.plus(Duration.ofHours(24))));
        CancellationQuote quote = new CancellationQuote(ORDER, null, Money.zero(TOTAL.currency()), null);
        when(provider.findOrder(ORDER)).thenReturn(Mono.just(Optional.empty()));
        when(provider.quoteCancellation(ORDER)).thenReturn(Mono.just(quote));
        when(provider.confirmCancellation(eq(ORDER), any(), anyString()))
                .thenReturn(Mono.just(new CancellationOutcome.Cancelled(ORDER, null)));
        fixture.givenAggregate(ID).published(requested(OrderRequest.OrderType.HOLD), authorized(),
                        created(true, t0.plus(Duration.ofHours(24)), false))
                .whenPublishingA(new PaymentIntentCanceledEvent(ID, PI, "automatic", "evt_1", t0));

        verify(provider).confirmCancellation(eq(ORDER), any(), eq("booking:" + ID + ":cancel"));
        verify(payments, never()).capture(anyString(), any(), anyString());
        assertThat(sent(FailBooking.class)).singleElement().satisfies(c -> {
            assertThat(c.reason()).isEqualTo(FailureReason.AUTHORIZATION_EXPIRED);
            assertThat(c.cancelledOrderId()).isEqualTo(ORDER);
        });
    }

    @Test // deadline: authorization-expiry, while the provider still says "pending" for an order found by reference
    void cancelsAndVoidsWhenTheAuthorizationIsAboutToLapse() {
        authorizes(TOTAL);
        orders(new OrderOutcome.Unknown("timeout"));
        when(provider.findOrderByReference(ID)).thenReturn(Mono.just(Optional.of(
                new ProviderOrder(ORDER, null, ID, "pending", TOTAL, null))));
        when(provider.findOrder(ORDER)).thenReturn(Mono.just(Optional.empty()));
        when(provider.quoteCancellation(ORDER)).thenReturn(Mono.just(new CancellationQuote(ORDER, null, null, null)));
        when(provider.confirmCancellation(eq(ORDER), any(), anyString()))
                .thenReturn(Mono.just(new CancellationOutcome.Cancelled(ORDER, null)));
        fixture.givenAggregate(ID).published(requested(), authorized(),
                        new ProviderOrderOutcomeUnknownEvent(ID, 1, "timeout", captureBefore().plus(Duration.ofDays(1)), t0))
                .whenTimeAdvancesTo(captureBefore().minus(Duration.ofHours(5)));

        verify(provider).confirmCancellation(eq(ORDER), any(), eq("booking:" + ID + ":cancel"));
        verify(payments).voidAuthorization(PI, "booking:" + ID + ":void:1");
        verify(payments, never()).capture(anyString(), any(), anyString());
        assertThat(sent(FailBooking.class)).singleElement().satisfies(c -> {
            assertThat(c.reason()).isEqualTo(FailureReason.AUTHORIZATION_EXPIRED);
            assertThat(c.cancelledOrderId()).isEqualTo(ORDER);
        });
    }
}
