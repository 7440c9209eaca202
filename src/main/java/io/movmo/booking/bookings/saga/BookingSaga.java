package io.movmo.booking.bookings.saga;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnore;
import io.movmo.booking.bookings.api.BookingCommands.BeginHoldPayment;
import io.movmo.booking.bookings.api.BookingCommands.BeginProviderOrder;
import io.movmo.booking.bookings.api.BookingCommands.ExpirePriceChange;
import io.movmo.booking.bookings.api.BookingCommands.RecordCancellation;
import io.movmo.booking.bookings.api.BookingCommands.RecordProviderCancellation;
import io.movmo.booking.bookings.api.BookingCommands.FailBooking;
import io.movmo.booking.bookings.api.BookingCommands.RecordAuthorization;
import io.movmo.booking.bookings.api.BookingCommands.RecordCapture;
import io.movmo.booking.bookings.api.BookingCommands.RecordHoldPaid;
import io.movmo.booking.bookings.api.BookingCommands.RecordPriceChange;
import io.movmo.booking.bookings.api.BookingCommands.RecordProviderOrder;
import io.movmo.booking.bookings.api.BookingCommands.RecordProviderOrderUnknown;
import io.movmo.booking.bookings.api.BookingDetails;
import io.movmo.booking.bookings.api.BookingEvents.BookingCancellationAbandonedEvent;
import io.movmo.booking.bookings.api.BookingEvents.BookingCancellationRequestedEvent;
import io.movmo.booking.bookings.api.BookingEvents.BookingCancelledEvent;
import io.movmo.booking.bookings.api.BookingEvents.BookingConfirmedEvent;
import io.movmo.booking.bookings.api.BookingEvents.BookingFailedEvent;
import io.movmo.booking.bookings.api.BookingEvents.BookingPriceChangedEvent;
import io.movmo.booking.bookings.api.BookingEvents.BookingRequestedEvent;
import io.movmo.booking.bookings.api.BookingEvents.BookingRetryRequestedEvent;
import io.movmo.booking.bookings.api.BookingEvents.FailureReason;
import io.movmo.booking.bookings.api.BookingEvents.HoldPaidEvent;
import io.movmo.booking.bookings.api.BookingEvents.PaymentAuthorizedEvent;
import io.movmo.booking.bookings.api.BookingEvents.ProviderOrderCreatedEvent;
import io.movmo.booking.bookings.api.BookingEvents.ProviderOrderOutcomeUnknownEvent;
import io.movmo.booking.bookings.api.BookingEvents.SeatSelection;
import io.movmo.booking.payments.api.PaymentIntentEvents.PaymentIntentCanceledEvent;
import io.movmo.booking.payments.gateway.PaymentIntentState;
import io.movmo.booking.payments.gateway.PaymentOutcome;
import io.movmo.booking.payments.gateway.PaymentRejectedException;
import io.movmo.booking.providers.port.CancellationOutcome;
import io.movmo.booking.providers.port.OrderOutcome;
import io.movmo.booking.providers.port.OrderRequest.OrderType;
import io.movmo.booking.providers.port.ProviderOrder;
import io.movmo.booking.shared.Money;
import io.movmo.booking.shared.ProviderId;
import io.movmo.booking.shared.UserId;
import io.movmo.booking.shared.pii.Sealed;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * Drives one booking: authorize (manual capture) → provider order → capture, with the compensations, retries,
 * reconciliation and durable deadlines specified in {@code sagas/booking-saga.md}, whose transition table names the
 * test of every step. Each handler makes at most one outside call per kind and records what it came to as a command to
 * the {@code Booking}; the saga moves on when it sees the recorded event. A handler that cannot finish (a void or a
 * cancellation without an answer) throws: its event is delivered again later, and every call it repeats carries the
 * same idempotency key. Its state holds no personal data in clear: the request details stay sealed.
 *
 * <p>{@code movmo.bookings.saga.enabled=false} leaves the saga out of a node (a read-only node, or a test that feeds
 * the read models made-up booking histories the saga must not act on).
 */
