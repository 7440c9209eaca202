package io.movmo.booking.bookings.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.movmo.booking.bookings.api.BookingCommands.BookingRefused;
import io.movmo.booking.bookings.api.BookingCommands.RepeatBooking;
import io.movmo.booking.bookings.api.BookingCommands.RetryBooking;
import io.movmo.booking.bookings.api.BookingQuery;
import io.movmo.booking.bookings.api.BookingView;
import io.movmo.booking.bookings.saga.BookingCancellation;
import io.movmo.booking.platform.axon.AppendConflicts;
import io.movmo.booking.providers.FlightProviders;
import io.movmo.booking.providers.port.FlightProvider;
import io.movmo.booking.providers.port.ProviderOrder;
import io.movmo.booking.shared.UserId;
import io.movmo.booking.web.ApiException;
import io.movmo.booking.web.PathIds;
import io.movmo.booking.web.security.ApiKeyFilter;
import io.movmo.booking.web.security.CurrentUser;
import jakarta.validation.Valid;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.function.Predicate;
import org.axonframework.extensions.reactor.commandhandling.gateway.ReactorCommandGateway;
import org.axonframework.extensions.reactor.queryhandling.gateway.ReactorQueryGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The seed's booking routes under {@code /v1/flights/providers/{provider}/bookings}. A booking belongs to the user who
 * made it (403 for another user, as the seed says, and for cancellation too: the MOVMO-347 hole is closed) and to the
 * partner whose key made it (404 for another partner). Creating answers once the booking saga has come to an outcome
 * (confirmed, failed, a price change, a held order) or, after {@code movmo.bookings.answer-wait}, with
 * {@code pending}: the handler subscribes to the booking's read model before it sends the command, so it sees every
 * change without polling.
 */
@RestController
class BookingController {

    private static final String BOOKINGS = "/v1/flights/providers/{provider}/bookings";

    private final BookingRequests requests;
    private final BookingCancellation cancellation;
    private final FlightProviders flightProviders;
    private final ReactorCommandGateway commands;
    private final ReactorQueryGateway queries;
    private final Duration answerWait;
    private final Duration refreshTimeout;

    BookingController(BookingRequests requests, BookingCancellation cancellation,
            FlightProviders flightProviders, ReactorCommandGateway commands,
            ReactorQueryGateway queries, @Value("${movmo.bookings.answer-wait:25s}") Duration answerWait,
            @Value("${movmo.bookings.refresh-timeout:5s}") Duration refreshTimeout) {
        this.requests = requests;
        this.cancellation = cancellation;
        this.flightProviders = flightProviders;
        this.commands = commands;
        this.queries = queries;
        this.answerWait = answerWait;
        this.refreshTimeout = refreshTimeout;
    }

