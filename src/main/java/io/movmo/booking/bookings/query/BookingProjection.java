package io.movmo.booking.bookings.query;

import io.movmo.booking.bookings.api.AwaitBookingQuery;
import io.movmo.booking.bookings.api.BookingEvents.BookedPassenger;
import io.movmo.booking.bookings.api.BookingEvents.BookingCancelledEvent;
import io.movmo.booking.bookings.api.BookingEvents.BookingConfirmedEvent;
import io.movmo.booking.bookings.api.BookingEvents.BookingCancellationAbandonedEvent;
import io.movmo.booking.bookings.api.BookingEvents.BookingCancellationRequestedEvent;
import io.movmo.booking.bookings.api.BookingEvents.BookingFailedEvent;
import io.movmo.booking.bookings.api.BookingEvents.HoldPaymentAttemptedEvent;
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
import io.movmo.booking.bookings.api.BookingEvents.ProviderOrderOutcomeUnknownEvent;
import io.movmo.booking.bookings.api.BookingEvents.SeatSelection;
import io.movmo.booking.bookings.api.BookingEvents.TripDetails;
import io.movmo.booking.bookings.api.BookingQuery;
import io.movmo.booking.bookings.api.BookingView;
import io.movmo.booking.platform.axon.ReadYourWrites.Shown;
import io.movmo.booking.shared.Money;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code booking}, {@code booking_passenger}, {@code booking_seat_selection} and {@code booking_event} read
 * models (see projections/README.md). Each booking row records the sequence number of the booking's latest event
 * applied; an event not newer than that (redelivery, replay into a live table) changes nothing. After every event the
 * fresh {@link BookingView} is emitted to {@link BookingQuery} subscribers, and {@code Shown} to
 * {@link AwaitBookingQuery} ones (Axon sends both once the unit of work commits).
 */
@Component
@ProcessingGroup(BookingProjection.GROUP)
class BookingProjection {

    static final String GROUP = "bookings";

    private final JdbcClient jdbc;
    private final QueryUpdateEmitter updates;

    BookingProjection(JdbcClient jdbc, QueryUpdateEmitter updates) {
        this.jdbc = jdbc;
        this.updates = updates;
    }

