package io.movmo.booking.bookings;

import io.movmo.booking.bookings.api.BookingEvents.BookedPassenger;
import io.movmo.booking.bookings.api.BookingEvents.BookingCancelledEvent;
import io.movmo.booking.bookings.api.BookingEvents.BookingConfirmedEvent;
import io.movmo.booking.bookings.api.BookingEvents.BookingFailedEvent;
import io.movmo.booking.bookings.api.BookingEvents.BookingPriceChangedEvent;
import io.movmo.booking.bookings.api.BookingEvents.BookingRequestedEvent;
import io.movmo.booking.bookings.api.BookingEvents.BookingRetryRequestedEvent;
import io.movmo.booking.bookings.api.BookingEvents.FailureReason;
import io.movmo.booking.bookings.api.BookingEvents.HoldPaidEvent;
import io.movmo.booking.bookings.api.BookingEvents.PaymentAuthorizedEvent;
import io.movmo.booking.bookings.api.BookingEvents.PaymentCapturedEvent;
import io.movmo.booking.bookings.api.BookingEvents.PaymentRefundedEvent;
import io.movmo.booking.bookings.api.BookingEvents.PaymentVoidedEvent;
import io.movmo.booking.bookings.api.BookingEvents.ProviderOrderAttemptedEvent;
import io.movmo.booking.bookings.api.BookingEvents.ProviderOrderCancelledEvent;
import io.movmo.booking.bookings.api.BookingEvents.ProviderOrderCreatedEvent;
import io.movmo.booking.bookings.api.BookingEvents.SeatSelection;
import io.movmo.booking.bookings.api.BookingEvents.TripDetails;
import io.movmo.booking.providers.port.OrderRequest.OrderType;
import io.movmo.booking.shared.Money;
import io.movmo.booking.shared.ProviderId;
import io.movmo.booking.shared.UserId;
import io.movmo.booking.shared.pii.Sealed;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * Object Mother of booking histories: the events the Booking aggregate would store, in order, as domain events of
 * aggregate {@code Booking} (sequence numbers from 0). Each step is a minute after the previous one.
 */
public final class BookingHistory {

    public static final String PASSENGER = "pas_0000AUde3KY1SptM6ABSfT";
    public static final String SECOND_PASSENGER = "pas_0000AUde3KY1SptM6ABSfU";

    public final String bookingId;
    private final List<Object> events = new ArrayList<>();
    private int published;
    private Instant at;
    private Money total;
    private String order;
    private String intent;
    private int attempt = 1;

    private BookingHistory(String bookingId, Instant at) {
        this.bookingId = bookingId;
        this.at = at;
    }

    /** A booking of two passengers (the first a saved passenger of {@code user}, seated on segment seg_1). */
    public static BookingHistory requested(UserId user, ProviderId provider, Money total, TripDetails trip,
            String savedPassengerId, Instant at) {
        return requested(UUID.randomUUID().toString(), user, "partner-sandbox", provider, "off_" + provider.id() + "_x",
                "off_native_" + UUID.randomUUID(), total, trip, savedPassengerId, at);
    }

    public static BookingHistory requested(String bookingId, UserId user, String partnerId, ProviderId provider,
            String offerId, String providerOfferId, Money total, TripDetails trip, String savedPassengerId, Instant at) {
        BookingHistory history = new BookingHistory(bookingId, at);
        history.total = total;
        history.events.add(new BookingRequestedEvent(bookingId, user, partnerId, provider, offerId, providerOfferId,
                UUID.nameUUIDFromBytes(user.value().getBytes()).toString(), total, OrderType.INSTANT,
                "idem-" + bookingId, "fingerprint", new Sealed(user.personalDataSubject(), "c2VhbGVk"), trip,
                List.of(new BookedPassenger(PASSENGER, savedPassengerId, "adult"),
                        new BookedPassenger(SECOND_PASSENGER, null, "child")),
                List.of(new SeatSelection("seg_1", PASSENGER, "14A", "14", "A", Money.of("25.00", total.currency()
                        .getCurrencyCode()))),
                at));
        return history;
    }

