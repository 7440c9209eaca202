package io.movmo.booking.bookings.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.movmo.booking.bookings.api.BookingCommands.AbandonCancellation;
import io.movmo.booking.bookings.api.BookingCommands.BeginCancellation;
import io.movmo.booking.bookings.api.BookingCommands.BeginHoldPayment;
import io.movmo.booking.bookings.api.BookingCommands.BeginProviderOrder;
import io.movmo.booking.bookings.api.BookingCommands.CancellationStart;
import io.movmo.booking.bookings.api.BookingCommands.ExpirePriceChange;
import io.movmo.booking.bookings.api.BookingCommands.RecordProviderCancellation;
import io.movmo.booking.bookings.api.BookingCommands.RepeatBooking;
import io.movmo.booking.bookings.api.BookingCommands.BookingRefused;
import io.movmo.booking.bookings.api.BookingCommands.BookingRefused.Kind;
import io.movmo.booking.bookings.api.BookingCommands.FailBooking;
import io.movmo.booking.bookings.api.BookingCommands.RecordAuthorization;
import io.movmo.booking.bookings.api.BookingCommands.RecordCancellation;
import io.movmo.booking.bookings.api.BookingCommands.RecordCapture;
import io.movmo.booking.bookings.api.BookingCommands.RecordHoldPaid;
import io.movmo.booking.bookings.api.BookingCommands.RecordPriceChange;
import io.movmo.booking.bookings.api.BookingCommands.RecordProviderOrder;
import io.movmo.booking.bookings.api.BookingCommands.RecordProviderOrderUnknown;
import io.movmo.booking.bookings.api.BookingCommands.RequestBooking;
import io.movmo.booking.bookings.api.BookingCommands.RetryBooking;
import io.movmo.booking.bookings.api.BookingEvents.BookingCancellationAbandonedEvent;
import io.movmo.booking.bookings.api.BookingEvents.BookingCancellationRequestedEvent;
import io.movmo.booking.bookings.api.BookingEvents.BookingCancelledEvent;
import io.movmo.booking.bookings.api.BookingEvents.FailureReason;
import io.movmo.booking.bookings.api.BookingEvents.HoldPaymentAttemptedEvent;
import io.movmo.booking.bookings.api.BookingEvents.BookingConfirmedEvent;
import io.movmo.booking.bookings.api.BookingEvents.BookingFailedEvent;
import io.movmo.booking.bookings.api.BookingEvents.BookingPriceChangedEvent;
import io.movmo.booking.bookings.api.BookingEvents.BookingRequestedEvent;
import io.movmo.booking.bookings.api.BookingEvents.BookingRetryRequestedEvent;
import io.movmo.booking.bookings.api.BookingEvents.HoldPaidEvent;
import io.movmo.booking.bookings.api.BookingEvents.PaymentAuthorizedEvent;
import io.movmo.booking.bookings.api.BookingEvents.PaymentCapturedEvent;
import io.movmo.booking.bookings.api.BookingEvents.PaymentRefundedEvent;
import io.movmo.booking.bookings.api.BookingEvents.PaymentVoidedEvent;
import io.movmo.booking.bookings.api.BookingEvents.ProviderOrderAttemptedEvent;
import io.movmo.booking.bookings.api.BookingEvents.ProviderOrderCancelledEvent;
import io.movmo.booking.bookings.api.BookingEvents.ProviderOrderCreatedEvent;
import io.movmo.booking.bookings.api.BookingEvents.ProviderOrderOutcomeUnknownEvent;
import io.movmo.booking.shared.Money;
import io.movmo.booking.shared.UserId;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One booking: what the user asked for and how far the booking saga got. It decides nothing about payments or
 * providers (the saga does); it keeps the facts straight. A request repeated under the same idempotency key lands
 * here again (the id is derived from the user and the key): the same request changes nothing, a different one is
 * refused. Every fact the saga records is recorded once, however often the saga reports it.
 */
@Aggregate
class Booking {

    enum State { REQUESTED, AUTHORIZED, ORDER_UNKNOWN, ORDERED, PRICE_CHANGED, CONFIRMED, CANCELLING, FAILED, CANCELLED }

