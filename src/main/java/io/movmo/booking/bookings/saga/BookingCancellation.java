package io.movmo.booking.bookings.saga;

import io.movmo.booking.bookings.api.BookingCommands.AbandonCancellation;
import io.movmo.booking.bookings.api.BookingCommands.BeginCancellation;
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
import java.util.Optional;
import org.axonframework.extensions.reactor.commandhandling.gateway.ReactorCommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A user's cancellation of a confirmed or held booking, in steps the {@code Booking} records as they happen, so an
 * interrupted cancellation is finished by asking again and nothing is done twice:
 * <ol>
 *   <li>{@code BeginCancellation}: the booking refuses unless it is confirmed, or held and not being paid (from then
 *       on the saga pays no hold), and answers how far an earlier attempt got;</li>
 *   <li>the provider cancels the order (quote, then confirm, under {@code booking:{id}:cancel}); its refund is
 *       recorded ({@code RecordProviderCancellation}) before any money moves; a refusal is recorded as
 *       {@code AbandonCancellation} (the booking stands as it was);</li>
 *   <li>the card gets back the provider's refund, never more than was captured ({@code booking:{id}:refund:1}), or,
 *       for a held booking never captured, the authorization is voided;</li>
 *   <li>{@code RecordCancellation}, which the caller sends.</li>
 * </ol>
 * Non-blocking from end to end: commands go through the reactive gateway, the provider and gateway calls are Monos.
 */
@Component
public class BookingCancellation {

    private static final Logger log = LoggerFactory.getLogger(BookingCancellation.class);

    private final BookingSteps steps;
    private final ReactorCommandGateway commands;

    BookingCancellation(BookingSteps steps, ReactorCommandGateway commands) {
        this.steps = steps;
        this.commands = commands;
    }

    /** Cancels at the provider and settles the payment; answers the command that records the cancellation. */
    public Mono<RecordCancellation> cancel(BookingView booking) {
        UserId user = new UserId(booking.userId());
        return commands.<CancellationStart>send(new BeginCancellation(booking.id(), user, now()))
                .flatMap(start -> start.alreadyCancelled()
                        // cancelled meanwhile (a concurrent request): recording again changes nothing, no money moves
                        ? Mono.just(new RecordCancellation(booking.id(), user, null, null, "already cancelled", now()))
                        : providerRefund(booking, start).flatMap(refund -> start.captured() == null
                                ? release(booking, user, start)
                                : refund(booking, user, start, refund.orElse(null))));
    }

    /** The provider's refund: as recorded by an earlier attempt, or from cancelling the order now (then recorded). */
    private Mono<Optional<Money>> providerRefund(BookingView booking, CancellationStart start) {
        if (start.providerCancelled()) {
            return Mono.just(Optional.ofNullable(start.providerRefund()));
        }
        boolean paid = start.captured() != null;
        ProviderId provider = ProviderId.fromId(booking.provider()).orElseThrow();
        return steps.cancelling(provider, start.providerOrderId(), booking.id(), paid).flatMap(outcome -> {
            if (outcome instanceof CancellationOutcome.Refused refused) {
                return commands.send(new AbandonCancellation(booking.id(), refused.reason(), now()))
                        .then(Mono.error(new ApiException(HttpStatus.CONFLICT,
                                "the provider refused the cancellation: " + refused.reason())));
            }
            if (!(outcome instanceof CancellationOutcome.Cancelled cancelled)) {
                return Mono.error(new ApiException(HttpStatus.BAD_GATEWAY, "the provider did not confirm the"
                        + " cancellation; ask again, it will not be cancelled twice"));
            }
            if (cancelled.refund() == null && paid) {
                log.error("booking {}: the provider cancelled the order without saying what it refunds; support must"
                        + " settle the refund", booking.id());
                return Mono.error(new ApiException(HttpStatus.BAD_GATEWAY, "the provider cancelled the order but did"
                        + " not say what it refunds; ask again shortly, or support will settle it"));
            }
            return commands.send(new RecordProviderCancellation(booking.id(), cancelled.refund(), now()))
                    .thenReturn(Optional.ofNullable(cancelled.refund()));
        });
    }

    /** A held booking was never captured: its authorization is released. */
    private Mono<RecordCancellation> release(BookingView booking, UserId user, CancellationStart start) {
        return steps.releasing(start.paymentIntentId(), booking.id(), start.attempt())
                .onErrorMap(IllegalStateException.class, refused -> {
                    log.error(refused.getMessage());
                    return new ApiException(HttpStatus.BAD_GATEWAY, "the payment gateway refused to release the"
                            + " card; support has the booking id to follow up");
                })
                .flatMap(released -> released
                        ? Mono.just(new RecordCancellation(booking.id(), user, null, null,
                                "cancelled by the user before payment", now()))
                        : Mono.error(unavailable()));
    }

    /** A paid booking: the card gets back the provider's refund, capped at what was captured. */
    private Mono<RecordCancellation> refund(BookingView booking, UserId user, CancellationStart start,
            Money providerRefund) {
        Money refund = refundable(providerRefund, start.captured());
        if (refund.isZero()) {
            return Mono.just(new RecordCancellation(booking.id(), user, null, refund,
                    "cancelled by the user; the fare refunds nothing", now()));
        }
        return steps.refunding(start.paymentIntentId(), refund, booking.id())
                .onErrorMap(PaymentRejectedException.class, e -> new ApiException(HttpStatus.BAD_GATEWAY,
                        "the payment gateway refused the refund; support has the booking id to follow up"))
                .flatMap(outcome -> outcome instanceof PaymentOutcome.Refunded r
                        ? Mono.just(new RecordCancellation(booking.id(), user, r.refundId(), r.amount(),
                                "cancelled by the user; refunded to the card", now()))
                        : Mono.error(unavailable()));
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