    @EventHandler
    void on(BookingRequestedEvent event, @SequenceNumber long version) {
        TripDetails trip = event.trip() == null
                ? new TripDetails(null, null, null, null, null, null, null, null, null, null, 0, 0, 0)
                : event.trip();
        UUID booking = id(event.bookingId());
        Timestamp at = Timestamp.from(event.requestedAt());
        boolean inserted = jdbc.sql("""
                INSERT INTO booking (booking_id, user_id, partner_id, provider_id, flight_offer_id, provider_offer_id,
                    payment_method_id, order_type, total_amount, currency, status, idempotency_key, trip_type,
                    origin_city, origin_iata_code, destination_city, destination_iata_code, departure_at, return_at,
                    airline_name, airline_iata_code, airline_logo_url, passenger_count, adult_count, child_count,
                    infant_count, created_at, updated_at, version)
                VALUES (:id, :user, :partner, :provider, :offer, :providerOffer, :method, :orderType, :total, :currency,
                    :status, :key, :tripType, :originCity, :originIata, :destinationCity, :destinationIata, :departure,
                    :return, :airline, :airlineIata, :logo, :passengers, :adults, :children, :infants, :at, :at, :version)
                ON CONFLICT (booking_id) DO NOTHING""")
                .param("id", booking).param("user", UUID.fromString(event.userId().value()))
                .param("partner", event.partnerId()).param("provider", event.provider().id())
                .param("offer", event.offerId()).param("providerOffer", event.providerOfferId())
                .param("method", event.paymentMethodId())
                .param("orderType", event.orderType() == null ? null : event.orderType().name().toLowerCase(Locale.ROOT))
                .param("total", event.total().amount()).param("currency", currency(event.total()))
                .param("status", BookingView.PENDING).param("key", event.idempotencyKey())
                .param("tripType", trip.tripType()).param("originCity", trip.originCity())
                .param("originIata", trip.originIataCode()).param("destinationCity", trip.destinationCity())
                .param("destinationIata", trip.destinationIataCode()).param("departure", trip.departureAt())
                .param("return", trip.returnAt()).param("airline", trip.airlineName())
                .param("airlineIata", trip.airlineIataCode()).param("logo", trip.airlineLogoUrl())
                .param("passengers", trip.passengerCount()).param("adults", trip.adultCount())
                .param("children", trip.childCount()).param("infants", trip.infantCount())
                .param("at", at).param("version", version)
                .update() == 1;
        if (inserted) {
            Map<String, UUID> saved = new HashMap<>();
            List<BookedPassenger> passengers = event.passengers() == null ? List.of() : event.passengers();
            for (int i = 0; i < passengers.size(); i++) {
                BookedPassenger p = passengers.get(i);
                UUID savedId = uuidOrNull(p.userPassengerId());
                saved.put(p.providerPassengerId(), savedId);
                jdbc.sql("""
                        INSERT INTO booking_passenger (booking_id, provider_passenger_id, position, user_passenger_id,
                            traveler_type)
                        VALUES (:id, :passenger, :position, :saved, :type) ON CONFLICT DO NOTHING""")
                        .param("id", booking).param("passenger", p.providerPassengerId()).param("position", i)
                        .param("saved", savedId).param("type", p.travelerType()).update();
            }
            List<SeatSelection> seats = event.seatSelections() == null ? List.of() : event.seatSelections();
            for (int i = 0; i < seats.size(); i++) {
                SeatSelection seat = seats.get(i);
                jdbc.sql("""
                        INSERT INTO booking_seat_selection (id, booking_id, position, user_passenger_id,
                            provider_passenger_id, segment_id, seat_number, seat_row, seat_column, price, currency,
                            created_at, updated_at)
                        VALUES (:seat, :id, :position, :saved, :passenger, :segment, :number, :row, :column, :price,
                            :currency, :at, :at) ON CONFLICT (id) DO NOTHING""")
                        .param("seat", seatId(event.bookingId(), seat)).param("id", booking).param("position", i)
                        .param("saved", saved.get(seat.providerPassengerId()))
                        .param("passenger", seat.providerPassengerId()).param("segment", seat.segmentId())
                        .param("number", seat.seatNumber()).param("row", seat.row()).param("column", seat.column())
                        .param("price", seat.price() == null ? null : seat.price().amount())
                        .param("currency", currency(seat.price())).param("at", at).update();
            }
            timeline(booking, version, "BookingRequested", event.requestedAt(), null, event.total());
        }
        applied(event.bookingId(), version);
    }

    @EventHandler
    void on(PaymentAuthorizedEvent event, @SequenceNumber long version) {
        if (advance(event.bookingId(), version, event.authorizedAt())) {
            jdbc.sql("""
                    UPDATE booking SET status = :status, payment_intent_id = :intent, authorized_at = :at
                    WHERE booking_id = :id""")
                    .param("id", id(event.bookingId())).param("status", BookingView.PAYMENT_AUTHORIZED)
                    .param("intent", event.paymentIntentId()).param("at", Timestamp.from(event.authorizedAt())).update();
            timeline(id(event.bookingId()), version, "PaymentAuthorized", event.authorizedAt(), null, event.amount());
        }
        applied(event.bookingId(), version);
    }

    @EventHandler
    void on(ProviderOrderAttemptedEvent event, @SequenceNumber long version) {
        unchanged(event.bookingId(), version, "ProviderOrderAttempted", event.at(), null);
    }

    @EventHandler
    void on(ProviderOrderOutcomeUnknownEvent event, @SequenceNumber long version) {
        unchanged(event.bookingId(), version, "ProviderOrderOutcomeUnknown", event.at(), null);
    }

