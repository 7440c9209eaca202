package io.movmo.booking.bookings.web;

import io.movmo.booking.bookings.api.BookingEvents.TripDetails;
import io.movmo.booking.bookings.api.BookingView;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** The seed's shapes of a booking: {@code Booking}, {@code BookingResponse} and {@code CancellationResult}. */
public final class BookingViews {

    private BookingViews() {}

    /** The seed's {@code Booking}. */
    public static Map<String, Object> booking(BookingView view) {
        Map<String, Object> booking = new LinkedHashMap<>();
        booking.put("id", view.id());
        booking.put("flight_offer_id", view.flightOfferId());
        booking.put("user_id", view.userId());
        booking.put("payment_method_id", view.paymentMethodId());
        putIfPresent(booking, "airline_pnr", view.airlinePnr());
        putIfPresent(booking, "payment_intent_id", view.paymentIntentId());
        if (view.total() != null) {
            booking.put("total_amount", view.total().amount());
            booking.put("currency", view.total().currency().getCurrencyCode());
        }
        booking.put("status", view.status());
        booking.put("idempotency_key", view.idempotencyKey());
        booking.put("provider_id", view.provider());
        putIfPresent(booking, "provider_offer_id", view.providerOfferId());
        putIfPresent(booking, "provider_order_id", view.providerOrderId());
        booking.put("created_at", view.createdAt());
        booking.put("updated_at", view.updatedAt());
        TripDetails trip = view.trip();
        if (trip != null) {
            putIfPresent(booking, "trip_type", trip.tripType());
            putIfPresent(booking, "origin_city", trip.originCity());
            putIfPresent(booking, "origin_iata_code", trip.originIataCode());
            putIfPresent(booking, "destination_city", trip.destinationCity());
            putIfPresent(booking, "destination_iata_code", trip.destinationIataCode());
            booking.put("departure_date", dateTime(trip.departureAt()));
            booking.put("return_date", dateTime(trip.returnAt()));
            putIfPresent(booking, "airline_name", trip.airlineName());
            putIfPresent(booking, "airline_iata_code", trip.airlineIataCode());
            putIfPresent(booking, "airline_logo_url", trip.airlineLogoUrl());
            booking.put("passenger_count", trip.passengerCount());
            booking.put("adult_count", trip.adultCount());
            booking.put("child_count", trip.childCount());
            booking.put("infant_count", trip.infantCount());
        }
        return booking;
    }

    /**
     * The seed's {@code BookingResponse}: the booking, its payment intent and status, and the partner's metadata. A
     * failed booking adds {@code failure_reason} (a stable code) and {@code failure_message} to the metadata.
     */
    static Map<String, Object> response(BookingView view, Map<String, String> requestMetadata) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("booking", booking(view));
        putIfPresent(response, "payment_intent_id", view.paymentIntentId());
        response.put("status", view.status());
        Map<String, String> metadata = new TreeMap<>(requestMetadata == null ? Map.of() : requestMetadata);
        if (view.failureReason() != null) {
            metadata.put("failure_reason", view.failureReason());
            metadata.put("failure_message", view.failureMessage());
        }
        response.put("metadata", metadata);
        return response;
    }

    /** A booking whose outcome is not known yet: its id, to read it later. */
    static Map<String, Object> pending(String bookingId, Map<String, String> requestMetadata) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("status", BookingView.PENDING);
        Map<String, String> metadata = new TreeMap<>(requestMetadata == null ? Map.of() : requestMetadata);
        metadata.put("booking_id", bookingId);
        response.put("metadata", metadata);
        return response;
    }

    /** The seed's {@code CancellationResult} of a cancelled booking. */
    static Map<String, Object> cancellation(BookingView view) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("booking_id", view.id());
        result.put("is_cancelled", BookingView.CANCELLED.equals(view.status()));
        result.put("refund_amount", view.refund() == null ? null : view.refund().amount());
        result.put("refund_currency", view.refund() == null ? null : view.refund().currency().getCurrencyCode());
        result.put("cancelled_at", view.cancelledAt());
        result.put("reason", view.refund() == null || view.refund().isZero()
                ? "cancelled by the user; nothing to refund" : "cancelled by the user; the provider's refund goes back to the card");
        return result;
    }

    static BookingView withPnr(BookingView v, String pnr) {
        return new BookingView(v.id(), v.userId(), v.partnerId(), v.provider(), v.status(), v.flightOfferId(),
                v.providerOfferId(), v.providerOrderId(), pnr, v.paymentMethodId(), v.paymentIntentId(), v.total(),
                v.idempotencyKey(), v.trip(), v.held(), v.paymentRequiredBy(), v.failureReason(), v.failureMessage(),
                v.priceChange(), v.refund(), v.cancelledAt(), v.createdAt(), v.updatedAt(), v.version());
    }

    /**
     * A departure as an RFC 3339 date-time. Providers give segment times as the airport's local time, mostly without
     * an offset; such a time is written as is with {@code Z} (documented in the README), never shifted.
     */
    static String dateTime(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(value).atOffset(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            } catch (DateTimeParseException notLocal) {
                return null;
            }
        }
    }

    private static void putIfPresent(Map<String, Object> map, String name, Object value) {
        if (value != null) {
            map.put(name, value);
        }
    }
}
