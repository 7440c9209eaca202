package io.movmo.booking.bookings.api;

import io.movmo.booking.bookings.api.BookingEvents.BookedPassenger;
import io.movmo.booking.bookings.api.BookingEvents.FailureReason;
import io.movmo.booking.bookings.api.BookingEvents.SeatSelection;
import io.movmo.booking.bookings.api.BookingEvents.TripDetails;
import io.movmo.booking.providers.port.OrderRequest.OrderType;
import io.movmo.booking.shared.Money;
import io.movmo.booking.shared.ProviderId;
import io.movmo.booking.shared.UserId;
import io.movmo.booking.shared.pii.Sealed;
import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Commands to a booking. The partner routes send {@link RequestBooking}, {@link RetryBooking} and
 * {@link RecordCancellation}; the booking saga records what the payment gateway and the provider answered with the
 * others. Every recording command is idempotent: recording the same fact twice (a saga handler run again after a
 * crash) changes nothing.
 */
public final class BookingCommands {

    private BookingCommands() {}

    /** Creates the booking, or does nothing when the same request was made before under the same key. */
    public record RequestBooking(@TargetAggregateIdentifier String bookingId, UserId userId, String partnerId,
            ProviderId provider, String offerId, String providerOfferId, String paymentMethodId, Money total,
            OrderType orderType, String idempotencyKey, String requestFingerprint, Sealed details, TripDetails trip,
            List<BookedPassenger> passengers, List<SeatSelection> seatSelections, Instant at) {}

    public record RecordAuthorization(@TargetAggregateIdentifier String bookingId, int attempt, String paymentIntentId,
            Money amount, Instant captureBefore, Instant at) {}

    /** Answers {@code true} when attempt {@code attempt} is begun now, {@code false} when it was begun before. */
    public record BeginProviderOrder(@TargetAggregateIdentifier String bookingId, int attempt, String idempotencyKey,
            Instant at) {}

    public record RecordProviderOrder(@TargetAggregateIdentifier String bookingId, String providerOrderId,
            String airlinePnr, Money total, boolean held, Instant paymentRequiredBy, boolean reconciled, Instant at) {}

    public record RecordProviderOrderUnknown(@TargetAggregateIdentifier String bookingId, int attempt, String reason,
            Instant reconcileUntil, Instant at) {}

    /** The authorization {@code voidedPaymentIntentId} was voided because the provider asked for a new price. */
    public record RecordPriceChange(@TargetAggregateIdentifier String bookingId, String voidedPaymentIntentId,
            Money newTotal, String providerOrderId, String retryOrderId, Instant expiresAt, String message, Instant at) {}

    /**
     * The user accepts the new price: the same request as the first, plus the price change's {@code order_id}.
     * Answers {@code true} when accepted now, {@code false} for a retry accepted before (a repeat).
     */
    public record RetryBooking(@TargetAggregateIdentifier String bookingId, UserId userId, String requestFingerprint,
            String orderId, Instant at) {}

    public record RecordHoldPaid(@TargetAggregateIdentifier String bookingId, String airlinePnr, Instant at) {}

    /** The capture succeeded: the booking is confirmed. */
    public record RecordCapture(@TargetAggregateIdentifier String bookingId, String paymentIntentId, Money amount,
            Instant at) {}

    /**
     * The booking failed. {@code voidedPaymentIntentId} names an authorization voided on the way (null when none was
     * made); {@code cancelledOrderId} an order cancelled (null when none existed).
     */
    public record FailBooking(@TargetAggregateIdentifier String bookingId, FailureReason reason, String message,
            String voidedPaymentIntentId, String cancelledOrderId, Instant at) {}

    /** A repeat of the request that made the booking: refused when it is a different request under the same key. */
    public record RepeatBooking(@TargetAggregateIdentifier String bookingId, String requestFingerprint,
            String idempotencyKey) {}

    /** The price change passed its expiry without a retry: the booking fails for good (nothing once retried). */
    public record ExpirePriceChange(@TargetAggregateIdentifier String bookingId, Instant at) {}

    /** Answers {@code true} when the saga may pay the held order now, {@code false} when a cancellation came first. */
    public record BeginHoldPayment(@TargetAggregateIdentifier String bookingId, Instant at) {}

    /**
     * The user asks to cancel a confirmed or held booking. Answers a {@link CancellationStart}: what the cancellation
     * has to do (it may have begun before and been interrupted).
     */
    public record BeginCancellation(@TargetAggregateIdentifier String bookingId, UserId userId, Instant at) {}

    /** Where a cancellation stands: the provider's refund once its cancellation is recorded, what was captured. */
    public record CancellationStart(boolean alreadyCancelled, boolean providerCancelled, Money providerRefund,
            Money captured, String paymentIntentId, String providerOrderId, int attempt) {}

    /** The provider refused the cancellation: the booking goes back to what it was. */
    public record AbandonCancellation(@TargetAggregateIdentifier String bookingId, String reason, Instant at) {}

    /** The provider cancelled the order and refunds {@code providerRefund} (null when it did not say). */
    public record RecordProviderCancellation(@TargetAggregateIdentifier String bookingId, Money providerRefund,
            Instant at) {}

    /**
     * The user's cancellation went through: the payment was voided ({@code refundId} null, for a booking never
     * captured), refunded ({@code refundId}, {@code refunded}), or nothing was due ({@code refunded} zero).
     */
    public record RecordCancellation(@TargetAggregateIdentifier String bookingId, UserId userId, String refundId,
            Money refunded, String reason, Instant at) {}

    /** A booking command refused: the edge maps {@link #kind()} to the seed's envelope. */
    public static final class BookingRefused extends RuntimeException {

        public enum Kind { NOT_FOUND, FORBIDDEN, CONFLICT, INVALID }

        private final Kind kind;

        public BookingRefused(Kind kind, String message) {
            super(message, null, false, false);
            this.kind = kind;
        }

        public Kind kind() {
            return kind;
        }
    }
}