    @EventHandler
    void on(ProviderOrderCreatedEvent event, @SequenceNumber long version) {
        if (advance(event.bookingId(), version, event.at())) {
            jdbc.sql("""
                    UPDATE booking SET status = :status, provider_order_id = :order,
                        airline_pnr = coalesce(:pnr, airline_pnr), held = :held, payment_required_by = :requiredBy
                    WHERE booking_id = :id""")
                    .param("id", id(event.bookingId())).param("status", BookingView.BOOKING_CREATED)
                    .param("order", event.providerOrderId()).param("pnr", event.airlinePnr())
                    .param("held", event.held()).param("requiredBy", timestamp(event.paymentRequiredBy())).update();
            timeline(id(event.bookingId()), version, "ProviderOrderCreated", event.at(), null, event.total());
        }
        applied(event.bookingId(), version);
    }

    @EventHandler
    void on(HoldPaidEvent event, @SequenceNumber long version) {
        if (advance(event.bookingId(), version, event.at())) {
            jdbc.sql("UPDATE booking SET held = false, airline_pnr = coalesce(:pnr, airline_pnr) WHERE booking_id = :id")
                    .param("id", id(event.bookingId())).param("pnr", event.airlinePnr()).update();
            timeline(id(event.bookingId()), version, "HoldPaid", event.at(), null, null);
        }
        applied(event.bookingId(), version);
    }

    @EventHandler
    void on(PaymentCapturedEvent event, @SequenceNumber long version) {
        if (advance(event.bookingId(), version, event.at())) {
            jdbc.sql("""
                    UPDATE booking SET status = :status, captured_amount = :amount, captured_currency = :currency,
                        captured_at = :at, payment_intent_id = coalesce(:intent, payment_intent_id)
                    WHERE booking_id = :id""")
                    .param("id", id(event.bookingId())).param("status", BookingView.PAYMENT_CAPTURED)
                    .param("amount", event.amount() == null ? null : event.amount().amount())
                    .param("currency", currency(event.amount())).param("at", Timestamp.from(event.at()))
                    .param("intent", event.paymentIntentId()).update();
            timeline(id(event.bookingId()), version, "PaymentCaptured", event.at(), null, event.amount());
        }
        applied(event.bookingId(), version);
    }

    @EventHandler
    void on(BookingConfirmedEvent event, @SequenceNumber long version) {
        if (advance(event.bookingId(), version, event.at())) {
            jdbc.sql("""
                    UPDATE booking SET status = :status, airline_pnr = coalesce(:pnr, airline_pnr),
                        provider_order_id = coalesce(:order, provider_order_id), confirmed_at = :at
                    WHERE booking_id = :id""")
                    .param("id", id(event.bookingId())).param("status", BookingView.CONFIRMED)
                    .param("pnr", event.airlinePnr()).param("order", event.providerOrderId())
                    .param("at", Timestamp.from(event.at())).update();
            timeline(id(event.bookingId()), version, "BookingConfirmed", event.at(), null, event.total());
        }
        applied(event.bookingId(), version);
    }

    @EventHandler
    void on(PaymentVoidedEvent event, @SequenceNumber long version) {
        unchanged(event.bookingId(), version, "PaymentVoided", event.at(), null);
    }

    @EventHandler
    void on(BookingPriceChangedEvent event, @SequenceNumber long version) {
        if (advance(event.bookingId(), version, event.at())) {
            jdbc.sql("""
                    UPDATE booking SET status = :status, failure_reason = :reason, failure_message = :message,
                        price_change_old_amount = :oldAmount, price_change_old_currency = :oldCurrency,
                        price_change_new_amount = :newAmount, price_change_new_currency = :newCurrency,
                        price_change_order_id = :order, price_change_expires_at = :expires,
                        price_change_message = :message, price_change_count = price_change_count + 1
                    WHERE booking_id = :id""")
                    .param("id", id(event.bookingId())).param("status", BookingView.FAILED)
                    .param("reason", FailureReason.PRICE_CHANGED.code()).param("message", event.message())
                    .param("oldAmount", event.oldTotal() == null ? null : event.oldTotal().amount())
                    .param("oldCurrency", currency(event.oldTotal()))
                    .param("newAmount", event.newTotal().amount()).param("newCurrency", currency(event.newTotal()))
                    .param("order", event.retryOrderId()).param("expires", timestamp(event.expiresAt())).update();
            timeline(id(event.bookingId()), version, "BookingPriceChanged", event.at(),
                    FailureReason.PRICE_CHANGED.code(), event.newTotal());
        }
        applied(event.bookingId(), version);
    }

