package io.movmo.booking.bookings.saga;

import io.movmo.booking.bookings.api.BookingCommands.AbandonCancellation;
import io.movmo.booking.bookings.api.BookingCommands.BeginCancellation;
import io.movmo.booking.bookings.api.BookingCommands.BookingRefused;
import io.movmo.booking.bookings.api.BookingCommands.CancellationStart;
import io.movmo.booking.bookings.api.BookingCommands.RecordCancellation;
import io.movmo.booking.bookings.api.BookingCommands.RecordProviderCancellation;
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
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A user's cancellation of a confirmed or held booking, in steps the {@code Booking} records as they happen, so an
 * interrupted cancellation is finished by asking again and nothing is done twice:
 * <ol>
 *   <li>{@code BeginCancellation}: the booking refuses unless it is confirmed, or held and not being paid (from then
 *       on the saga pays no hold), and answers how far an earlier attempt got;</li>
 *   <li>the provider cancels the order (quote, then confirm, under {@code booking:{id}:cancel}); its refund is
 *       recorded ({@code RecordProviderCancellation}) before any money moves;</li>
 *   <li>the card gets back the provider's refund, never more than was captured ({@code booking:{id}:refund:1}), or,
 *       for a held booking never captured, the authorization is voided;</li>
 *   <li>{@code RecordCancellation}.</li>
 * </ol>
 */
@Component
public class BookingCancellation {

    private static final Logger log = LoggerFactory.getLogger(BookingCancellation.class);

    private final BookingSteps steps;
    private final CommandGateway commands;

    BookingCancellation(BookingSteps steps, CommandGateway commands) {
        this.steps = steps;
        this.commands = commands;
    }

    /** Cancels at the provider and settles the payment; answers the command that records the cancellation. */
    public Mono<RecordCancellation> cancel(BookingView booking) {
        return Mono.fromCallable(() -> {
            UserId user = new UserId(booking.userId());
            CancellationStart start = commands.sendAndWait(new BeginCancellation(booking.id(), user, now()));
            if (start.alreadyCancelled()) {
                // cancelled meanwhile (a concurrent request): recording again changes nothing, no money moves
                return new RecordCancellation(booking.id(), user, null, null, "already cancelled", now());
            }
            boolean paid = start.captured() != null;
            Money providerRefund = start.providerRefund();
            if (!start.providerCancelled()) {
                ProviderId provider = ProviderId.fromId(booking.provider()).orElseThrow();
                CancellationOutcome outcome = steps.cancelOrder(provider, start.providerOrderId(), booking.id(), paid);
                if (outcome instanceof CancellationOutcome.Refused refused) {
                    // the booking stands as it was (a held one is paid in time again)
                    commands.sendAndWait(new AbandonCancellation(booking.id(), refused.reason(), now()));
                    throw new ApiException(HttpStatus.CONFLICT, "the provider refused the cancellation: "
                            + refused.reason());
                }
                if (outcome instanceof CancellationOutcome.Unknown) {
                    throw new ApiException(HttpStatus.BAD_GATEWAY, "the provider did not confirm the cancellation;"
                            + " ask again, it will not be cancelled twice");
                }
                providerRefund = ((CancellationOutcome.Cancelled) outcome).refund();
                if (providerRefund == null && paid) {
                    log.error("booking {}: the provider cancelled the order without saying what it refunds; support"
                            + " must settle the refund", booking.id());
                    throw new ApiException(HttpStatus.BAD_GATEWAY, "the provider cancelled the order but did not say"
                            + " what it refunds; ask again shortly, or support will settle it");
                }
                commands.sendAndWait(new RecordProviderCancellation(booking.id(), providerRefund, now()));
            }
            if (!paid) {
                boolean released;
                try {
                    released = steps.release(start.paymentIntentId(), booking.id(), start.attempt());
                } catch (IllegalStateException refused) {
                    log.error(refused.getMessage());
                    throw new ApiException(HttpStatus.BAD_GATEWAY, "the payment gateway refused to release the card;"
                            + " support has the booking id to follow up");
                }
                if (!released) {
                    throw unavailable();
                }
                return new RecordCancellation(booking.id(), user, null, null, "cancelled by the user before payment",
                        now());
            }
            Money refund = refundable(providerRefund, start.captured());
            if (refund.isZero()) {
                return new RecordCancellation(booking.id(), user, null, refund,
                        "cancelled by the user; the fare refunds nothing", now());
            }
            PaymentOutcome refunded;
            try {
                refunded = steps.refund(start.paymentIntentId(), refund, booking.id());
            } catch (PaymentRejectedException e) {
                throw new ApiException(HttpStatus.BAD_GATEWAY, "the payment gateway refused the refund; support"
                        + " has the booking id to follow up");
            }
            if (refunded instanceof PaymentOutcome.Refunded r) {
                return new RecordCancellation(booking.id(), user, r.refundId(), r.amount(),
                        "cancelled by the user; refunded to the card", now());
            }
            throw unavailable();
        }).subscribeOn(Schedulers.boundedElastic()).onErrorMap(BookingRefused.class, e -> e);
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

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private static ApiException unavailable() {
        return new ApiException(HttpStatus.BAD_GATEWAY, "the payment gateway did not confirm; ask again, nothing"
                + " will be refunded twice");
    }
}