    @PostMapping(path = BOOKINGS, consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Object>> create(@PathVariable("provider") String provider,
            @Valid @RequestBody CreateBookingRequest body, ServerWebExchange exchange) {
        FlightProvider flights = provider(provider);
        String partner = partner(exchange);
        return owner(body).flatMap(user -> {
            String bookingId = BookingRequests.bookingId(user, body.idempotency_key());
            // A repeat answers the booking it made, even if the offer or the card is gone by now; only a different
            // request under the same key is refused.
            return view(bookingId)
                    .flatMap(existing -> {
                        if (!existing.partnerId().equals(partner) || !existing.provider().equals(flights.id().id())) {
                            return Mono.error(new ApiException(HttpStatus.CONFLICT, "idempotency_key "
                                    + body.idempotency_key() + " was already used for a booking with another provider"
                                    + " or partner; use a new key for a new booking"));
                        }
                        return answer(bookingId, view -> true, commands.send(new RepeatBooking(bookingId,
                                requests.fingerprint(user, body), body.idempotency_key())).then(), body);
                    })
                    .switchIfEmpty(Mono.defer(() -> requests.prepare(flights, partner, user, body)
                            .flatMap(command -> answer(command.bookingId(), view -> true,
                                    commands.send(command).retryWhen(AppendConflicts.retry()).then(), body))));
        });
    }

    @PostMapping(path = BOOKINGS + "/retry", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Object>> retry(@PathVariable("provider") String provider,
            @Valid @RequestBody CreateBookingRequest body, ServerWebExchange exchange) {
        FlightProvider flights = provider(provider);
        String partner = partner(exchange);
        if (body.order_id() == null || body.order_id().isBlank()) {
            throw new io.movmo.booking.web.FieldValidationException("order_id",
                    "is required: the order_id of the price-change error");
        }
        return owner(body).flatMap(user -> {
            String bookingId = BookingRequests.bookingId(user, body.idempotency_key());
            return view(bookingId)
                    .filter(view -> view.partnerId().equals(partner) && view.provider().equals(flights.id().id()))
                    .switchIfEmpty(Mono.error(() -> ApiException.notFound(
                            "no booking of this user was made with idempotency_key " + body.idempotency_key())))
                    .flatMap(before -> {
                        // a retry accepted before (sent again) answers the booking as it stands; a new one waits
                        // for what the retry comes to
                        boolean[] accepted = {true};
                        Mono<Void> send = commands.send(new RetryBooking(bookingId, user,
                                        requests.fingerprint(user, body), body.order_id(),
                                        Instant.now().truncatedTo(ChronoUnit.MICROS)))
                                .doOnNext(result -> accepted[0] = !Boolean.FALSE.equals(result))
                                .then();
                        return answer(bookingId, view -> !accepted[0] || view.version() > before.version(), send,
                                body);
                    });
        });
    }

    @GetMapping(path = BOOKINGS + "/{booking_id}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Map<String, Object>> get(@PathVariable("provider") String provider,
            @PathVariable("booking_id") String bookingId, ServerWebExchange exchange) {
        FlightProvider flights = provider(provider);
        return owned(flights, bookingId, partner(exchange))
                .flatMap(view -> refreshed(flights, view))
                .map(BookingViews::booking);
    }

    @DeleteMapping(path = BOOKINGS + "/{booking_id}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Map<String, Object>> cancel(@PathVariable("provider") String provider,
            @PathVariable("booking_id") String bookingId, ServerWebExchange exchange) {
        FlightProvider flights = provider(provider);
        return owned(flights, bookingId, partner(exchange))
                .flatMap(view -> {
                    if (BookingView.CANCELLED.equals(view.status())) {
                        return Mono.just(view); // cancelled before: the same answer
                    }
                    return cancellation.cancel(view)
                            .onErrorMap(BookingController::refusal)
                            .flatMap(command -> awaitView(view.id(), v -> BookingView.CANCELLED.equals(v.status()),
                                    commands.send(command).then().onErrorMap(BookingController::refusal)))
                            .switchIfEmpty(Mono.error(() -> new ApiException(HttpStatus.SERVICE_UNAVAILABLE,
                                    "the cancellation is recorded but not shown yet; read the booking again shortly")));
                })
                .map(BookingViews::cancellation);
    }

    /** Sends {@code send} while subscribed to the booking, and answers with the first view that settles it. */
    private Mono<ResponseEntity<Object>> answer(String bookingId, Predicate<BookingView> newEnough, Mono<Void> send,
            CreateBookingRequest body) {
        return awaitView(bookingId, view -> newEnough.test(view) && view.settled(),
                send.onErrorMap(BookingController::refusal))
                .map(view -> respond(view, body))
                .switchIfEmpty(Mono.defer(() -> view(bookingId)
                        .map(view -> respond(view, body))
                        .defaultIfEmpty(ResponseEntity.ok(BookingViews.pending(bookingId, body.metadata())))));
    }

    /**
     * Subscribes to the booking's read model, then sends; completes with the first view matching {@code done}, or
     * empty after the answer wait.
     */
    private Mono<BookingView> awaitView(String bookingId, Predicate<BookingView> done, Mono<Void> send) {
        return queries.subscriptionQuery(new BookingQuery(bookingId),
                        ResponseTypes.optionalInstanceOf(BookingView.class), ResponseTypes.instanceOf(BookingView.class))
                .flatMap(subscription -> send
                        .thenMany(Flux.concat(subscription.initialResult().flatMap(Mono::justOrEmpty),
                                subscription.updates()))
                        .filter(done)
                        .next()
                        .timeout(answerWait, Mono.empty())
                        .doFinally(signal -> subscription.close()));
    }

    private ResponseEntity<Object> respond(BookingView view, CreateBookingRequest body) {
        if (BookingView.FAILED.equals(view.status()) && view.priceChange() != null
                && (view.priceChange().expiresAt() == null || view.priceChange().expiresAt().isAfter(Instant.now()))) {
            BookingView.PriceChange change = view.priceChange();
            return ResponseEntity.status(HttpStatus.CONFLICT).body(new PriceChangeError(
                    "the price changed from " + change.oldTotal() + " to " + change.newTotal()
                            + "; retry with order_id to book at the new price",
                    409, change.message(), change.orderId(), change.newTotal().amount(),
                    change.newTotal().currency().getCurrencyCode(), change.oldTotal().amount(), change.expiresAt()));
        }
        return ResponseEntity.ok(BookingViews.response(view, body.metadata()));
    }

    /** The seed's {@code PriceChangeError}: the error envelope plus what a retry needs. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PriceChangeError(String message, @JsonProperty("status_code") Integer statusCode, String details,
            @JsonProperty("order_id") String orderId, @JsonProperty("new_total_amount") BigDecimal newTotalAmount,
            @JsonProperty("currency") String currency, @JsonProperty("old_total_amount") BigDecimal oldTotalAmount,
            @JsonProperty("expires_at") Instant expiresAt) {}

    private Mono<BookingView> view(String bookingId) {
        return queries.query(new BookingQuery(bookingId), ResponseTypes.optionalInstanceOf(BookingView.class))
                .flatMap(Mono::justOrEmpty);
    }

    /** The booking if it is this partner's and provider's (else 404) and the caller's (else 403). */
    private Mono<BookingView> owned(FlightProvider flights, String bookingId, String partner) {
        return Mono.fromSupplier(() -> PathIds.uuid(bookingId, "booking"))
                .flatMap(id -> view(bookingId))
                .filter(view -> view.partnerId().equals(partner) && view.provider().equals(flights.id().id()))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("booking not found")))
                .flatMap(view -> CurrentUser.requireOwnerOf(view.userId()).thenReturn(view));
    }

