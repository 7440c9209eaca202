package io.movmo.booking.bookings.api;

import io.movmo.booking.providers.port.OrderRequest.OrderType;
import io.movmo.booking.shared.Money;
import io.movmo.booking.shared.ProviderId;
import io.movmo.booking.shared.UserId;
import io.movmo.booking.shared.pii.Sealed;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * What happens to a booking, in the order the booking saga ({@code sagas/booking-saga.md}) makes it happen. The
 * passengers' and contact's personal data travel sealed under the user's data key ({@code details}); everything else
 * is readable for support and analysts (ids, amounts, states, the trip's airports and dates, seat numbers).
 */
public final class BookingEvents {

    private BookingEvents() {}

    public sealed interface BookingEvent permits BookingRequestedEvent, PaymentAuthorizedEvent,
            ProviderOrderAttemptedEvent, ProviderOrderCreatedEvent, ProviderOrderOutcomeUnknownEvent,
            BookingPriceChangedEvent, BookingRetryRequestedEvent, HoldPaidEvent, PaymentCapturedEvent,
            BookingConfirmedEvent, PaymentVoidedEvent, ProviderOrderCancelledEvent, BookingFailedEvent,
            BookingCancelledEvent, PaymentRefundedEvent, BookingCancellationRequestedEvent, HoldPaymentAttemptedEvent,
            BookingCancellationAbandonedEvent {
        String bookingId();
    }

    /**
     * A user asked (through a partner) to book an offer. {@code total} is what the offer, its seats and services cost:
     * what is authorized. {@code requestFingerprint} is a digest of the request as sent, to tell a repeat from a
     * different request under the same idempotency key. {@code details} is the sealed {@link BookingDetails}.
     */
    @Revision("1")
    public record BookingRequestedEvent(String bookingId, UserId userId, String partnerId, ProviderId provider,
            String offerId, String providerOfferId, String paymentMethodId, Money total, OrderType orderType,
            String idempotencyKey, String requestFingerprint, Sealed details, TripDetails trip,
            List<BookedPassenger> passengers, List<SeatSelection> seatSelections, Instant requestedAt)
            implements BookingEvent {}

    /** The card holds {@code amount} for attempt {@code attempt} until {@code captureBefore}. */
    @Revision("1")
    public record PaymentAuthorizedEvent(String bookingId, int attempt, String paymentIntentId, Money amount,
            Instant captureBefore, Instant authorizedAt) implements BookingEvent {}

    /**
     * Attempt {@code attempt} at the provider order is about to be sent. Recorded before the call: a saga that finds
     * it already recorded (a crash after the call) reconciles instead of ordering again.
     */
    @Revision("1")
    public record ProviderOrderAttemptedEvent(String bookingId, int attempt, String idempotencyKey, Instant at)
            implements BookingEvent {}

    /**
     * The provider order exists: confirmed (ticketing) or {@code held} until {@code paymentRequiredBy}.
     * {@code reconciled} when it was found by reference after an unknown outcome.
     */
    @Revision("1")
    public record ProviderOrderCreatedEvent(String bookingId, String providerOrderId, String airlinePnr, Money total,
            boolean held, Instant paymentRequiredBy, boolean reconciled, Instant at) implements BookingEvent {}

    /** The provider gave no definite answer to attempt {@code attempt}: reconcile by reference before anything else. */
    @Revision("1")
    public record ProviderOrderOutcomeUnknownEvent(String bookingId, int attempt, String reason, Instant reconcileUntil,
            Instant at) implements BookingEvent {}

    /**
     * The provider asked for {@code newTotal} instead of {@code oldTotal}; the authorization was voided. A retry naming
     * {@code retryOrderId} (the provider's order id, or the booking id where the retry is a fresh order) before
     * {@code expiresAt} authorizes the new total.
     */
    @Revision("1")
    public record BookingPriceChangedEvent(String bookingId, Money oldTotal, Money newTotal, String providerOrderId,
            String retryOrderId, Instant expiresAt, String message, Instant at) implements BookingEvent {}

    /** The user accepted the new price: attempt {@code attempt} authorizes {@code total}. */
    @Revision("1")
    public record BookingRetryRequestedEvent(String bookingId, int attempt, Money total, String providerOrderId,
            Instant at) implements BookingEvent {}

    /** The held order was paid at the provider. */
    @Revision("1")
    public record HoldPaidEvent(String bookingId, String providerOrderId, String airlinePnr, Instant at)
            implements BookingEvent {}

    /** {@code amount} was taken from the authorization. */
    @Revision("1")
    public record PaymentCapturedEvent(String bookingId, String paymentIntentId, Money amount, Instant at)
            implements BookingEvent {}

    /** The booking is done: the order is confirmed and paid for. */
    @Revision("1")
    public record BookingConfirmedEvent(String bookingId, String providerOrderId, String airlinePnr, Money total,
            Instant at) implements BookingEvent {}

    /** The authorization was released; nothing was or will be taken from it. */
    @Revision("1")
    public record PaymentVoidedEvent(String bookingId, String paymentIntentId, Instant at) implements BookingEvent {}

    /** The provider order was cancelled; the provider refunds {@code refund} (null when nothing was paid). */
    @Revision("1")
    public record ProviderOrderCancelledEvent(String bookingId, String providerOrderId, Money refund, Instant at)
            implements BookingEvent {}

    /** The booking failed for {@code reason} ({@link FailureReason}); nothing is held or taken. */
    @Revision("1")
    public record BookingFailedEvent(String bookingId, FailureReason reason, String message, Instant at)
            implements BookingEvent {}

    /** The user cancelled the booking; {@code refund} is what goes back to the card (null or zero for none). */
    @Revision("1")
    public record BookingCancelledEvent(String bookingId, Money refund, String reason, Instant at)
            implements BookingEvent {}

    /** Refund {@code refundId} of {@code amount} was accepted by the payment gateway. */
    @Revision("1")
    public record PaymentRefundedEvent(String bookingId, String paymentIntentId, String refundId, Money amount,
            Instant at) implements BookingEvent {}

    /**
     * The user asked to cancel: from now on the saga pays no hold and the cancellation owns the booking until it is
     * recorded as cancelled.
     */
    @Revision("1")
    public record BookingCancellationRequestedEvent(String bookingId, Instant at) implements BookingEvent {}

    /** The provider refused the user's cancellation: the booking is as it was (a held one is paid in time again). */
    @Revision("1")
    public record BookingCancellationAbandonedEvent(String bookingId, String reason, Instant at)
            implements BookingEvent {}

    /** The saga is about to pay the held order: a cancellation is refused from now on (the hold is being paid). */
    @Revision("1")
    public record HoldPaymentAttemptedEvent(String bookingId, Instant at) implements BookingEvent {}

    /** Why a booking failed: a stable code for partners, support and analysts. */
    public enum FailureReason {
        CARD_DECLINED, PAYMENT_REJECTED, PAYMENT_UNAVAILABLE, PARTIAL_AUTHORIZATION, ORDER_REJECTED, OFFER_GONE,
        PRICE_CHANGED, ORDER_NOT_CREATED, CAPTURE_FAILED, AUTHORIZATION_EXPIRED, HOLD_PAYMENT_FAILED;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * The trip, denormalized from the offer at booking time for the trip lists (no personal data). Dates are the
     * first departure and, for a round trip, the departure of the last slice, as the airline's local date-times.
     */
    public record TripDetails(String tripType, String originCity, String originIataCode, String destinationCity,
            String destinationIataCode, String departureAt, String returnAt, String airlineName,
            String airlineIataCode, String airlineLogoUrl, int adultCount, int childCount, int infantCount) {

        public int passengerCount() {
            return adultCount + childCount + infantCount;
        }
    }

    /** One passenger of the booking: the offer's provider passenger, the saved passenger it is (if any), its type. */
    public record BookedPassenger(String providerPassengerId, String userPassengerId, String travelerType) {}

    /** A seat chosen for a passenger on a segment. */
    public record SeatSelection(String segmentId, String providerPassengerId, String seatNumber, String row,
            String column, Money price) {}
}
