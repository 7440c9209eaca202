package io.movmo.booking.providers.dohop;

import io.movmo.booking.providers.adapter.DecimalAmount;
import io.movmo.booking.providers.adapter.OrderRefusal;
import io.movmo.booking.providers.adapter.PayloadNode;
import io.movmo.booking.providers.adapter.ProviderAnswers;
import io.movmo.booking.providers.adapter.ProviderError;
import io.movmo.booking.providers.adapter.ProviderHttp;
import io.movmo.booking.providers.adapter.ProviderHttp.Answer;
import io.movmo.booking.providers.port.CancellationOutcome;
import io.movmo.booking.providers.port.CancellationQuote;
import io.movmo.booking.providers.port.FlightProvider;
import io.movmo.booking.providers.port.NormalizedOffer;
import io.movmo.booking.providers.port.OfferPassengerUpdate;
import io.movmo.booking.providers.port.OfferPayloadException;
import io.movmo.booking.providers.port.OrderOutcome;
import io.movmo.booking.providers.port.OrderRequest;
import io.movmo.booking.providers.port.PricingOutcome;
import io.movmo.booking.providers.port.ProviderOrder;
import io.movmo.booking.providers.port.SeatMap;
import io.movmo.booking.shared.Money;
import io.movmo.booking.shared.ProviderId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Dohop adapter, to the contract in {@code docs/providers/dohop.md} (dohop-v1): the offer is Dohop's itinerary
 * object; {@link #price} is {@code POST /v1/price} (a priced itinerary with a {@code price_token}); a booking is two
 * phases, {@code POST /v1/bookings} (reserve) then {@code POST /v1/bookings/{order_id}/confirm} (pay and ticket).
 * A price change in either phase answers {@code 409 PRICE_CHANGED} with the reserved {@code order_id}: that is
 * {@link OrderOutcome.PriceChanged#providerOrderId()}, and the retry that accepts the new price confirms that order
 * ({@link OrderRequest#retryOrderId()}), never reserving another. The engine's booking id travels as
 * {@code partner_reference}; cancellation is quoted first, then confirmed with the quote's id.
 *
 * <p>Reserving, confirming and cancelling are never retried here. A timeout, a 202, a 429 or a 5xx is an unknown
 * outcome; so is any answer that does not say for certain whether an order exists. Logs name the operation, Dohop's
 * status, error code and request id: never the key, a body or passenger data.
 */
public class DohopFlightProvider implements FlightProvider {

    private static final Logger log = LoggerFactory.getLogger(DohopFlightProvider.class);

    static final String API_KEY_HEADER = "X-Api-Key";
    static final String REQUEST_ID_HEADER = "X-Request-Id";

    /** Dohop's error codes and what each says about an order or a price (docs/providers/dohop.md §6). */
    enum Meaning { PRICE_CHANGED, GONE, REJECTED, UNKNOWN }

    static final Map<String, Meaning> ORDER_ERRORS = Map.ofEntries(
            Map.entry("PRICE_CHANGED", Meaning.PRICE_CHANGED),
            Map.entry("SOLD_OUT", Meaning.GONE),
            Map.entry("ITINERARY_NOT_FOUND", Meaning.GONE),
            Map.entry("ITINERARY_EXPIRED", Meaning.GONE),
            Map.entry("PRICE_TOKEN_EXPIRED", Meaning.GONE),
            Map.entry("ORDER_EXPIRED", Meaning.GONE),
            Map.entry("ORDER_NOT_FOUND", Meaning.REJECTED),
            Map.entry("VALIDATION_ERROR", Meaning.REJECTED),
            Map.entry("INVALID_TRAVELLER", Meaning.REJECTED),
            Map.entry("PAYMENT_DECLINED", Meaning.REJECTED),
            Map.entry("UNAUTHORIZED", Meaning.REJECTED),
            Map.entry("FORBIDDEN", Meaning.REJECTED),
            Map.entry("DUPLICATE_PARTNER_REFERENCE", Meaning.UNKNOWN),
            Map.entry("IDEMPOTENCY_KEY_MISMATCH", Meaning.UNKNOWN),
            Map.entry("RATE_LIMITED", Meaning.UNKNOWN));

    /** Cancellation codes that mean nothing was cancelled and nothing will be. */
    static final Set<String> CANCELLATION_REFUSALS =
            Set.of("NOT_CANCELLABLE", "QUOTE_EXPIRED", "ORDER_NOT_FOUND", "VALIDATION_ERROR", "UNAUTHORIZED", "FORBIDDEN");

    private final ProviderHttp http;
    private final Duration readTimeout;
    private final Duration pricingTimeout;
    private final Duration bookingTimeout;
    private final JsonMapper json = JsonMapper.builder().build();
    private final ProviderAnswers<DohopApiException> answers =
            new ProviderAnswers<>("Dohop", log, json, DohopApiException::new, DohopApiException::new);

    public DohopFlightProvider(DohopProperties properties, WebClient.Builder webClientBuilder) {
        String apiKey = properties.requiredApiKey();
        this.http = new ProviderHttp(properties.requiredBaseUrl(), properties.connectTimeout(),
                headers -> headers.set(API_KEY_HEADER, apiKey), REQUEST_ID_HEADER, webClientBuilder);
        this.readTimeout = properties.readTimeout();
        this.pricingTimeout = properties.pricingTimeout();
        this.bookingTimeout = properties.bookingTimeout();
    }

    @Override
    public ProviderId id() {
        return ProviderId.DOHOP;
    }

    @Override
    public NormalizedOffer normalize(JsonNode rawOffer) {
        return normalizeOffer(rawOffer);
    }

    /** The same normalization without an adapter (it is pure): what the sandbox simulator reads Dohop payloads with. */
    public static NormalizedOffer normalizeOffer(JsonNode rawOffer) {
        return DohopItinerary.read(rawOffer).offer();
    }

    /** {@code POST /v1/price}: the priced itinerary (with its {@code price_token}) is the new raw offer. */
    @Override
    public Mono<PricingOutcome> price(JsonNode rawOffer) {
        return Mono.defer(() -> {
            DohopItinerary itinerary = DohopItinerary.read(rawOffer);
            return http.post(uri -> uri.path("/v1/price").build(),
                            json.writeValueAsBytes(new DohopRequests.Price(itinerary.itineraryId(),
                                    itinerary.searchId())), null, pricingTimeout)
                    .map(answer -> pricingOutcome(answer, itinerary))
                    .onErrorResume(e -> Mono.just(new PricingOutcome.Unknown(noAnswerReason("pricing", e))));
        });
    }

    /** Dohop sells no seat selection ({@code supports_seat_selection: false}). */
    @Override
    public Mono<List<SeatMap>> seatMaps(JsonNode rawOffer) {
        return Mono.fromCallable(() -> {
            DohopItinerary.read(rawOffer);
            return List.<SeatMap>of();
        });
    }

    /**
     * Dohop keeps traveller details on the order ({@code supports_offer_passenger_update: false}): they travel with
     * phase 1 of the booking. The itinerary answers unchanged once the traveller is found in it.
     */
    @Override
    public Mono<JsonNode> updatePassenger(JsonNode rawOffer, String providerPassengerId, OfferPassengerUpdate update) {
        return Mono.fromCallable(() -> {
            if (!DohopItinerary.read(rawOffer).travellerIds().contains(providerPassengerId)) {
                throw new OfferPayloadException("The Dohop itinerary has no such traveller",
                        "travellers: no traveller of this itinerary has the id " + providerPassengerId);
            }
            return rawOffer;
        });
    }

    /**
     * Phase 1 ({@code POST /v1/bookings} under the idempotency key) then phase 2 ({@code POST
     * /v1/bookings/{order_id}/confirm} under {@code {key}:confirm}). With {@link OrderRequest#retryOrderId()}, only
     * phase 2, for that order, at {@link OrderRequest#expectedTotal()} (the new price being accepted).
     */
    @Override
    public Mono<OrderOutcome> createOrder(OrderRequest request) {
        return Mono.defer(() -> {
            Objects.requireNonNull(request.idempotencyKey(), "idempotencyKey");
            Objects.requireNonNull(request.reference(), "reference");
            Objects.requireNonNull(request.expectedTotal(), "expectedTotal");
            if (request.type() == OrderRequest.OrderType.HOLD) {
                return Mono.just(new OrderOutcome.Rejected("Dohop does not hold orders (supports_hold_booking: false)"));
            }
            String confirmKey = request.idempotencyKey() + ":confirm";
            if (request.retryOrderId() != null) {
                return confirm(request.retryOrderId(), request.expectedTotal(), confirmKey, request.reference());
            }
            DohopRequests.Reserve body;
            try {
                body = reserveRequest(request);
            } catch (OrderRefusal refusal) {
                log.info("Dohop reservation not sent for {}: {}", request.reference(), refusal.getMessage());
                return Mono.just(new OrderOutcome.Rejected(refusal.getMessage()));
            }
            return http.post(uri -> uri.path("/v1/bookings").build(), json.writeValueAsBytes(body),
                            request.idempotencyKey(), bookingTimeout)
                    .onErrorResume(e -> Mono.error(new NoAnswer(e)))
                    .flatMap(answer -> afterReservation(answer, request, confirmKey))
                    .onErrorResume(NoAnswer.class, e -> Mono.just(new OrderOutcome.Unknown(
                            noAnswerReason("reservation", e.getCause()))))
                    .onErrorResume(e -> Mono.just(new OrderOutcome.Unknown("the reservation's answer could not be "
                            + "handled (" + ProviderAnswers.cause(e) + ")")));
        });
    }

    /** Phase 2 for a reserved order ({@code reserved} is the port's {@code held}): confirm at {@code amount}. */
    @Override
    public Mono<OrderOutcome> payHold(String providerOrderId, Money amount, String idempotencyKey) {
        return Mono.defer(() -> confirm(Objects.requireNonNull(providerOrderId, "providerOrderId"),
                Objects.requireNonNull(amount, "amount"), Objects.requireNonNull(idempotencyKey, "idempotencyKey"),
                null));
    }

    /** {@code GET /v1/bookings/{order_id}}; empty on {@code ORDER_NOT_FOUND}. */
    @Override
    public Mono<Optional<ProviderOrder>> findOrder(String providerOrderId) {
        String operation = "order retrieval";
        return http.get(uri -> uri.path("/v1/bookings/{order_id}").build(providerOrderId), readTimeout)
                .onErrorMap(e -> noAnswer(operation, e))
                .map(answer -> answers.readOkOrNotFound(operation, answer, body -> order(body.object("order"))));
    }

    /**
     * {@code GET /v1/bookings?partner_reference=…}, newest first. Dohop allows one live order per reference; older
     * expired or cancelled ones may be listed too, so the live one is answered, else the newest.
     */
    @Override
    public Mono<Optional<ProviderOrder>> findOrderByReference(String reference) {
        String operation = "order search";
        return http.get(uri -> uri.path("/v1/bookings").queryParam("partner_reference", "{reference}").build(reference),
                        readTimeout)
                .onErrorMap(e -> noAnswer(operation, e))
                .map(answer -> {
                    List<ProviderOrder> orders = answers.readOk(operation, answer,
                            body -> body.array("orders").stream().map(DohopFlightProvider::order).toList());
                    for (ProviderOrder order : orders) {
                        if (!reference.equals(order.reference())) {
                            throw new DohopApiException(operation, "an order found carries another partner_reference",
                                    answer.requestId());
                        }
                    }
                    return orders.stream()
                            .filter(o -> !o.status().equals("cancelled"))
                            .findFirst()
                            .or(() -> orders.stream().findFirst());
                });
    }

    /** {@code POST /v1/bookings/{order_id}/cancellation-quotes}: what cancelling would refund, until when. */
    @Override
    public Mono<CancellationQuote> quoteCancellation(String providerOrderId) {
        String operation = "cancellation quote";
        return http.post(uri -> uri.path("/v1/bookings/{order_id}/cancellation-quotes").build(providerOrderId),
                        "{}".getBytes(StandardCharsets.UTF_8), null, readTimeout)
                .onErrorMap(e -> noAnswer(operation, e))
                .map(answer -> {
                    if (answer.status() != 200 && answer.status() != 201) {
                        throw answers.failure(operation, answer);
                    }
                    return answers.parse(operation, answer, body -> {
                        PayloadNode quote = body.object("quote");
                        String orderId = quote.text("order_id");
                        if (!orderId.equals(providerOrderId)) {
                            throw quote.fail("order_id", "names another order");
                        }
                        return new CancellationQuote(orderId, quote.text("id"), quote.amountObject("refund"),
                                quote.instant("expires_at"));
                    });
                });
    }

    /** {@code POST /v1/bookings/{order_id}/cancel} with the quote's id, under the idempotency key. */
    @Override
    public Mono<CancellationOutcome> confirmCancellation(String providerOrderId, CancellationQuote quote,
            String idempotencyKey) {
        return Mono.defer(() -> {
            Objects.requireNonNull(idempotencyKey, "idempotencyKey");
            if (quote == null || quote.quoteId() == null) {
                return Mono.error(new IllegalArgumentException("Dohop cancels only a quoted cancellation: "
                        + "quoteCancellation first"));
            }
            return http.post(uri -> uri.path("/v1/bookings/{order_id}/cancel").build(providerOrderId),
                            json.writeValueAsBytes(new DohopRequests.Cancel(quote.quoteId())), idempotencyKey,
                            bookingTimeout)
                    .map(answer -> cancellationOutcome(answer, providerOrderId))
                    .onErrorResume(e -> Mono.just(new CancellationOutcome.Unknown(noAnswerReason("cancellation", e))));
        });
    }

    // ---- phases ----------------------------------------------------------------------------------------------------

    /** A transport failure of phase 1, told apart from failures while handling its answer. */
    private static final class NoAnswer extends RuntimeException {

        NoAnswer(Throwable cause) {
            super(null, cause, false, false);
        }
    }

    private Mono<OrderOutcome> afterReservation(Answer answer, OrderRequest request, String confirmKey) {
        int status = answer.status();
        if (status == 200 || status == 201) {
            ProviderOrder order;
            try {
                order = answers.parse("reservation", answer, body -> order(body.object("order")));
            } catch (DohopApiException e) {
                return Mono.just(new OrderOutcome.Unknown("Dohop answered " + status + " with an unreadable order"
                        + requestSuffix(answer)));
            }
            if (!request.reference().equals(order.reference())) {
                log.warn("Dohop reservation answered an order with another partner_reference (request {})",
                        answer.requestId());
                return Mono.just(new OrderOutcome.Unknown("Dohop answered an order that carries another "
                        + "partner_reference" + requestSuffix(answer)));
            }
            if (!order.status().equals("held")) {
                log.warn("Dohop reservation answered order status {} (request {})", order.status(), answer.requestId());
                return Mono.just(new OrderOutcome.Unknown("Dohop answered order " + order.providerOrderId() + " as "
                        + order.status() + requestSuffix(answer)));
            }
            if (!order.total().equals(request.expectedTotal())) {
                log.info("Dohop reserved {} at another total (request {})", order.providerOrderId(), answer.requestId());
                return Mono.just(new OrderOutcome.PriceChanged(order.total(), order.providerOrderId(),
                        order.paymentRequiredBy(), priceChangeMessage(order.total(), request.expectedTotal())));
            }
            log.info("Dohop reserved {} for {} (request {})", order.providerOrderId(), request.reference(),
                    answer.requestId());
            return confirm(order.providerOrderId(), request.expectedTotal(), confirmKey, request.reference());
        }
        return Mono.just(orderError("reservation", answer, request.expectedTotal(), null));
    }

    private Mono<OrderOutcome> confirm(String orderId, Money accepted, String idempotencyKey, String reference) {
        return http.post(uri -> uri.path("/v1/bookings/{order_id}/confirm").build(orderId),
                        json.writeValueAsBytes(new DohopRequests.Confirm(DecimalAmount.of(accepted))),
                        idempotencyKey, bookingTimeout)
                .map(answer -> confirmation(answer, orderId, accepted, reference))
                .onErrorResume(e -> Mono.just(new OrderOutcome.Unknown(noAnswerReason("confirmation", e))));
    }

    private OrderOutcome confirmation(Answer answer, String orderId, Money accepted, String reference) {
        int status = answer.status();
        if (status == 202) {
            log.warn("Dohop confirmation of {} answered 202: still confirming (request {})", orderId, answer.requestId());
            return new OrderOutcome.Unknown("Dohop answered 202: it is still confirming order " + orderId
                    + requestSuffix(answer));
        }
        if (status == 200 || status == 201) {
            ProviderOrder order;
            try {
                order = answers.parse("confirmation", answer, body -> order(body.object("order")));
            } catch (DohopApiException e) {
                return new OrderOutcome.Unknown("Dohop answered " + status + " with an unreadable order"
                        + requestSuffix(answer));
            }
            if (!order.providerOrderId().equals(orderId) || (reference != null && !reference.equals(order.reference()))) {
                log.warn("Dohop confirmation of {} answered another order (request {})", orderId, answer.requestId());
                return new OrderOutcome.Unknown("Dohop answered another order than " + orderId + requestSuffix(answer));
            }
            if (!order.status().equals("confirmed") || order.bookingReference() == null) {
                log.warn("Dohop confirmation of {} answered status {} (request {})", orderId, order.status(),
                        answer.requestId());
                return new OrderOutcome.Unknown("Dohop answered order " + orderId + " as " + order.status()
                        + requestSuffix(answer));
            }
            log.info("Dohop confirmed {} (request {})", orderId, answer.requestId());
            return new OrderOutcome.Created(orderId, order.bookingReference(), order.total(), false, null);
        }
        return orderError("confirmation", answer, accepted, orderId);
    }

    /** An error answer of either phase; {@code orderId} is the order being confirmed (null in phase 1). */
    private OrderOutcome orderError(String operation, Answer answer, Money expected, String orderId) {
        int status = answer.status();
        ProviderError error = answers.error(answer);
        Meaning meaning = meaning(status, error.code());
        log.warn("Dohop {} answered {} {} (request {})", operation, status, error.code(), answer.requestId());
        String what = "Dohop answered " + status + (error.code() == null ? "" : " " + error.code());
        return switch (meaning) {
            case PRICE_CHANGED -> priceChanged(error, expected, orderId, what, requestSuffix(answer));
            case GONE -> new OrderOutcome.OfferGone(what + requestSuffix(answer));
            case REJECTED -> new OrderOutcome.Rejected(what + error.fieldIssues() + requestSuffix(answer));
            case UNKNOWN -> new OrderOutcome.Unknown(what + requestSuffix(answer));
        };
    }

    /**
     * {@code 409 PRICE_CHANGED}: Dohop reserved (or keeps) {@code order_id} at {@code new_total} until
     * {@code expires_at}. Without a readable order id, total and expiry an order may exist that nobody can name: unknown.
     */
    private static OrderOutcome priceChanged(ProviderError error, Money expected, String confirmingOrderId, String what,
            String request) {
        String orderId;
        Money newTotal;
        Instant expiresAt;
        try {
            orderId = error.body().text("order_id");
            newTotal = error.body().amountObject("new_total");
            expiresAt = error.body().instant("expires_at");
        } catch (RuntimeException e) {
            return new OrderOutcome.Unknown(what + " without a readable order_id, new_total and expires_at" + request);
        }
        if (confirmingOrderId != null && !confirmingOrderId.equals(orderId)) {
            return new OrderOutcome.Unknown(what + " naming another order than " + confirmingOrderId + request);
        }
        return new OrderOutcome.PriceChanged(newTotal, orderId, expiresAt, priceChangeMessage(newTotal, expected));
    }

    private static String priceChangeMessage(Money newTotal, Money expected) {
        return "Dohop now prices the order at " + newTotal + " instead of " + expected;
    }

    private static Meaning meaning(int status, String code) {
        Meaning meaning = code == null ? null : ORDER_ERRORS.get(code);
        if (meaning != null) {
            return meaning;
        }
        if (status == 400 || status == 401 || status == 402 || status == 403 || status == 422) {
            return Meaning.REJECTED;
        }
        return status == 404 || status == 410 ? Meaning.GONE : Meaning.UNKNOWN;
    }

    // ---- requests --------------------------------------------------------------------------------------------------

    private DohopRequests.Reserve reserveRequest(OrderRequest request) {
        if (request.services() != null && !request.services().isEmpty()) {
            throw new OrderRefusal("Dohop sells no services with an order (supports_bag_selection: false)");
        }
        if (request.seats() != null && !request.seats().isEmpty()) {
            throw new OrderRefusal("Dohop sells no seats (supports_seat_selection: false)");
        }
        DohopItinerary itinerary;
        try {
            itinerary = DohopItinerary.read(request.rawOffer());
        } catch (OfferPayloadException e) {
            throw new OrderRefusal("the offer payload is invalid: " + e.details());
        }
        Money expected = request.expectedTotal();
        if (!expected.currency().equals(itinerary.offer().total().currency())) {
            throw new OrderRefusal("the expected total is in " + expected.currency() + " but the itinerary is priced in "
                    + itinerary.offer().total().currency());
        }
        List<OrderRequest.OrderPassenger> passengers = request.passengers() == null ? List.of() : request.passengers();
        OrderRefusal.requireEachNamedOnce(passengers, itinerary.travellerIds(), "traveller", "itinerary");
        OrderRequest.Contact contact = request.contact();
        boolean priced = itinerary.priceToken() != null;
        return new DohopRequests.Reserve(
                itinerary.priceToken(),
                priced ? null : itinerary.itineraryId(),
                priced ? null : itinerary.searchId(),
                request.reference(),
                DecimalAmount.of(expected),
                passengers.stream().map(DohopFlightProvider::traveller).toList(),
                contact == null ? null : new DohopRequests.Contact(contact.email(), contact.phoneNumber()));
    }

    private static DohopRequests.Traveller traveller(OrderRequest.OrderPassenger p) {
        return new DohopRequests.Traveller(
                p.providerPassengerId(),
                p.title() == null ? null : p.title().toLowerCase(Locale.ROOT),
                p.firstName(),
                p.middleName(),
                p.lastName(),
                p.dateOfBirth() == null ? null : p.dateOfBirth().toString(),
                p.gender(),
                p.identityDocuments() == null ? List.of() : p.identityDocuments().stream()
                        .map(d -> new DohopRequests.Document(d.type(), d.uniqueIdentifier(), d.issuingCountryCode(),
                                d.expiresOn() == null ? null : d.expiresOn().toString()))
                        .toList(),
                p.loyaltyProgrammeAccounts() == null ? List.of() : p.loyaltyProgrammeAccounts().stream()
                        .map(a -> new DohopRequests.LoyaltyAccount(a.airlineIataCode(), a.accountNumber()))
                        .toList());
    }

    // ---- answers ---------------------------------------------------------------------------------------------------

    private PricingOutcome pricingOutcome(Answer answer, DohopItinerary asked) {
        int status = answer.status();
        if (status == 200) {
            JsonNode priced;
            DohopItinerary itinerary;
            try {
                priced = json.readTree(answer.body());
                itinerary = DohopItinerary.read(priced);
            } catch (JacksonException | OfferPayloadException e) {
                String details = e instanceof OfferPayloadException o ? " (" + o.details() + ")" : "";
                log.warn("Dohop pricing answered an unreadable itinerary{} (request {})", details, answer.requestId());
                return new PricingOutcome.Unknown("Dohop answered an unreadable priced itinerary" + details
                        + requestSuffix(answer));
            }
            if (!itinerary.itineraryId().equals(asked.itineraryId()) || itinerary.priceToken() == null) {
                log.warn("Dohop pricing answered another or an unpriced itinerary (request {})", answer.requestId());
                return new PricingOutcome.Unknown("Dohop answered another or an unpriced itinerary"
                        + requestSuffix(answer));
            }
            return new PricingOutcome.Priced(priced, itinerary.offer());
        }
        ProviderError error = answers.error(answer);
        log.warn("Dohop pricing answered {} {} (request {})", status, error.code(), answer.requestId());
        String what = "Dohop answered " + status + (error.code() == null ? "" : " " + error.code());
        return switch (meaning(status, error.code())) {
            case GONE -> new PricingOutcome.OfferGone(what + requestSuffix(answer));
            case REJECTED -> new PricingOutcome.Rejected(what + error.fieldIssues() + requestSuffix(answer));
            case PRICE_CHANGED, UNKNOWN -> new PricingOutcome.Unknown(what + requestSuffix(answer));
        };
    }

    private CancellationOutcome cancellationOutcome(Answer answer, String providerOrderId) {
        int status = answer.status();
        if (status == 200) {
            try {
                return answers.parse("cancellation", answer, body -> {
                    ProviderOrder order = order(body.object("order"));
                    Money refund = body.amountObject("refund");
                    if (!order.providerOrderId().equals(providerOrderId) || !order.status().equals("cancelled")) {
                        return new CancellationOutcome.Unknown("Dohop answered order " + order.providerOrderId()
                                + " as " + order.status() + requestSuffix(answer));
                    }
                    log.info("Dohop cancelled {} (request {})", providerOrderId, answer.requestId());
                    return new CancellationOutcome.Cancelled(providerOrderId, refund);
                });
            } catch (DohopApiException e) {
                return new CancellationOutcome.Unknown("Dohop answered 200 with an unreadable cancellation"
                        + requestSuffix(answer));
            }
        }
        ProviderError error = answers.error(answer);
        log.warn("Dohop cancellation answered {} {} (request {})", status, error.code(), answer.requestId());
        String what = "Dohop answered " + status + (error.code() == null ? "" : " " + error.code())
                + requestSuffix(answer);
        boolean refused = error.code() != null ? CANCELLATION_REFUSALS.contains(error.code())
                : status == 400 || status == 401 || status == 403 || status == 404 || status == 410 || status == 422;
        return refused ? new CancellationOutcome.Refused(what) : new CancellationOutcome.Unknown(what);
    }

    /** An order object (docs §5.4) as the port's order; {@code reserved} is {@code held} until {@code reserved_until}. */
    private static ProviderOrder order(PayloadNode order) {
        String status = order.textIn("status", Set.of("reserved", "confirming", "confirmed", "expired", "cancelled"));
        String ours = switch (status) {
            case "reserved" -> "held";
            case "confirming" -> "pending";
            case "expired" -> "cancelled";
            default -> status;
        };
        return new ProviderOrder(
                order.text("id"),
                order.optionalText("booking_reference"),
                order.text("partner_reference"),
                ours,
                order.amountObject("total"),
                status.equals("reserved") ? order.instant("reserved_until") : null);
    }

    // ---- plumbing --------------------------------------------------------------------------------------------------

    private Throwable noAnswer(String operation, Throwable e) {
        return answers.noAnswer(operation, e);
    }

    private String noAnswerReason(String operation, Throwable e) {
        return "no answer from Dohop to the " + operation + " (" + answers.noAnswerCause(operation, e) + ")";
    }

    private static String requestSuffix(Answer answer) {
        return ProviderAnswers.requestSuffix(answer);
    }
}