    public static TripDetails roundTrip(String departure, String ret) {
        return new TripDetails("round_trip", "Los Angeles", "LAX", "New York", "JFK", departure, ret, "Duffel Airways",
                "ZZ", "https://cdn.movmo.io/airlines/zz.svg", 1, 1, 0);
    }

    public static TripDetails oneWay(String departure) {
        return new TripDetails("one_way", "Lisbon", "LIS", "Porto", "OPO", departure, null, "TAP", "TP", null, 1, 1, 0);
    }

    private Instant next() {
        at = at.plus(Duration.ofMinutes(1));
        return at;
    }

    public Instant lastAt() {
        return at;
    }

    public BookingHistory authorized(String paymentIntentId) {
        intent = paymentIntentId;
        Instant when = next();
        events.add(new PaymentAuthorizedEvent(bookingId, attempt, paymentIntentId, total, when.plus(Duration.ofDays(6)),
                when));
        return this;
    }

    public BookingHistory attempted() {
        events.add(new ProviderOrderAttemptedEvent(bookingId, attempt, "order-" + bookingId + "-" + attempt, next()));
        return this;
    }

    public BookingHistory created(String providerOrderId, String pnr, boolean held) {
        order = providerOrderId;
        Instant when = next();
        events.add(new ProviderOrderCreatedEvent(bookingId, providerOrderId, pnr, total, held,
                held ? when.plus(Duration.ofDays(1)) : null, false, when));
        return this;
    }

    public BookingHistory holdPaid(String pnr) {
        events.add(new HoldPaidEvent(bookingId, order, pnr, next()));
        return this;
    }

    public BookingHistory captured() {
        events.add(new PaymentCapturedEvent(bookingId, intent, total, next()));
        return this;
    }

    public BookingHistory confirmed(String pnr) {
        events.add(new BookingConfirmedEvent(bookingId, order, pnr, total, next()));
        return this;
    }

    /** Authorized, ordered, captured and confirmed. */
    public BookingHistory throughConfirmation(String pnr) {
        return authorized("pi_" + bookingId.substring(0, 8) + "_" + attempt).attempted()
                .created("ord_" + bookingId.substring(0, 8), pnr, false).captured().confirmed(pnr);
    }

    public BookingHistory priceChanged(Money newTotal, String retryOrderId) {
        Instant when = next();
        events.add(new BookingPriceChangedEvent(bookingId, total, newTotal, null, retryOrderId,
                when.plus(Duration.ofMinutes(30)), "the fare went up", when));
        events.add(new PaymentVoidedEvent(bookingId, intent, next()));
        return this;
    }

    public BookingHistory retried(Money newTotal) {
        attempt++;
        total = newTotal;
        events.add(new BookingRetryRequestedEvent(bookingId, attempt, newTotal, null, next()));
        return this;
    }

    public BookingHistory failed(FailureReason reason) {
        events.add(new BookingFailedEvent(bookingId, reason, "it did not work out", next()));
        return this;
    }

    /** The user cancels: the order is cancelled and the whole capture refunded. */
    public BookingHistory cancelledWithRefund() {
        events.add(new PaymentRefundedEvent(bookingId, intent, "re_" + bookingId.substring(0, 8), total, next()));
        events.add(new ProviderOrderCancelledEvent(bookingId, order, total, next()));
        events.add(new BookingCancelledEvent(bookingId, total, "plans changed", next()));
        return this;
    }

    /** The sequence number of the last event. */
    public long version() {
        return events.size() - 1;
    }

    public List<Object> events() {
        return List.copyOf(events);
    }

    /** Appends the events not appended yet to the event store. */
    public BookingHistory publish(EventStore store) {
        List<EventMessage<?>> messages = new ArrayList<>();
        for (int seq = published; seq < events.size(); seq++) {
            messages.add(new GenericDomainEventMessage<>("Booking", bookingId, seq, events.get(seq)));
        }
        store.publish(messages);
        published = events.size();
        return this;
    }
}