    @AggregateIdentifier
    private String bookingId;
    private UserId userId;
    private String requestFingerprint;
    private State state;
    private int attempt;
    private final Set<Integer> orderAttempts = new HashSet<>();
    private String paymentIntentId;
    private boolean paymentVoided;
    private Money total;
    private String providerOrderId;
    private boolean held;
    private String airlinePnr;
    private String retryOrderId;
    private final Set<String> acceptedRetryOrderIds = new HashSet<>();
    private String priceChangeOrderId;
    private String priceChangeProviderOrderId;
    private boolean holdPaymentAttempted;
    private boolean captured;
    private Money capturedAmount;
    private boolean providerCancelled;
    private Money providerRefund;
    private State stateBeforeCancelling;
    private Money newTotal;
    private Instant priceChangeExpiresAt;

    Booking() {}

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RequestBooking command) {
        if (state == null) {
            apply(new BookingRequestedEvent(command.bookingId(), command.userId(), command.partnerId(),
                    command.provider(), command.offerId(), command.providerOfferId(), command.paymentMethodId(),
                    command.total(), command.orderType(), command.idempotencyKey(), command.requestFingerprint(),
                    command.details(), command.trip(), command.passengers(), command.seatSelections(), command.at()));
        } else if (!requestFingerprint.equals(command.requestFingerprint())) {
            throw new BookingRefused(Kind.CONFLICT, "idempotency_key " + command.idempotencyKey()
                    + " was already used for a different booking request; use a new key for a new booking");
        }
    }

    @CommandHandler
    void handle(RepeatBooking command) {
        if (!requestFingerprint.equals(command.requestFingerprint())) {
            throw new BookingRefused(Kind.CONFLICT, "idempotency_key " + command.idempotencyKey()
                    + " was already used for a different booking request; use a new key for a new booking");
        }
    }

    @CommandHandler
    void handle(ExpirePriceChange command) {
        if (state == State.PRICE_CHANGED) {
            apply(new BookingFailedEvent(bookingId, FailureReason.PRICE_CHANGED, "the new price expired at "
                    + priceChangeExpiresAt + " without a retry; make a new booking from a fresh offer", command.at()));
        }
    }

    @CommandHandler
    boolean handle(BeginHoldPayment command) {
        if (state != State.ORDERED || !held) {
            return false;
        }
        if (!holdPaymentAttempted) {
            apply(new HoldPaymentAttemptedEvent(bookingId, command.at()));
        }
        return true;
    }

    @CommandHandler
    CancellationStart handle(BeginCancellation command) {
        if (!userId.equals(command.userId())) {
            throw new BookingRefused(Kind.FORBIDDEN, "this booking belongs to another user");
        }
        if (state == State.CANCELLED) {
            return new CancellationStart(true, true, providerRefund, capturedAmount, paymentIntentId, providerOrderId,
                    attempt);
        }
        boolean cancellableHold = state == State.ORDERED && held && !holdPaymentAttempted;
        if (state != State.CONFIRMED && state != State.CANCELLING && !cancellableHold) {
            throw new BookingRefused(Kind.CONFLICT, state == State.ORDERED && held
                    ? "the held order is being paid; cancel it once it is confirmed"
                    : "only a confirmed or held booking can be cancelled");
        }
        if (state != State.CANCELLING) {
            apply(new BookingCancellationRequestedEvent(bookingId, command.at()));
        }
        return new CancellationStart(false, providerCancelled, providerRefund, capturedAmount, paymentIntentId,
                providerOrderId, attempt);
    }

    @CommandHandler
    void handle(AbandonCancellation command) {
        if (state == State.CANCELLING && !providerCancelled) {
            apply(new BookingCancellationAbandonedEvent(bookingId, command.reason(), command.at()));
        }
    }

    @CommandHandler
    void handle(RecordProviderCancellation command) {
        if (state == State.CANCELLING && !providerCancelled) {
            apply(new ProviderOrderCancelledEvent(bookingId, providerOrderId, command.providerRefund(), command.at()));
        }
    }

    @CommandHandler
    void handle(RecordAuthorization command) {
        if (command.attempt() != attempt || (state != State.REQUESTED)) {
            return; // recorded before, or for an attempt the booking has moved past
        }
        apply(new PaymentAuthorizedEvent(bookingId, command.attempt(), command.paymentIntentId(), command.amount(),
                command.captureBefore(), command.at()));
    }

    @CommandHandler
    boolean handle(BeginProviderOrder command) {
        if (state != State.AUTHORIZED || orderAttempts.contains(command.attempt())) {
            return false;
        }
        apply(new ProviderOrderAttemptedEvent(bookingId, command.attempt(), command.idempotencyKey(), command.at()));
        return true;
    }

    @CommandHandler
    void handle(RecordProviderOrder command) {
        if (state != State.AUTHORIZED && state != State.ORDER_UNKNOWN) {
            return;
        }
        apply(new ProviderOrderCreatedEvent(bookingId, command.providerOrderId(), command.airlinePnr(),
                command.total(), command.held(), command.paymentRequiredBy(), command.reconciled(), command.at()));
    }

    @CommandHandler
    void handle(RecordProviderOrderUnknown command) {
        if (state != State.AUTHORIZED) {
            return;
        }
        apply(new ProviderOrderOutcomeUnknownEvent(bookingId, command.attempt(), command.reason(),
                command.reconcileUntil(), command.at()));
    }

    @CommandHandler
    void handle(RecordPriceChange command) {
        if (state != State.AUTHORIZED && state != State.ORDER_UNKNOWN) {
            return;
        }
        voided(command.voidedPaymentIntentId(), command.at());
        apply(new BookingPriceChangedEvent(bookingId, total, command.newTotal(), command.providerOrderId(),
                command.retryOrderId(), command.expiresAt(), command.message(), command.at()));
    }

    @CommandHandler
    boolean handle(RetryBooking command) {
        if (!userId.equals(command.userId())) {
            throw new BookingRefused(Kind.NOT_FOUND, "booking not found");
        }
        if (!requestFingerprint.equals(command.requestFingerprint())) {
            throw new BookingRefused(Kind.INVALID, "a retry must repeat the original booking request (same offer,"
                    + " passengers, payment method and options) with the price change's order_id");
        }
        if (acceptedRetryOrderIds.contains(command.orderId())) {
            return false; // this retry was accepted before: the booking answers as it stands now
        }
        if (state != State.PRICE_CHANGED) {
            throw new BookingRefused(Kind.CONFLICT, "the booking is not waiting for a price-change retry");
        }
        if (!priceChangeOrderId.equals(command.orderId())) {
            throw new BookingRefused(Kind.INVALID, "order_id " + command.orderId()
                    + " is not the order of this booking's price change (" + priceChangeOrderId + ")");
        }
        if (priceChangeExpiresAt != null && !command.at().isBefore(priceChangeExpiresAt)) {
            throw new BookingRefused(Kind.INVALID, "the new price expired at " + priceChangeExpiresAt
                    + "; make a new booking from a fresh offer");
        }
        apply(new BookingRetryRequestedEvent(bookingId, attempt + 1, newTotal, priceChangeProviderOrderId,
                command.at()));
        return true;
    }

    @CommandHandler
    void handle(RecordHoldPaid command) {
        if (state == State.ORDERED && held) {
            apply(new HoldPaidEvent(bookingId, providerOrderId, command.airlinePnr(), command.at()));
        }
    }

    @CommandHandler
    void handle(RecordCapture command) {
        if (state != State.ORDERED || held) {
            return;
        }
        apply(new PaymentCapturedEvent(bookingId, command.paymentIntentId(), command.amount(), command.at()));
        apply(new BookingConfirmedEvent(bookingId, providerOrderId, airlinePnr, command.amount(), command.at()));
    }

    @CommandHandler
    void handle(FailBooking command) {
        if (state == State.FAILED || state == State.CANCELLED || state == State.CONFIRMED
                || state == State.CANCELLING) {
            return;
        }
        voided(command.voidedPaymentIntentId(), command.at());
        if (command.cancelledOrderId() != null) {
            apply(new ProviderOrderCancelledEvent(bookingId, command.cancelledOrderId(), null, command.at()));
        }
        apply(new BookingFailedEvent(bookingId, command.reason(), command.message(), command.at()));
    }

    @CommandHandler
    void handle(RecordCancellation command) {
        if (!userId.equals(command.userId())) {
            throw new BookingRefused(Kind.FORBIDDEN, "this booking belongs to another user");
        }
        if (state == State.CANCELLED) {
            return;
        }
        if (state != State.CANCELLING || !providerCancelled) {
            throw new BookingRefused(Kind.CONFLICT, "the booking's cancellation has not reached the provider yet");
        }
        if (command.refundId() != null) {
            if (command.refunded().isGreaterThan(capturedAmount)) {
                throw new BookingRefused(Kind.CONFLICT, "a refund of " + command.refunded() + " exceeds the "
                        + capturedAmount + " captured");
            }
            apply(new PaymentRefundedEvent(bookingId, paymentIntentId, command.refundId(), command.refunded(),
                    command.at()));
        } else if (!captured) {
            voided(paymentIntentId, command.at());
        }
        apply(new BookingCancelledEvent(bookingId, command.refunded(), command.reason(), command.at()));
    }

    private void voided(String intent, Instant at) {
        if (intent != null && !(intent.equals(paymentIntentId) && paymentVoided)) {
            apply(new PaymentVoidedEvent(bookingId, intent, at));
        }
    }

    @EventSourcingHandler
    void on(BookingRequestedEvent event) {
        bookingId = event.bookingId();
        userId = event.userId();
        requestFingerprint = event.requestFingerprint();
        total = event.total();
        attempt = 1;
        state = State.REQUESTED;
    }

    @EventSourcingHandler
    void on(PaymentAuthorizedEvent event) {
        paymentIntentId = event.paymentIntentId();
        paymentVoided = false;
        state = State.AUTHORIZED;
    }

    @EventSourcingHandler
    void on(ProviderOrderAttemptedEvent event) {
        orderAttempts.add(event.attempt());
    }

    @EventSourcingHandler
    void on(ProviderOrderCreatedEvent event) {
        providerOrderId = event.providerOrderId();
        airlinePnr = event.airlinePnr();
        held = event.held();
        state = State.ORDERED;
    }

    @EventSourcingHandler
    void on(ProviderOrderOutcomeUnknownEvent event) {
        state = State.ORDER_UNKNOWN;
    }

    @EventSourcingHandler
    void on(BookingPriceChangedEvent event) {
        priceChangeOrderId = event.retryOrderId();
        priceChangeProviderOrderId = event.providerOrderId();
        newTotal = event.newTotal();
        priceChangeExpiresAt = event.expiresAt();
        state = State.PRICE_CHANGED;
    }

    @EventSourcingHandler
    void on(BookingRetryRequestedEvent event) {
        attempt = event.attempt();
        total = event.total();
        retryOrderId = priceChangeOrderId;
        acceptedRetryOrderIds.add(priceChangeOrderId);
        state = State.REQUESTED;
    }

    @EventSourcingHandler
    void on(HoldPaidEvent event) {
        held = false;
        if (event.airlinePnr() != null) {
            airlinePnr = event.airlinePnr();
        }
    }

    @EventSourcingHandler
    void on(PaymentCapturedEvent event) {
        captured = true;
        capturedAmount = event.amount();
    }

    @EventSourcingHandler
    void on(HoldPaymentAttemptedEvent event) {
        holdPaymentAttempted = true;
    }

    @EventSourcingHandler
    void on(BookingCancellationRequestedEvent event) {
        stateBeforeCancelling = state;
        state = State.CANCELLING;
    }

    @EventSourcingHandler
    void on(BookingCancellationAbandonedEvent event) {
        state = stateBeforeCancelling;
    }

    @EventSourcingHandler
    void on(ProviderOrderCancelledEvent event) {
        if (state == State.CANCELLING) {
            providerCancelled = true;
            providerRefund = event.refund();
        }
    }

    @EventSourcingHandler
    void on(BookingConfirmedEvent event) {
        state = State.CONFIRMED;
    }

    @EventSourcingHandler
    void on(PaymentVoidedEvent event) {
        if (event.paymentIntentId().equals(paymentIntentId)) {
            paymentVoided = true;
        }
    }

    @EventSourcingHandler
    void on(BookingFailedEvent event) {
        state = State.FAILED;
    }

    @EventSourcingHandler
    void on(BookingCancelledEvent event) {
        state = State.CANCELLED;
    }
}
