package io.movmo.booking.bookings.saga;

import io.movmo.booking.bookings.api.BookingCommands.RecordCancellation;
import io.movmo.booking.bookings.api.BookingView;
import io.movmo.booking.payments.gateway.PaymentOutcome;
import io.movmo.booking.payments.gateway.PaymentRejectedException;
import io.movmo.booking.providers.port.CancellationOutcome;
import io.movmo.booking.shared.Money;
import io.movmo.booking.shared.ProviderId;
import io.movmo.booking.shared.UserId;
import io.movmo.booking.web.ApiException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A user's cancellation of a confirmed or held booking: the provider cancels the order (quote, then confirm, under
 * {@code booking:{id}:cancel}), then the card gets back what the provider refunds, never more than was captured
 * ({@code booking:{id}:refund:1}), or, for a held booking never captured, the authorization is voided. Every call
 * carries its idempotency key, so a cancellation interrupted midway is finished by asking again.
 */
@Component
public class BookingCancellation {

    private final BookingSteps steps;

    BookingCancellation(BookingSteps steps) {
        this.steps = steps;
    }

    /** Cancels at the provider and settles the payment; answers the command that records it. */
    public Mono<RecordCancellation> cancel(BookingView booking) {
        boolean captured = BookingView.CONFIRMED.equals(booking.status());
        boolean held = BookingView.BOOKING_CREATED.equals(booking.status()) && booking.held();
        if (!captured && !held) {
            return Mono.error(new ApiException(HttpStatus.CONFLICT, "only a confirmed or held booking can be"
                    + " cancelled; this one is " + booking.status()));
        }
        return Mono.fromCallable(() -> {
            ProviderId provider = ProviderId.fromId(booking.provider()).orElseThrow();
            CancellationOutcome outcome = steps.cancelOrder(provider, booking.providerOrderId(), booking.id());
            if (outcome instanceof CancellationOutcome.Refused refused) {
                throw new ApiException(HttpStatus.CONFLICT, "the provider refused the cancellation: "
                        + refused.reason());
            }
            if (outcome instanceof CancellationOutcome.Unknown) {
                throw new ApiException(HttpStatus.BAD_GATEWAY, "the provider did not confirm the cancellation;"
                        + " ask again, it will not be cancelled twice");
            }
            Money providerRefund = ((CancellationOutcome.Cancelled) outcome).refund();
            Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
            UserId user = new UserId(booking.userId());
            if (!captured) {
                PaymentOutcome voided = steps.voidAuthorization(booking.paymentIntentId(), booking.id(), 0);
                if (!(voided instanceof PaymentOutcome.Voided)) {
                    throw unavailable();
                }
                return new RecordCancellation(booking.id(), user, providerRefund, null, null,
                        "cancelled by the user before payment", at);
            }
            Money refund = refundable(providerRefund, booking.total());
            if (refund.isZero()) {
                return new RecordCancellation(booking.id(), user, providerRefund, null, refund,
                        "cancelled by the user; the fare refunds nothing", at);
            }
            PaymentOutcome refunded;
            try {
                refunded = steps.refund(booking.paymentIntentId(), refund, booking.id());
            } catch (PaymentRejectedException e) {
                throw new ApiException(HttpStatus.BAD_GATEWAY, "the payment gateway refused the refund; support"
                        + " has the booking id to follow up");
            }
            if (refunded instanceof PaymentOutcome.Refunded r) {
                return new RecordCancellation(booking.id(), user, providerRefund, r.refundId(), r.amount(),
                        "cancelled by the user; refunded to the card", at);
            }
            throw unavailable();
        }).subscribeOn(Schedulers.boundedElastic());
    }

    /** What goes back to the card: the provider's refund, capped at what was taken. */
    static Money refundable(Money providerRefund, Money captured) {
        if (providerRefund == null) {
            return Money.zero(captured.currency());
        }
        if (!providerRefund.currency().equals(captured.currency())) {
            throw new ApiException(HttpStatus.BAD_GATEWAY, "the provider refunds in " + providerRefund.currency()
                    + " but the booking was paid in " + captured.currency() + "; support must settle it");
        }
        return providerRefund.isGreaterThan(captured) ? captured : providerRefund;
    }

    private static ApiException unavailable() {
        return new ApiException(HttpStatus.BAD_GATEWAY, "the payment gateway did not confirm; ask again, nothing"
                + " will be refunded twice");
    }
}