@Saga
@ConditionalOnProperty(name = "movmo.bookings.saga.enabled", havingValue = "true", matchIfMissing = true)
@ProcessingGroup(BookingSaga.PROCESSING_GROUP)
@DisallowReplay
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE, setterVisibility = JsonAutoDetect.Visibility.NONE)
public class BookingSaga {

    public static final String PROCESSING_GROUP = "booking-saga";
    static final String RETRY_AUTHORIZE = "retry-authorize";
    static final String AUTHORIZATION_EXPIRY = "authorization-expiry";
    static final String PAY_HOLD = "pay-hold";
    static final String RECONCILE = "reconcile";
    static final String RETRY_CAPTURE = "retry-capture";
    static final String PRICE_CHANGE_EXPIRY = "price-change-expiry";
    private static final Logger log = LoggerFactory.getLogger(BookingSaga.class);

    enum Phase { AUTHORIZING, ORDERING, RECONCILING, HELD, PAYING_HOLD, CAPTURING, PRICE_CHANGED, CANCELLING, DONE }

    private String bookingId;
    private ProviderId provider;
    private String offerId;
    private OrderType orderType;
    private Sealed details;
    private List<SeatSelection> seats = new ArrayList<>();
    private Money total;
    private int attempt;
    private Phase phase;
    private String paymentIntentId;
    private Instant captureBefore;
    private String providerOrderId;
    private String retryOrderId;
    private Instant reconcileUntil;
    private Instant unknownSince;
    private int tries;
    private String authorizationExpiryDeadline;
    private Instant payHoldAt;
    private UserId userId;

    @JsonIgnore
    private transient BookingSteps steps;
    @JsonIgnore
    private transient CommandGateway commands;
    @JsonIgnore
    private transient DeadlineManager deadlines;

    @Autowired
    public void setSteps(BookingSteps steps) {
        this.steps = steps;
    }

    @Autowired
    public void setCommands(CommandGateway commands) {
        this.commands = commands;
    }

    @Autowired
    public void setDeadlines(DeadlineManager deadlines) {
        this.deadlines = deadlines;
    }

    // ---- authorization ---------------------------------------------------------------------------------------

    @StartSaga
    @SagaEventHandler(associationProperty = "bookingId")
    void on(BookingRequestedEvent event) {
        bookingId = event.bookingId();
        userId = event.userId();
        provider = event.provider();
        offerId = event.offerId();
        orderType = event.orderType();
        details = event.details();
        seats = event.seatSelections() == null ? new ArrayList<>() : new ArrayList<>(event.seatSelections());
        total = event.total();
        attempt = 1;
        authorize();
    }

    @SagaEventHandler(associationProperty = "bookingId")
    void on(BookingRetryRequestedEvent event) {
        if (phase != Phase.PRICE_CHANGED) {
            return;
        }
        deadlines.cancelAllWithinScope(PRICE_CHANGE_EXPIRY);
        attempt = event.attempt();
        total = event.total();
        retryOrderId = event.providerOrderId();
        authorize();
    }

    @DeadlineHandler(deadlineName = RETRY_AUTHORIZE)
    void retryAuthorization() {
        if (phase == Phase.AUTHORIZING) {
            authorize();
        }
    }

