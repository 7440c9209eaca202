package io.movmo.booking.bookings.command;

import io.movmo.booking.bookings.api.BookingCommands.AbandonCancellation;
import io.movmo.booking.bookings.api.BookingCommands.BeginCancellation;
import io.movmo.booking.bookings.api.BookingCommands.BeginHoldPayment;
import io.movmo.booking.bookings.api.BookingCommands.BeginProviderOrder;
import io.movmo.booking.bookings.api.BookingCommands.CancellationStart;
import io.movmo.booking.bookings.api.BookingCommands.ExpirePriceChange;
import io.movmo.booking.bookings.api.BookingCommands.RepeatBooking;
import io.movmo.booking.bookings.api.BookingCommands.BookingRefused;
import io.movmo.booking.bookings.api.BookingCommands.FailBooking;
import io.movmo.booking.bookings.api.BookingCommands.RecordCancellation;
import io.movmo.booking.bookings.api.BookingCommands.RecordCapture;
import io.movmo.booking.bookings.api.BookingCommands.RequestBooking;
import io.movmo.booking.bookings.api.BookingCommands.RetryBooking;
import io.movmo.booking.bookings.api.BookingEvents.BookingCancellationAbandonedEvent;
import io.movmo.booking.bookings.api.BookingEvents.BookingCancellationRequestedEvent;
import io.movmo.booking.bookings.api.BookingEvents.BookingCancelledEvent;
import io.movmo.booking.bookings.api.BookingEvents.HoldPaymentAttemptedEvent;
import io.movmo.booking.bookings.api.BookingEvents.BookingConfirmedEvent;
import io.movmo.booking.bookings.api.BookingEvents.BookingFailedEvent;
import io.movmo.booking.bookings.api.BookingEvents.BookingPriceChangedEvent;
import io.movmo.booking.bookings.api.BookingEvents.BookingRequestedEvent;
import io.movmo.booking.bookings.api.BookingEvents.BookingRetryRequestedEvent;
import io.movmo.booking.bookings.api.BookingEvents.FailureReason;
import io.movmo.booking.bookings.api.BookingEvents.PaymentAuthorizedEvent;
import io.movmo.booking.bookings.api.BookingEvents.PaymentCapturedEvent;
import io.movmo.booking.bookings.api.BookingEvents.PaymentRefundedEvent;
import io.movmo.booking.bookings.api.BookingEvents.PaymentVoidedEvent;
import io.movmo.booking.bookings.api.BookingEvents.ProviderOrderAttemptedEvent;
import io.movmo.booking.bookings.api.BookingEvents.ProviderOrderCancelledEvent;
import io.movmo.booking.bookings.api.BookingEvents.ProviderOrderCreatedEvent;
import io.movmo.booking.providers.port.OrderRequest.OrderType;
import io.movmo.booking.shared.Money;
import io.movmo.booking.shared.ProviderId;
import io.movmo.booking.shared.UserId;
import io.movmo.booking.shared.pii.Sealed;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The booking keeps the facts straight: one booking per key, each fact once, retries and cancellations guarded. */
class BookingTest {

    static final String ID = "6a1d3a40-0000-4000-8000-000000000002";
    static final UserId USER = new UserId("00000000-0000-0000-0000-000000000001");
    static final UserId OTHER = new UserId("00000000-0000-0000-0000-000000000002");
    static final Money TOTAL = Money.of("200.00", "USD");
    static final Money NEW_TOTAL = Money.of("220.00", "USD");
    static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

