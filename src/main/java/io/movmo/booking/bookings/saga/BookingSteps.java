package io.movmo.booking.bookings.saga;

import io.movmo.booking.bookings.api.BookingDetails;
import io.movmo.booking.payments.gateway.AuthorizeRequest;
import io.movmo.booking.payments.gateway.PaymentGateway;
import io.movmo.booking.payments.gateway.PaymentIntentState;
import io.movmo.booking.payments.gateway.PaymentOutcome;
import io.movmo.booking.payments.gateway.PaymentRejectedException;
import io.movmo.booking.providers.port.CancellationOutcome;
import io.movmo.booking.providers.port.FlightProvider;
import io.movmo.booking.providers.port.OfferPassengerUpdate;
import io.movmo.booking.providers.port.OrderOutcome;
import io.movmo.booking.providers.port.OrderRequest;
import io.movmo.booking.providers.port.ProviderOrder;
import io.movmo.booking.shared.Money;
import io.movmo.booking.shared.ProviderId;
import io.movmo.booking.shared.pii.Sealed;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The booking saga's hands: each method makes one call to the payment gateway or a flight provider and answers what
 * it came to, waiting at most {@link BookingSagaSettings#stepTimeout()}. A call that takes longer, or fails in a way
 * the port does not type, is an unknown outcome, never a failure: the saga reconciles before it compensates. Called
 * on the saga's processor threads only (it blocks them), never on a web thread.
 */
public class BookingSteps {

    private final PaymentGateway payments;
    private final Map<ProviderId, FlightProvider> providers;
    private final Function<String, JsonNode> rawOffers;
    private final Function<Sealed, BookingDetails> details;
    private final BookingSagaSettings settings;
    private final java.time.Clock clock;

    public BookingSteps(PaymentGateway payments, List<FlightProvider> providers, Function<String, JsonNode> rawOffers,
            Function<Sealed, BookingDetails> details, BookingSagaSettings settings, java.time.Clock clock) {
        this.clock = clock;
        this.payments = payments;
        this.providers = providers.stream().collect(Collectors.toMap(FlightProvider::id, Function.identity()));
        this.rawOffers = rawOffers;
        this.details = details;
        this.settings = settings;
    }

    /**
     * Steps that read the offer's stored payload from the offers read model and open sealed details with the vault.
     */
    public static BookingSteps reading(PaymentGateway payments, List<FlightProvider> providers,
            org.springframework.jdbc.core.simple.JdbcClient jdbc, io.movmo.booking.shared.pii.PersonalDataVault vault,
            tools.jackson.databind.json.JsonMapper json, BookingSagaSettings settings, java.time.Clock clock) {
        return new BookingSteps(payments, providers,
                offerId -> jdbc.sql("SELECT raw_sealed FROM offer WHERE offer_id = :id").param("id", offerId)
                        .query(String.class).optional()
                        .map(sealed -> json.readTree(vault.open(new Sealed("offer:" + offerId, sealed))))
                        .orElseThrow(() -> new IllegalStateException("offer " + offerId + " is not in the read model")),
                sealed -> json.readValue(vault.open(sealed), BookingDetails.class),
                settings, clock);
    }

    /** The saga's time: deadlines and windows are measured on it. */
    public java.time.Instant now() {
        return clock.instant();
    }

    public BookingSagaSettings settings() {
        return settings;
    }

    /** The sealed request details, opened (personal data: keep them on the stack, never in the saga's state). */
    BookingDetails details(Sealed sealed) {
        return details.apply(sealed);
    }

    PaymentOutcome authorize(String bookingId, int attempt, Money amount, BookingDetails request) {
        AuthorizeRequest authorize = new AuthorizeRequest(amount, request.customerId(), request.stripePaymentMethodId(),
                true, BookingKeys.authorize(bookingId, attempt), Map.of("booking_id", bookingId));
        return payment(payments.authorize(authorize), "authorize");
    }

    PaymentOutcome capture(String paymentIntentId, Money amount, String bookingId) {
        return payment(payments.capture(paymentIntentId, amount, BookingKeys.capture(bookingId)), "capture");
    }

    PaymentOutcome voidAuthorization(String paymentIntentId, String bookingId, int attempt) {
        return payment(payments.voidAuthorization(paymentIntentId, BookingKeys.voidAuthorization(bookingId, attempt)),
                "void");
    }

    /** Refunds {@code amount} under {@code booking:{id}:refund:1}; an answer that is not definite is Unknown. */
    Mono<PaymentOutcome> refunding(String paymentIntentId, Money amount, String bookingId) {
        return Mono.defer(() -> payments.refund(paymentIntentId, amount, BookingKeys.refund(bookingId, 1)))
                .timeout(settings.stepTimeout())
                .onErrorResume(e -> !(e instanceof PaymentRejectedException),
                        e -> Mono.just(new PaymentOutcome.Unknown("refund: " + e.getClass().getSimpleName())))
                .defaultIfEmpty(new PaymentOutcome.Unknown("refund: no answer"));
    }

    /**
     * Voids the authorization: true once it is released (voided now, or found cancelled already, e.g. lapsed), false
     * when the gateway gave no definite answer; an {@link IllegalStateException} when the void was refused and the
     * intent is in another state (support must follow up).
     */
    Mono<Boolean> releasing(String paymentIntentId, String bookingId, int attempt) {
        return Mono.defer(() -> payments.voidAuthorization(paymentIntentId,
                        BookingKeys.voidAuthorization(bookingId, attempt)))
                .timeout(settings.stepTimeout())
                .map(outcome -> outcome instanceof PaymentOutcome.Voided)
                .onErrorResume(PaymentRejectedException.class, refused -> Mono
                        .defer(() -> payments.retrieve(paymentIntentId))
                        .timeout(settings.stepTimeout())
                        .flatMap(state -> "canceled".equals(state.status()) ? Mono.just(true)
                                : Mono.<Boolean>error(new IllegalStateException("booking " + bookingId + ": the void of "
                                        + paymentIntentId + " was refused (" + refused.reason() + ") and the intent is "
                                        + state.status() + "; support must follow up")))
                        .onErrorResume(e -> !(e instanceof IllegalStateException), e -> Mono.just(false)))
                .onErrorResume(e -> !(e instanceof IllegalStateException), e -> Mono.just(false))
                .defaultIfEmpty(false);
    }

    /** {@link #releasing}, waited for on the saga's processor thread (its calls are bounded by the step timeout). */
    boolean release(String paymentIntentId, String bookingId, int attempt) {
        return Boolean.TRUE.equals(releasing(paymentIntentId, bookingId, attempt).block());
    }

    /** The payment intent as the gateway holds it; empty when the gateway did not answer. */
    Optional<PaymentIntentState> retrieve(String paymentIntentId) {
        try {
            return Optional.ofNullable(payments.retrieve(paymentIntentId).block(settings.stepTimeout()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    OrderOutcome createOrder(ProviderId provider, OrderRequest request) {
        return order(provider(provider).createOrder(request), "create order");
    }

    OrderOutcome payHold(ProviderId provider, String providerOrderId, Money amount, String bookingId) {
        return order(provider(provider).payHold(providerOrderId, amount, BookingKeys.payHold(bookingId)), "pay hold");
    }

    /**
     * The order carrying our reference, as the provider knows it now: {@code Optional.empty()} when it has none,
     * {@code null} when it did not answer (ask again later).
     */
    Optional<ProviderOrder> findOrderByReference(ProviderId provider, String bookingId) {
        try {
            return provider(provider).findOrderByReference(bookingId).block(settings.stepTimeout());
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The order by the provider's id; {@code null} when the provider did not answer. */
    Optional<ProviderOrder> findOrder(ProviderId provider, String providerOrderId) {
        try {
            return provider(provider).findOrder(providerOrderId).block(settings.stepTimeout());
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * Cancels the order (quote, then confirm, under the booking's cancel key). With {@code refundNeeded} false (a
     * compensation: nothing was captured), an order already cancelled answers {@code Cancelled} at once; with it true
     * (the user's cancellation of a paid booking), the provider is asked again under the same key, so it repeats what
     * it refunds. Anything but a definite answer is {@code Unknown}.
     */
    Mono<CancellationOutcome> cancelling(ProviderId provider, String providerOrderId, String bookingId,
            boolean refundNeeded) {
        FlightProvider flights = provider(provider);
        Duration timeout = settings.stepTimeout();
        Mono<Boolean> cancelledBefore = refundNeeded ? Mono.just(false)
                : Mono.defer(() -> flights.findOrder(providerOrderId)).timeout(timeout)
                        .map(order -> order.isPresent() && "cancelled".equals(order.get().status()));
        return cancelledBefore
                .flatMap(before -> before ? Mono.<CancellationOutcome>just(
                                new CancellationOutcome.Cancelled(providerOrderId, null))
                        : Mono.defer(() -> flights.quoteCancellation(providerOrderId)).timeout(timeout)
                                .flatMap(quote -> Mono.defer(() -> flights.confirmCancellation(providerOrderId, quote,
                                        BookingKeys.cancel(bookingId))).timeout(timeout)))
                .defaultIfEmpty(new CancellationOutcome.Unknown("cancel order: no answer"))
                .onErrorResume(e -> Mono.just(new CancellationOutcome.Unknown("cancel order: "
                        + e.getClass().getSimpleName())));
    }

    /** {@link #cancelling}, waited for on the saga's processor thread (its calls are bounded by the step timeout). */
    CancellationOutcome cancelOrder(ProviderId provider, String providerOrderId, String bookingId,
            boolean refundNeeded) {
        return cancelling(provider, providerOrderId, bookingId, refundNeeded).block();
    }

    /** The order to send for this booking's attempt: the offer as stored, the passengers and choices as requested. */
    OrderRequest orderRequest(String bookingId, String offerId, OrderRequest.OrderType type, BookingDetails request,
            List<io.movmo.booking.bookings.api.BookingEvents.SeatSelection> seats, Money expectedTotal,
            String retryOrderId, int attempt) {
        JsonNode rawOffer = rawOffers.apply(offerId);
        List<OrderRequest.OrderPassenger> passengers = new ArrayList<>();
        for (BookingDetails.Passenger p : request.passengers()) {
            List<OfferPassengerUpdate.TravelDocument> documents = new ArrayList<>();
            if (p.identityDocuments() != null) {
                for (BookingDetails.Document d : p.identityDocuments()) {
                    documents.add(new OfferPassengerUpdate.TravelDocument(d.type(), d.uniqueIdentifier(),
                            d.issuingCountryCode(), d.expiresOn() == null ? null : LocalDate.parse(d.expiresOn())));
                }
            }
            if (p.knownTravelerNumber() != null && !p.knownTravelerNumber().isBlank()) {
                // providers take a KTN as a travel document of its own type
                documents.add(new OfferPassengerUpdate.TravelDocument("known_traveler_number",
                        p.knownTravelerNumber(), null, null));
            }
            passengers.add(new OrderRequest.OrderPassenger(p.providerPassengerId(), p.travelerType(), p.title(),
                    p.firstName(), p.middleName(), p.lastName(),
                    p.bornOn() == null ? null : LocalDate.parse(p.bornOn()), p.gender(), p.email(), p.phoneNumber(),
                    documents, List.of()));
        }
        List<OrderRequest.SeatChoice> seatChoices = seats == null ? List.of() : seats.stream()
                .map(s -> new OrderRequest.SeatChoice(s.segmentId(), s.providerPassengerId(), s.seatNumber(), null,
                        s.price()))
                .toList();
        List<OrderRequest.ServiceChoice> services = request.services() == null ? List.of() : request.services().stream()
                .map(s -> new OrderRequest.ServiceChoice(s.id(), s.quantity(), null))
                .toList();
        return new OrderRequest(bookingId, rawOffer, type, passengers, seatChoices, services,
                new OrderRequest.Contact(request.contact().email(), request.contact().phoneNumber()), expectedTotal,
                retryOrderId, BookingKeys.order(bookingId, attempt));
    }

    private PaymentOutcome payment(Mono<PaymentOutcome> call, String operation) {
        try {
            PaymentOutcome outcome = call.block(settings.stepTimeout());
            return outcome == null ? new PaymentOutcome.Unknown(operation + ": no answer") : outcome;
        } catch (PaymentRejectedException e) {
            throw e;
        } catch (RuntimeException e) {
            rethrowIfInterrupted(e);
            return new PaymentOutcome.Unknown(operation + ": " + e.getClass().getSimpleName());
        }
    }

    private OrderOutcome order(Mono<OrderOutcome> call, String operation) {
        try {
            OrderOutcome outcome = call.block(settings.stepTimeout());
            return outcome == null ? new OrderOutcome.Unknown(operation + ": no answer") : outcome;
        } catch (RuntimeException e) {
            rethrowIfInterrupted(e);
            return new OrderOutcome.Unknown(operation + ": " + e.getClass().getSimpleName());
        }
    }

    /**
     * A wait cut short by shutdown is not an answer: the handler must fail (and run again after the restart) rather
     * than record an outcome it does not have.
     */
    private static void rethrowIfInterrupted(RuntimeException e) {
        if (reactor.core.Exceptions.unwrap(e) instanceof InterruptedException || Thread.currentThread().isInterrupted()) {
            throw new BookingSaga.StepNotFinishedException("interrupted while waiting for an answer (shutting down)");
        }
    }

    private FlightProvider provider(ProviderId provider) {
        FlightProvider flights = providers.get(provider);
        if (flights == null) {
            throw new IllegalStateException("no adapter for provider " + provider);
        }
        return flights;
    }

    /** How long the saga waits for things, and how it backs off. */
    public record BookingSagaSettings(Duration stepTimeout, Duration authorizationMargin, Duration holdPaymentLead,
            Duration reconcileWindow, Duration authorizeWindow, Duration backoffInitial, Duration backoffMax,
            int captureRetries) {

        /** How long a new price stands when the provider does not say. */
        public Duration priceChangeValidity() {
            return Duration.ofMinutes(15);
        }

        /** The delay before try {@code tries} (0-based): doubling from the initial delay, capped. */
        public Duration backoff(int tries) {
            Duration delay = backoffInitial.multipliedBy(1L << Math.min(tries, 16));
            return delay.compareTo(backoffMax) > 0 ? backoffMax : delay;
        }
    }
}