    private void authorize() {
        phase = Phase.AUTHORIZING;
        PaymentOutcome outcome;
        try {
            outcome = steps.authorize(bookingId, attempt, total, steps.details(details));
        } catch (PaymentRejectedException e) {
            fail(FailureReason.PAYMENT_REJECTED, "the payment was refused: " + e.getMessage(), null, null);
            return;
        }
        if (outcome instanceof PaymentOutcome.Authorized authorized) {
            if (total.isGreaterThan(authorized.amount())) {
                voidAuthorization(authorized.paymentIntentId());
                fail(FailureReason.PARTIAL_AUTHORIZATION, "the card holds only " + authorized.amount() + " of "
                        + total, authorized.paymentIntentId(), null);
                return;
            }
            record(new RecordAuthorization(bookingId, attempt, authorized.paymentIntentId(),
                    authorized.amount(), authorized.captureBefore(), now()));
        } else if (outcome instanceof PaymentOutcome.Declined declined) {
            fail(FailureReason.CARD_DECLINED, "the card was declined (" + declined.code()
                    + (declined.declineCode() == null ? "" : ", " + declined.declineCode()) + ")", null, null);
        } else if (outcome instanceof PaymentOutcome.RequiresAction action) {
            voidAuthorization(action.paymentIntentId());
            fail(FailureReason.CARD_DECLINED, "the card asks the customer to authenticate, which an off-session"
                    + " booking cannot do; use another card", action.paymentIntentId(), null);
        } else if (outcome instanceof PaymentOutcome.Unknown unknown) {
            Instant now = now();
            unknownSince = unknownSince == null ? now : unknownSince;
            if (!now.isBefore(unknownSince.plus(steps.settings().authorizeWindow()))) {
                fail(FailureReason.PAYMENT_UNAVAILABLE, "the payment gateway did not answer; nothing was captured"
                        + " (a hold the card may show lapses by itself)", null, null);
            } else {
                log.warn("booking {}: authorization outcome unknown ({}); retrying with the same key", bookingId,
                        unknown.reason());
                deadlines.schedule(steps.settings().backoff(tries++), RETRY_AUTHORIZE);
            }
        } else {
            throw new IllegalStateException("unexpected authorization outcome " + outcome);
        }
    }

    // ---- provider order --------------------------------------------------------------------------------------

    @SagaEventHandler(associationProperty = "bookingId")
    void on(PaymentAuthorizedEvent event) {
        if (phase != Phase.AUTHORIZING) {
            return;
        }
        paymentIntentId = event.paymentIntentId();
        captureBefore = event.captureBefore();
        tries = 0;
        unknownSince = null;
        deadlines.cancelAllWithinScope(RETRY_AUTHORIZE);
        if (authorizationExpiryDeadline != null) {
            deadlines.cancelSchedule(AUTHORIZATION_EXPIRY, authorizationExpiryDeadline);
        }
        Instant expiry = event.captureBefore().minus(steps.settings().authorizationMargin());
        authorizationExpiryDeadline = deadlines.schedule(max(expiry, now()), AUTHORIZATION_EXPIRY);
        phase = Phase.ORDERING;
        Object begun = record(new BeginProviderOrder(bookingId, attempt,
                BookingKeys.order(bookingId, attempt), now()));
        if (!Boolean.TRUE.equals(begun)) {
            // sent before, but its answer was never recorded (the engine stopped): find out, never order again
            record(new RecordProviderOrderUnknown(bookingId, attempt,
                    "the order was sent before the engine stopped and its answer was not recorded",
                    now().plus(steps.settings().reconcileWindow()), now()));
            return;
        }
        BookingDetails request = steps.details(details);
        OrderOutcome outcome = steps.createOrder(provider, steps.orderRequest(bookingId, offerId, orderType, request,
                seats, total, retryOrderId, attempt));
        if (outcome instanceof OrderOutcome.Created created) {
            record(new RecordProviderOrder(bookingId, created.providerOrderId(),
                    created.bookingReference(), created.total(), created.held(), created.paymentRequiredBy(), false,
                    now()));
        } else if (outcome instanceof OrderOutcome.PriceChanged changed) {
            voidAuthorization(paymentIntentId);
            // What the partner's retry must name: unique per price change, so a retry sent twice can never accept a
            // later price the user has not seen.
            String base = changed.providerOrderId() != null ? changed.providerOrderId() : bookingId;
            String retryWith = attempt == 1 ? base : base + "~" + attempt;
            Instant expires = changed.expiresAt() != null ? changed.expiresAt()
                    : now().plus(steps.settings().priceChangeValidity());
            record(new RecordPriceChange(bookingId, paymentIntentId, changed.newTotal(),
                    changed.providerOrderId(), retryWith, expires, changed.message(), now()));
        } else if (outcome instanceof OrderOutcome.OfferGone gone) {
            voidAuthorization(paymentIntentId);
            fail(FailureReason.OFFER_GONE, "the offer is no longer available: " + gone.reason(), paymentIntentId,
                    null);
        } else if (outcome instanceof OrderOutcome.Rejected) {
            voidAuthorization(paymentIntentId);
            // the provider's own words can quote passenger data: they stay out of the (unsealed) event
            log.warn("booking {}: the provider refused the order", bookingId);
            fail(FailureReason.ORDER_REJECTED, "the provider refused the order as made; check the passengers'"
                    + " names, dates of birth and documents against the offer", paymentIntentId, null);
        } else if (outcome instanceof OrderOutcome.Unknown unknown) {
            record(new RecordProviderOrderUnknown(bookingId, attempt, unknown.reason(),
                    now().plus(steps.settings().reconcileWindow()), now()));
        }
    }