    AggregateTestFixture<Booking> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Booking.class);
    }

    RequestBooking request(String fingerprint) {
        return new RequestBooking(ID, USER, "partner-1", ProviderId.DARWIN, "off_1", "pof_1", "pm-uuid", TOTAL,
                OrderType.INSTANT, "key-1", fingerprint, new Sealed("user:" + USER.value(), "x"), null, List.of(),
                List.of(), T0);
    }

    BookingRequestedEvent requested() {
        RequestBooking c = request("fp-1");
        return new BookingRequestedEvent(ID, USER, "partner-1", ProviderId.DARWIN, "off_1", "pof_1", "pm-uuid", TOTAL,
                OrderType.INSTANT, "key-1", "fp-1", c.details(), null, List.of(), List.of(), T0);
    }

    PaymentAuthorizedEvent authorized() {
        return new PaymentAuthorizedEvent(ID, 1, "pi_1", TOTAL, T0.plus(Duration.ofDays(7)), T0);
    }

    BookingPriceChangedEvent priceChanged() {
        return new BookingPriceChangedEvent(ID, TOTAL, NEW_TOTAL, "ord_pc", "ord_pc", T0.plus(Duration.ofMinutes(15)),
                "up", T0);
    }

    @Test
    void aRepeatedRequestChangesNothing() {
        fixture.given(requested()).when(request("fp-1")).expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void theSameKeyWithAnotherRequestIsAConflict() {
        fixture.given(requested()).when(request("fp-2")).expectException(BookingRefused.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("idempotency_key key-1"))
                .expectNoEvents();
    }

    @Test
    void anOrderAttemptBegunBeforeIsNotBegunAgain() {
        fixture.given(requested(), authorized()).when(new BeginProviderOrder(ID, 1, "k", T0))
                .expectResultMessagePayload(true).expectEvents(new ProviderOrderAttemptedEvent(ID, 1, "k", T0));
        fixture.given(requested(), authorized(), new ProviderOrderAttemptedEvent(ID, 1, "k", T0))
                .when(new BeginProviderOrder(ID, 1, "k", T0)).expectResultMessagePayload(false).expectNoEvents();
    }

    @Test
    void aCaptureIsRecordedOnceAndConfirms() {
        ProviderOrderCreatedEvent created = new ProviderOrderCreatedEvent(ID, "ord_1", "PNR1", TOTAL, false, null, false, T0);
        fixture.given(requested(), authorized(), created).when(new RecordCapture(ID, "pi_1", TOTAL, T0))
                .expectEvents(new PaymentCapturedEvent(ID, "pi_1", TOTAL, T0),
                        new BookingConfirmedEvent(ID, "ord_1", "PNR1", TOTAL, T0));
        fixture.given(requested(), authorized(), created, new PaymentCapturedEvent(ID, "pi_1", TOTAL, T0),
                        new BookingConfirmedEvent(ID, "ord_1", "PNR1", TOTAL, T0))
                .when(new RecordCapture(ID, "pi_1", TOTAL, T0)).expectNoEvents();
    }

    @Test
    void aFailureVoidsOnceAndIsFinal() {
        fixture.given(requested(), authorized())
                .when(new FailBooking(ID, FailureReason.ORDER_REJECTED, "no", "pi_1", null, T0))
                .expectEvents(new PaymentVoidedEvent(ID, "pi_1", T0),
                        new BookingFailedEvent(ID, FailureReason.ORDER_REJECTED, "no", T0));
        fixture.given(requested(), authorized(), new BookingFailedEvent(ID, FailureReason.ORDER_REJECTED, "no", T0))
                .when(new FailBooking(ID, FailureReason.ORDER_REJECTED, "no", "pi_1", null, T0)).expectNoEvents();
    }

    @Test
    void aRetryNeedsThePriceChangesOrderIdTheSameRequestAndTime() {
        fixture.given(requested(), authorized(), priceChanged())
                .when(new RetryBooking(ID, USER, "fp-1", "ord_pc", T0.plusSeconds(60)))
                .expectEvents(new BookingRetryRequestedEvent(ID, 2, NEW_TOTAL, "ord_pc", T0.plusSeconds(60)));
        fixture.given(requested(), authorized(), priceChanged())
                .when(new RetryBooking(ID, USER, "fp-1", "ord_other", T0.plusSeconds(60)))
                .expectException(BookingRefused.class).expectNoEvents();
        fixture.given(requested(), authorized(), priceChanged())
                .when(new RetryBooking(ID, USER, "fp-other", "ord_pc", T0.plusSeconds(60)))
                .expectException(BookingRefused.class).expectNoEvents();
        fixture.given(requested(), authorized(), priceChanged())
                .when(new RetryBooking(ID, USER, "fp-1", "ord_pc", T0.plus(Duration.ofMinutes(16))))
                .expectException(BookingRefused.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("expired")).expectNoEvents();
        fixture.given(requested(), authorized(), priceChanged())
                .when(new RetryBooking(ID, OTHER, "fp-1", "ord_pc", T0.plusSeconds(60)))
                .expectException(BookingRefused.class).expectNoEvents();
        // accepted once; the same retry again changes nothing
        fixture.given(requested(), authorized(), priceChanged(),
                        new BookingRetryRequestedEvent(ID, 2, NEW_TOTAL, "ord_pc", T0.plusSeconds(60)))
                .when(new RetryBooking(ID, USER, "fp-1", "ord_pc", T0.plusSeconds(70))).expectNoEvents();
    }

    Object[] confirmed() {
        return new Object[] {requested(), authorized(),
                new ProviderOrderCreatedEvent(ID, "ord_1", "PNR1", TOTAL, false, null, false, T0),
                new PaymentCapturedEvent(ID, "pi_1", TOTAL, T0), new BookingConfirmedEvent(ID, "ord_1", "PNR1", TOTAL, T0)};
    }

    Object[] held() {
        return new Object[] {requested(), authorized(),
                new ProviderOrderCreatedEvent(ID, "ord_1", null, TOTAL, true, T0.plus(Duration.ofDays(1)), false, T0)};
    }

    @Test
    void onlyTheOwnerCancelsAConfirmedBookingAndItsProviderRefundIsKeptForARepeat() {
        Money refund = Money.of("150.00", "USD");
        fixture.given(confirmed()).when(new BeginCancellation(ID, USER, T0))
                .expectEvents(new BookingCancellationRequestedEvent(ID, T0))
                .expectResultMessagePayload(new CancellationStart(false, false, null, TOTAL, "pi_1", "ord_1", 1));
        fixture.given(confirmed()).when(new BeginCancellation(ID, OTHER, T0))
                .expectException(BookingRefused.class).expectNoEvents();
        // interrupted after the provider cancelled: a repeat learns the refund instead of asking the provider again
        Object[] providerCancelled = append(confirmed(), new BookingCancellationRequestedEvent(ID, T0),
                new ProviderOrderCancelledEvent(ID, "ord_1", refund, T0));
        fixture.given(providerCancelled).when(new BeginCancellation(ID, USER, T0)).expectNoEvents()
                .expectResultMessagePayload(new CancellationStart(false, true, refund, TOTAL, "pi_1", "ord_1", 1));
        fixture.given(providerCancelled).when(new RecordCancellation(ID, USER, "re_1", refund, "by user", T0))
                .expectEvents(new PaymentRefundedEvent(ID, "pi_1", "re_1", refund, T0),
                        new BookingCancelledEvent(ID, refund, "by user", T0));
        // never more back than was taken
        fixture.given(providerCancelled)
                .when(new RecordCancellation(ID, USER, "re_1", Money.of("250.00", "USD"), "by user", T0))
                .expectException(BookingRefused.class).expectNoEvents();
        // a confirmed booking whose fare refunds nothing: no void of a captured payment
        fixture.given(append(confirmed(), new BookingCancellationRequestedEvent(ID, T0),
                        new ProviderOrderCancelledEvent(ID, "ord_1", null, T0)))
                .when(new RecordCancellation(ID, USER, null, Money.zero(TOTAL.currency()), "by user", T0))
                .expectEvents(new BookingCancelledEvent(ID, Money.zero(TOTAL.currency()), "by user", T0));
    }

    @Test
    void aHeldBookingIsEitherPaidOrCancelledNeverBoth() {
        fixture.given(held()).when(new BeginHoldPayment(ID, T0)).expectResultMessagePayload(true)
                .expectEvents(new HoldPaymentAttemptedEvent(ID, T0));
        fixture.given(append(held(), new HoldPaymentAttemptedEvent(ID, T0))).when(new BeginCancellation(ID, USER, T0))
                .expectException(BookingRefused.class).expectNoEvents();
        fixture.given(append(held(), new BookingCancellationRequestedEvent(ID, T0))).when(new BeginHoldPayment(ID, T0))
                .expectResultMessagePayload(false).expectNoEvents();
        // a held booking's cancellation voids the authorization
        fixture.given(append(held(), new BookingCancellationRequestedEvent(ID, T0),
                        new ProviderOrderCancelledEvent(ID, "ord_1", null, T0)))
                .when(new RecordCancellation(ID, USER, null, null, "before payment", T0))
                .expectEvents(new PaymentVoidedEvent(ID, "pi_1", T0), new BookingCancelledEvent(ID, null, "before payment", T0));
    }

    @Test
    void aCancellationTheProviderRefusedLeavesTheBookingAsItWas() {
        Object[] refused = append(held(), new BookingCancellationRequestedEvent(ID, T0),
                new BookingCancellationAbandonedEvent(ID, "not cancellable", T0));
        fixture.given(append(held(), new BookingCancellationRequestedEvent(ID, T0)))
                .when(new AbandonCancellation(ID, "not cancellable", T0))
                .expectEvents(new BookingCancellationAbandonedEvent(ID, "not cancellable", T0));
        // held again: the saga may pay it
        fixture.given(refused).when(new BeginHoldPayment(ID, T0)).expectResultMessagePayload(true);
    }

    @Test
    void aPriceChangeExpiresUnlessRetriedFirst() {
        fixture.given(requested(), authorized(), priceChanged()).when(new ExpirePriceChange(ID, T0))
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.payloadsMatching(
                        org.axonframework.test.matchers.Matchers.exactSequenceOf(
                                org.hamcrest.Matchers.instanceOf(BookingFailedEvent.class),
                                org.axonframework.test.matchers.Matchers.andNoMore())));
        fixture.given(requested(), authorized(), priceChanged(),
                        new BookingRetryRequestedEvent(ID, 2, NEW_TOTAL, "ord_pc", T0))
                .when(new ExpirePriceChange(ID, T0)).expectNoEvents();
    }

    @Test
    void aRetrySentTwiceNeverAcceptsALaterPrice() {
        Money third = Money.of("240.00", "USD");
        Object[] secondChange = {requested(), authorized(), priceChanged(),
                new BookingRetryRequestedEvent(ID, 2, NEW_TOTAL, "ord_pc", T0),
                new PaymentAuthorizedEvent(ID, 2, "pi_2", NEW_TOTAL, T0.plus(Duration.ofDays(7)), T0),
                new BookingPriceChangedEvent(ID, NEW_TOTAL, third, "ord_pc", "ord_pc~2", T0.plus(Duration.ofMinutes(15)),
                        "up again", T0)};
        // the first retry, sent again, is a repeat: nothing is accepted
        fixture.given(secondChange).when(new RetryBooking(ID, USER, "fp-1", "ord_pc", T0.plusSeconds(60)))
                .expectResultMessagePayload(false).expectNoEvents();
        // the user accepts the price they were shown
        fixture.given(secondChange).when(new RetryBooking(ID, USER, "fp-1", "ord_pc~2", T0.plusSeconds(60)))
                .expectEvents(new BookingRetryRequestedEvent(ID, 3, third, "ord_pc", T0.plusSeconds(60)));
    }

    @Test
    void aRepeatIsRefusedOnlyWhenTheRequestDiffers() {
        fixture.given(requested()).when(new RepeatBooking(ID, "fp-1", "key-1")).expectNoEvents()
                .expectSuccessfulHandlerExecution();
        fixture.given(requested()).when(new RepeatBooking(ID, "fp-2", "key-1")).expectException(BookingRefused.class);
    }

    private static Object[] append(Object[] events, Object... more) {
        Object[] all = java.util.Arrays.copyOf(events, events.length + more.length);
        System.arraycopy(more, 0, all, events.length, more.length);
        return all;
    }
}
