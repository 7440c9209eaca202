package io.movmo.booking.bookings.api;

import io.movmo.booking.bookings.api.BookingEvents.TripDetails;
import io.movmo.booking.shared.Money;
import java.time.Instant;

/**
 * A booking as the bookings read model holds it (table {@code booking}): the seed's {@code Booking} plus what the
 * booking routes answer with (why it failed, a pending price change, the refund). {@code status} is the seed's:
 * {@code pending}, {@code payment_authorized}, {@code booking_created}, {@code payment_captured}, {@code confirmed},
 * {@code failed} or {@code cancelled}. {@code version} is the aggregate sequence number of the last event shown.
 */
public record BookingView(String id, String userId, String partnerId, String provider, String status,
        String flightOfferId, String providerOfferId, String providerOrderId, String airlinePnr,
        String paymentMethodId, String paymentIntentId, Money total, String idempotencyKey, TripDetails trip,
        boolean held, Instant paymentRequiredBy, String failureReason, String failureMessage, PriceChange priceChange,
        Money refund, Instant cancelledAt, Instant createdAt, Instant updatedAt, long version) {

    public static final String PENDING = "pending";
    public static final String PAYMENT_AUTHORIZED = "payment_authorized";
    public static final String BOOKING_CREATED = "booking_created";
    public static final String PAYMENT_CAPTURED = "payment_captured";
    public static final String CONFIRMED = "confirmed";
    public static final String FAILED = "failed";
    public static final String CANCELLED = "cancelled";

    /** A price change waiting for the user: retry with {@code orderId} before {@code expiresAt}. */
    public record PriceChange(Money oldTotal, Money newTotal, String orderId, Instant expiresAt, String message) {}

    /** Whether the booking flow has come to an answer a partner can act on (a held order counts). */
    public boolean settled() {
        return CONFIRMED.equals(status) || FAILED.equals(status) || CANCELLED.equals(status)
                || (BOOKING_CREATED.equals(status) && held);
    }
}