    @SagaEventHandler(associationProperty = "bookingId")
    void on(ProviderOrderOutcomeUnknownEvent event) {
        if (phase != Phase.ORDERING) {
            return;
        }
        phase = Phase.RECONCILING;
        reconcileUntil = event.reconcileUntil();
        tries = 0;
        reconcile();
    }

    @DeadlineHandler(deadlineName = RECONCILE)
    void reconcileAgain() {
        if (phase == Phase.RECONCILING) {
            reconcile();
        }
    }

    /** Looks the order up by our reference: record it if it exists; void and fail once the window has passed. */
    private void reconcile() {
        Optional<ProviderOrder> found = steps.findOrderByReference(provider, bookingId);
        if (found != null && found.isPresent()) {
            ProviderOrder order = found.get();
            if ("confirmed".equals(order.status()) || "held".equals(order.status())) {
                boolean held = "held".equals(order.status());
                record(new RecordProviderOrder(bookingId, order.providerOrderId(),
                        order.bookingReference(), order.total(), held, held ? order.paymentRequiredBy() : null, true,
                        now()));
                return;
            }
            if ("cancelled".equals(order.status())) {
                voidAuthorization(paymentIntentId);
                fail(FailureReason.ORDER_REJECTED, "the provider cancelled the order", paymentIntentId, null);
                return;
            }
        }
        Instant now = now();
        if (found != null && found.isEmpty() && !now.isBefore(reconcileUntil)) {
            voidAuthorization(paymentIntentId);
            fail(FailureReason.ORDER_NOT_CREATED, "the provider did not answer and created no order;"
                    + " nothing was charged", paymentIntentId, null);
            return;
        }
        Instant next = now.plus(steps.settings().backoff(tries++));
        deadlines.schedule(next.isAfter(reconcileUntil) && now.isBefore(reconcileUntil) ? reconcileUntil : next,
                RECONCILE);
    }

    // ---- hold, capture --------------------------------------------------------------------------------------

    @SagaEventHandler(associationProperty = "bookingId")
    void on(ProviderOrderCreatedEvent event) {
        if (phase != Phase.ORDERING && phase != Phase.RECONCILING) {
            return;
        }
        providerOrderId = event.providerOrderId();
        deadlines.cancelAllWithinScope(RECONCILE);
        tries = 0;
        if (event.held()) {
            phase = Phase.HELD;
            // strictly before the authorization-expiry deadline, so the two never race
            Instant payBy = captureBefore.minus(steps.settings().authorizationMargin())
                    .minus(steps.settings().holdPaymentLead());
            if (event.paymentRequiredBy() != null) {
                Instant providerDeadline = event.paymentRequiredBy().minus(steps.settings().holdPaymentLead());
                payBy = providerDeadline.isBefore(payBy) ? providerDeadline : payBy;
            }
            payHoldAt = payBy;
            deadlines.schedule(max(payBy, now()), PAY_HOLD);
        } else {
            capture();
        }
    }