    /** The booking with the provider's current record locator, when the provider answers in time. */
    private Mono<BookingView> refreshed(FlightProvider flights, BookingView view) {
        if (view.providerOrderId() == null) {
            return Mono.just(view);
        }
        return flights.findOrder(view.providerOrderId())
                .timeout(refreshTimeout)
                .map(found -> found.map(ProviderOrder::bookingReference)
                        .filter(pnr -> pnr != null && !pnr.isBlank())
                        .map(pnr -> BookingViews.withPnr(view, pnr))
                        .orElse(view))
                .onErrorResume(e -> Mono.just(view)) // the stored record stands when the provider does not answer
                .defaultIfEmpty(view);
    }

    private Mono<UserId> owner(CreateBookingRequest body) {
        return CurrentUser.get().flatMap(user -> user.userId().equals(body.user_id().toLowerCase(java.util.Locale.ROOT))
                ? Mono.just(new UserId(user.userId()))
                : Mono.error(new ApiException(HttpStatus.FORBIDDEN, "not allowed",
                        "user_id must be the signed-in user's id")));
    }

    static Throwable refusal(Throwable error) {
        if (error instanceof BookingRefused refused) {
            return switch (refused.kind()) {
                case NOT_FOUND -> ApiException.notFound(refused.getMessage());
                case FORBIDDEN -> ApiException.forbidden();
                case CONFLICT -> new ApiException(HttpStatus.CONFLICT, refused.getMessage());
                case INVALID -> new ApiException(HttpStatus.BAD_REQUEST, refused.getMessage());
            };
        }
        return error;
    }

    private FlightProvider provider(String id) {
        return flightProviders.named(id);
    }

    private static String partner(ServerWebExchange exchange) {
        return ApiKeyFilter.partnerId(exchange);
    }
}