    @EventHandler
    void on(BookingRetryRequestedEvent event, @SequenceNumber long version) {
        if (advance(event.bookingId(), version, event.at())) {
            jdbc.sql("""
                    UPDATE booking SET status = :status, total_amount = :total, currency = :currency,
                        failure_reason = NULL, failure_message = NULL, price_change_old_amount = NULL,
                        price_change_old_currency = NULL, price_change_new_amount = NULL,
                        price_change_new_currency = NULL, price_change_order_id = NULL, price_change_expires_at = NULL,
                        price_change_message = NULL
                    WHERE booking_id = :id""")
                    .param("id", id(event.bookingId())).param("status", BookingView.PENDING)
                    .param("total", event.total().amount()).param("currency", currency(event.total())).update();
            timeline(id(event.bookingId()), version, "BookingRetryRequested", event.at(), null, event.total());
        }
        applied(event.bookingId(), version);
    }

    @EventHandler
    void on(BookingCancellationRequestedEvent event, @SequenceNumber long version) {
        unchanged(event.bookingId(), version, "BookingCancellationRequested", event.at(), null);
    }

    @EventHandler
    void on(BookingCancellationAbandonedEvent event, @SequenceNumber long version) {
        unchanged(event.bookingId(), version, "BookingCancellationAbandoned", event.at(), null);
    }

    @EventHandler
    void on(HoldPaymentAttemptedEvent event, @SequenceNumber long version) {
        unchanged(event.bookingId(), version, "HoldPaymentAttempted", event.at(), null);
    }

    @EventHandler
    void on(ProviderOrderCancelledEvent event, @SequenceNumber long version) {
        unchanged(event.bookingId(), version, "ProviderOrderCancelled", event.at(), event.refund());
    }

    @EventHandler
    void on(BookingFailedEvent event, @SequenceNumber long version) {
        String reason = event.reason() == null ? null : event.reason().code();
        if (advance(event.bookingId(), version, event.at())) {
            jdbc.sql("""
                    UPDATE booking SET status = :status, failure_reason = :reason, failure_message = :message
                    WHERE booking_id = :id""")
                    .param("id", id(event.bookingId())).param("status", BookingView.FAILED).param("reason", reason)
                    .param("message", event.message()).update();
            timeline(id(event.bookingId()), version, "BookingFailed", event.at(), reason, null);
        }
        applied(event.bookingId(), version);
    }

    @EventHandler
    void on(BookingCancelledEvent event, @SequenceNumber long version) {
        if (advance(event.bookingId(), version, event.at())) {
            jdbc.sql("""
                    UPDATE booking SET status = :status, refund_amount = :amount, refund_currency = :currency,
                        cancellation_reason = :reason, cancelled_at = :at
                    WHERE booking_id = :id""")
                    .param("id", id(event.bookingId())).param("status", BookingView.CANCELLED)
                    .param("amount", event.refund() == null ? null : event.refund().amount())
                    .param("currency", currency(event.refund())).param("reason", event.reason())
                    .param("at", Timestamp.from(event.at())).update();
            timeline(id(event.bookingId()), version, "BookingCancelled", event.at(), null, event.refund());
        }
        applied(event.bookingId(), version);
    }