    @DeadlineHandler(deadlineName = PAY_HOLD)
    void payHold() {
        if (phase != Phase.HELD && phase != Phase.PAYING_HOLD) {
            return;
        }
        if (!Boolean.TRUE.equals(record(new BeginHoldPayment(bookingId, now())))) {
            return; // the user is cancelling the held booking: it is theirs to finish
        }
        phase = Phase.PAYING_HOLD;
        OrderOutcome outcome = steps.payHold(provider, providerOrderId, total, bookingId);
        if (outcome instanceof OrderOutcome.Created created) {
            record(new RecordHoldPaid(bookingId, created.bookingReference(), now()));
        } else if (outcome instanceof OrderOutcome.Unknown) {
            Optional<ProviderOrder> order = steps.findOrder(provider, providerOrderId);
            if (order != null && order.isPresent() && "confirmed".equals(order.get().status())) {
                record(new RecordHoldPaid(bookingId, order.get().bookingReference(), now()));
            } else {
                deadlines.schedule(steps.settings().backoff(tries++), PAY_HOLD);
            }
        } else {
            boolean cancelled = cancelOrder();
            voidAuthorization(paymentIntentId);
            fail(FailureReason.HOLD_PAYMENT_FAILED, "the provider refused to take payment for the held order",
                    paymentIntentId, cancelled ? providerOrderId : null);
        }
    }

    @SagaEventHandler(associationProperty = "bookingId")
    void on(HoldPaidEvent event) {
        if (phase == Phase.HELD || phase == Phase.PAYING_HOLD) {
            capture();
        }
    }

    @SagaEventHandler(associationProperty = "bookingId")
    void on(BookingCancellationRequestedEvent event) {
        if (phase == Phase.HELD) {
            phase = Phase.CANCELLING; // the user's cancellation cancels the order and releases the card
            deadlines.cancelAllWithinScope(PAY_HOLD);
        }
    }

    /** The provider refused the user's cancellation: the held booking is the saga's again, to pay in time. */
    @SagaEventHandler(associationProperty = "bookingId")
    void on(BookingCancellationAbandonedEvent event) {
        if (phase == Phase.CANCELLING) {
            phase = Phase.HELD;
            deadlines.schedule(max(payHoldAt, now()), PAY_HOLD);
        }
    }

    @DeadlineHandler(deadlineName = RETRY_CAPTURE)
    void retryCapture() {
        if (phase == Phase.CAPTURING) {
            capture();
        }
    }

    /** Takes the authorized amount; never without an order (every caller has one), never twice (one key). */
    private void capture() {
        phase = Phase.CAPTURING;
        PaymentOutcome outcome;
        try {
            outcome = steps.capture(paymentIntentId, total, bookingId);
        } catch (PaymentRejectedException e) {
            captureRefused("the capture was refused: " + e.getMessage());
            return;
        }
        if (outcome instanceof PaymentOutcome.Captured captured) {
            record(new RecordCapture(bookingId, paymentIntentId, captured.amount(), now()));
        } else if (outcome instanceof PaymentOutcome.Declined declined) {
            captureRefused("the capture was refused (" + declined.code() + ")");
        } else if (tries >= steps.settings().captureRetries()) {
            Optional<PaymentIntentState> state = steps.retrieve(paymentIntentId);
            if (state.isPresent() && "succeeded".equals(state.get().status())) {
                record(new RecordCapture(bookingId, paymentIntentId, state.get().amountReceived(), now()));
            } else if (state.isPresent() && "canceled".equals(state.get().status())) {
                captureRefused("the authorization was cancelled before it was captured");
            } else {
                deadlines.schedule(steps.settings().backoff(tries++), RETRY_CAPTURE);
            }
        } else {
            log.warn("booking {}: capture outcome unknown; retrying with the same key", bookingId);
            deadlines.schedule(steps.settings().backoff(tries++), RETRY_CAPTURE);
        }
    }

    /** The money cannot be taken: the order must not stand unpaid. Cancel it, release the card, fail. */
    private void captureRefused(String message) {
        Optional<PaymentIntentState> state = steps.retrieve(paymentIntentId);
        if (state.isEmpty()) {
            throw new StepNotFinishedException("booking " + bookingId + ": capture refused and the intent unreadable");
        }
        if ("succeeded".equals(state.get().status())) {
            // taken after all (an earlier attempt went through): the booking is paid
            record(new RecordCapture(bookingId, paymentIntentId, state.get().amountReceived(), now()));
            return;
        }
        boolean cancelled = cancelOrder();
        voidAuthorization(paymentIntentId);
        fail(FailureReason.CAPTURE_FAILED, message + "; the order was cancelled and nothing was charged",
                paymentIntentId, cancelled ? providerOrderId : null);
    }

    // ---- price change ---------------------------------------------------------------------------------------

    @SagaEventHandler(associationProperty = "bookingId")
    void on(BookingPriceChangedEvent event) {
        phase = Phase.PRICE_CHANGED;
        paymentIntentId = null;
        deadlines.cancelAllWithinScope(AUTHORIZATION_EXPIRY);
        authorizationExpiryDeadline = null;
        deadlines.schedule(max(event.expiresAt(), now()), PRICE_CHANGE_EXPIRY);
    }

    @DeadlineHandler(deadlineName = PRICE_CHANGE_EXPIRY)
    void priceChangeExpired() {
        if (phase == Phase.PRICE_CHANGED) {
            // the booking decides: it fails for good unless a retry was accepted first (the saga then goes on)
            record(new ExpirePriceChange(bookingId, now()));
        }
    }

    // ---- deadlines and Stripe's word ------------------------------------------------------------------------

    @DeadlineHandler(deadlineName = AUTHORIZATION_EXPIRY)
    void authorizationExpiring() {
        if (phase == Phase.CANCELLING) {
            // the user's cancellation of this held booking never finished: finish it before the card's hold lapses
            cancelOrder();
            record(new RecordProviderCancellation(bookingId, null, now()));
            voidAuthorization(paymentIntentId);
            record(new RecordCancellation(bookingId, userId, null, null,
                    "cancelled by the user; finished by the engine before the card authorization lapsed", now()));
            return;
        }
        // Paying a hold or capturing goes on: there are hours left, and stopping midway could cancel a paid order.
        if (phase == Phase.ORDERING || phase == Phase.RECONCILING || phase == Phase.HELD) {
            boolean cancelled = cancelOrderEvenIfOnlyFoundByReference();
            voidAuthorization(paymentIntentId);
            fail(FailureReason.AUTHORIZATION_EXPIRED, "the card authorization was about to lapse before the booking"
                    + " could be paid; the order was cancelled and nothing was charged", paymentIntentId,
                    cancelled ? providerOrderId : null);
        }
    }

    @SagaEventHandler(associationProperty = "bookingId")
    void on(PaymentIntentCanceledEvent event) {
        if (!event.paymentIntentId().equals(paymentIntentId) || phase == Phase.DONE || phase == Phase.AUTHORIZING
                || phase == Phase.PRICE_CHANGED || phase == Phase.CANCELLING) {
            return;
        }
        boolean cancelled = cancelOrderEvenIfOnlyFoundByReference();
        fail(FailureReason.AUTHORIZATION_EXPIRED, "the card authorization was cancelled by the payment gateway ("
                + event.cancellationReason() + "); the order was cancelled", paymentIntentId,
                cancelled ? providerOrderId : null);
    }

    // ---- the end --------------------------------------------------------------------------------------------