    @EventHandler
    void on(PaymentRefundedEvent event, @SequenceNumber long version) {
        if (advance(event.bookingId(), version, event.at())) {
            jdbc.sql("""
                    UPDATE booking SET refunded_amount = coalesce(refunded_amount, 0) + :amount,
                        refunded_currency = :currency
                    WHERE booking_id = :id""")
                    .param("id", id(event.bookingId())).param("amount", event.amount().amount())
                    .param("currency", currency(event.amount())).update();
            timeline(id(event.bookingId()), version, "PaymentRefunded", event.at(), null, event.amount());
        }
        applied(event.bookingId(), version);
    }

    @QueryHandler
    Optional<BookingView> handle(BookingQuery query) {
        return read(query.bookingId());
    }

    @QueryHandler
    Shown handle(AwaitBookingQuery query) {
        UUID booking = uuidOrNull(query.bookingId());
        return new Shown(booking != null && jdbc.sql("SELECT count(*) FROM booking WHERE booking_id = :id AND version >= :version")
                .param("id", booking).param("version", query.version()).query(Integer.class).single() > 0);
    }

    @ResetHandler
    void reset() {
        // passengers, seat selections and the timeline go with their bookings (ON DELETE CASCADE)
        jdbc.sql("DELETE FROM booking").update();
    }

    /** An event that changes no column but the version: recorded in the timeline only. */
    private void unchanged(String bookingId, long version, String type, Instant at, Money amount) {
        if (advance(bookingId, version, at)) {
            timeline(id(bookingId), version, type, at, null, amount);
        }
        applied(bookingId, version);
    }

    /** Moves the booking's row to {@code version}; false when it already has it (the event was applied before). */
    private boolean advance(String bookingId, long version, Instant at) {
        return jdbc.sql("UPDATE booking SET version = :version, updated_at = :at WHERE booking_id = :id AND version < :version")
                .param("id", id(bookingId)).param("version", version).param("at", Timestamp.from(at)).update() == 1;
    }

    /** One row of {@code booking_event}; its status is the booking's after the event (set by the caller first). */
    private void timeline(UUID booking, long sequence, String type, Instant at, String failureReason, Money amount) {
        jdbc.sql("""
                INSERT INTO booking_event (booking_id, sequence, event_type, occurred_at, status, failure_reason, amount,
                    currency)
                SELECT booking_id, :sequence, :type, :at, status, :reason, :amount, :currency FROM booking
                WHERE booking_id = :id
                ON CONFLICT (booking_id, sequence) DO NOTHING""")
                .param("id", booking).param("sequence", sequence).param("type", type).param("at", Timestamp.from(at))
                .param("reason", failureReason).param("amount", amount == null ? null : amount.amount())
                .param("currency", currency(amount)).update();
    }

    private Optional<BookingView> read(String bookingId) {
        UUID booking = uuidOrNull(bookingId);
        if (booking == null) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT * FROM booking WHERE booking_id = :id").param("id", booking)
                .query((rs, n) -> BookingRows.view(BookingRows.jdbc(rs))).optional();
    }

    private void applied(String bookingId, long version) {
        read(bookingId).ifPresent(view ->
                updates.emit(BookingQuery.class, q -> bookingId.equals(q.bookingId()), view));
        updates.emit(AwaitBookingQuery.class, q -> bookingId.equals(q.bookingId()) && q.version() <= version,
                new Shown(true));
    }

    /** Same booking, segment and passenger: same id, so a replay rebuilds identical rows. */
    static UUID seatId(String bookingId, SeatSelection seat) {
        return UUID.nameUUIDFromBytes(("booking-seat:" + bookingId + "|" + seat.segmentId() + "|"
                + seat.providerPassengerId()).getBytes(StandardCharsets.UTF_8));
    }

    private static UUID id(String bookingId) {
        return UUID.fromString(bookingId);
    }

    private static UUID uuidOrNull(String value) {
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String currency(Money money) {
        return money == null ? null : money.currency().getCurrencyCode();
    }

    private static Timestamp timestamp(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }
}