    @EndSaga
    @SagaEventHandler(associationProperty = "bookingId")
    void on(BookingConfirmedEvent event) {
        phase = Phase.DONE;
        deadlines.cancelAllWithinScope(AUTHORIZATION_EXPIRY);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "bookingId")
    void on(BookingFailedEvent event) {
        phase = Phase.DONE;
        deadlines.cancelAllWithinScope(AUTHORIZATION_EXPIRY);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "bookingId")
    void on(BookingCancelledEvent event) {
        phase = Phase.DONE;
        deadlines.cancelAllWithinScope(AUTHORIZATION_EXPIRY);
        deadlines.cancelAllWithinScope(PAY_HOLD);
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    /** Voids the authorization; without a definite answer the handler fails and its event comes again. */
    private void voidAuthorization(String intent) {
        if (intent == null) {
            return;
        }
        boolean released;
        try {
            released = steps.release(intent, bookingId, attempt);
        } catch (IllegalStateException refused) {
            log.error(refused.getMessage());
            throw new StepNotFinishedException("booking " + bookingId + ": void refused");
        }
        if (!released) {
            throw new StepNotFinishedException("booking " + bookingId + ": the void of " + intent + " has no answer");
        }
    }

    /**
     * While reconciling, the order's id is not known yet: look it up by our reference, so an order that exists after
     * all is cancelled rather than left unpaid.
     */
    private boolean cancelOrderEvenIfOnlyFoundByReference() {
        if (providerOrderId == null && phase == Phase.RECONCILING) {
            Optional<ProviderOrder> found = steps.findOrderByReference(provider, bookingId);
            if (found == null) {
                throw new StepNotFinishedException("booking " + bookingId + ": the provider did not answer a lookup");
            }
            found.ifPresent(order -> providerOrderId = order.providerOrderId());
        }
        return cancelOrder();
    }

    /**
     * Cancels the provider order if there is one: true when it is cancelled, false when there was none or the provider
     * refused (support follows up). Without a definite answer the handler fails and runs again.
     */
    private boolean cancelOrder() {
        if (providerOrderId == null) {
            return false;
        }
        CancellationOutcome outcome = steps.cancelOrder(provider, providerOrderId, bookingId, false);
        if (outcome instanceof CancellationOutcome.Unknown unknown) {
            throw new StepNotFinishedException("booking " + bookingId + ": cancellation of order " + providerOrderId
                    + " has no answer (" + unknown.reason() + ")");
        }
        if (outcome instanceof CancellationOutcome.Refused refused) {
            log.error("booking {}: the provider refused to cancel order {} ({}); support must follow up", bookingId,
                    providerOrderId, refused.reason());
            return false;
        }
        return true;
    }

    private void fail(FailureReason reason, String message, String voidedIntent, String cancelledOrder) {
        record(new FailBooking(bookingId, reason, message, voidedIntent, cancelledOrder, now()));
    }

    /**
     * Sends a recording command and waits for it. Anything but success (no answer in time, an interrupted wait at
     * shutdown, a refusal) fails the handler, so its unit of work rolls back and the event is handled again: a handler
     * never commits having lost what it did.
     */
    private Object record(Object command) {
        try {
            return commands.send(command).get(steps.settings().stepTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StepNotFinishedException("booking " + bookingId + ": interrupted while recording "
                    + command.getClass().getSimpleName());
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause
                    : new StepNotFinishedException("booking " + bookingId + ": " + e.getCause());
        } catch (TimeoutException e) {
            throw new StepNotFinishedException("booking " + bookingId + ": no answer recording "
                    + command.getClass().getSimpleName());
        }
    }

    private Instant now() {
        return steps.now();
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** A step whose outside call had no definite answer: the event is handled again later, with the same keys. */
    static final class StepNotFinishedException extends RuntimeException {
        StepNotFinishedException(String message) {
            super(message);
        }
    }
}
