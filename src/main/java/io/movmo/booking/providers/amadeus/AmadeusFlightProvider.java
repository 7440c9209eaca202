package io.movmo.booking.providers.amadeus;

import io.movmo.booking.providers.amadeus.AmadeusException.Kind;
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
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriUtils;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClientRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The production {@link FlightProvider} for Amadeus Self-Service, over one {@link WebClient} (owned by
 * {@link AmadeusTokens}) with a bearer token from {@link AmadeusTokens}.
 *
 * <ul>
 *   <li><b>Calls</b>: Flight Offers Price ({@code POST /v1/shopping/flight-offers/pricing}) and SeatMap Display
 *       ({@code POST /v1/shopping/seatmaps}), both with {@code X-HTTP-Method-Override: GET} as Amadeus requires;
 *       Flight Create Orders ({@code POST /v1/booking/flight-orders}); Flight Order Management
 *       ({@code GET} and {@code DELETE /v1/booking/flight-orders/{id}}). Bodies are
 *       {@code application/vnd.amadeus+json}.</li>
 *   <li><b>Tokens</b>: a 401 with 38190, 38192 or 38193 (see {@link AmadeusErrors#TOKEN_REJECTED}) renews the token
 *       and sends the same request once more. This holds for creating and cancelling orders too: Amadeus's gateway
 *       refuses the token before the request reaches the booking system, so the refused request created or cancelled
 *       nothing. A second token refusal is not retried.</li>
 *   <li><b>Unknown outcomes</b>: a timeout, a connection failure, any 5xx, error 141 (SYSTEM ERROR) or an unreadable
 *       success when creating an order is {@link OrderOutcome.Unknown}: never retried, never followed by another
 *       order. <b>Amadeus Self-Service cannot search orders</b>, so {@link #findOrderByReference} cannot reconcile
 *       one: it fails (see there) rather than answer "none". The saga must record the provider order id as soon as
 *       it has it; an unknown creation needs a person (the {@code MOVMO-REF} remark names the booking in the
 *       consolidator's back office).</li>
 *   <li><b>Logs and reasons</b> name the operation, the HTTP status, Amadeus's error codes, titles and source pointers,
 *       and {@code ama-request-id}; never a token, a secret, a passenger's data, Amadeus's {@code detail} texts or a
 *       body.</li>
 * </ul>
 */
public class AmadeusFlightProvider implements FlightProvider {

    private static final Logger log = LoggerFactory.getLogger(AmadeusFlightProvider.class);

    /** Amadeus's request id response header: what Amadeus support asks for. */
    static final String REQUEST_ID = "ama-request-id";
    static final String METHOD_OVERRIDE = "X-HTTP-Method-Override";
    static final MediaType AMADEUS_JSON = MediaType.parseMediaType("application/vnd.amadeus+json");

    static final String PRICING = "/v1/shopping/flight-offers/pricing";
    static final String SEAT_MAPS = "/v1/shopping/seatmaps";
    static final String ORDERS = "/v1/booking/flight-orders";

    /** Words in an error's title or detail that mean the offer cannot be priced any more (not a bad request). */
    private static final List<String> GONE = List.of("NOT FOUND", "EXPIRED", "NO FARE", "SOLD OUT", "NO LONGER",
            "NOT AVAILABLE", "UNABLE TO SELL", "SELL FAILURE");

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final byte[] NO_BODY = new byte[0];

    private final AmadeusTokens tokens;
    private final WebClient webClient;
    private final String base;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration orderTimeout;
    private final Clock clock;

    public AmadeusFlightProvider(AmadeusProperties properties, AmadeusTokens tokens, Clock clock) {
        this.tokens = tokens;
        this.webClient = tokens.webClient();
        this.base = properties.base();
        this.connectTimeout = properties.connectTimeout();
        this.readTimeout = properties.readTimeout();
        this.orderTimeout = properties.orderTimeout();
        this.clock = clock;
    }

    @Override
    public ProviderId id() {
        return ProviderId.AMADEUS;
    }

    /** See {@link AmadeusOffers} for every choice. */
    @Override
    public NormalizedOffer normalize(JsonNode rawOffer) {
        return AmadeusOffers.normalize(rawOffer);
    }

    /** The same normalization without an adapter (it is pure): what the sandbox simulator reads Amadeus payloads with. */
    public static NormalizedOffer normalizeOffer(JsonNode rawOffer) {
        return AmadeusOffers.normalize(rawOffer);
    }

    /**
     * Flight Offers Price. The answer's offer is {@link PricingOutcome.Priced} whatever its price: a price that moved
     * (Amadeus warns of a discrepancy) is simply the new price. 404, or an error saying the offer or its fare is
     * gone, is {@link PricingOutcome.OfferGone}; other 4xx {@link PricingOutcome.Rejected}; timeouts, 429, 5xx, 141
     * and answers the engine cannot read {@link PricingOutcome.Unknown}. An unreadable payload is an
     * {@link OfferPayloadException}, before anything is sent.
     */
    @Override
    public Mono<PricingOutcome> price(JsonNode rawOffer) {
        return Mono.defer(() -> {
            ObjectNode offer = readableOffer(rawOffer);
            return pricing(offer);
        });
    }

    private Mono<PricingOutcome> pricing(ObjectNode offer) {
        ObjectNode body = JSON.objectNode();
        ObjectNode data = body.putObject("data");
        data.put("type", "flight-offers-pricing");
        data.putArray("flightOffers").add(offer);
        return call("pricing", HttpMethod.POST, uri(PRICING), bytes(body), true, readTimeout)
                .map(this::pricingOutcome)
                .onErrorResume(AmadeusException.class, e -> Mono.just(new PricingOutcome.Unknown(e.getMessage())));
    }

    private PricingOutcome pricingOutcome(AmadeusAnswer answer) {
        if (answer.isSuccess()) {
            JsonNode root = json(answer);
            JsonNode offers = root == null ? null : root.path("data").get("flightOffers");
            if (offers == null || !offers.isArray() || offers.isEmpty() || !offers.get(0).isObject()) {
                return new PricingOutcome.Unknown("Amadeus pricing answered " + answer.describe() + " without a flight-offer");
            }
            logWarnings("pricing", root, answer);
            JsonNode priced = offers.get(0);
            try {
                return new PricingOutcome.Priced(priced, AmadeusOffers.normalize(priced));
            } catch (OfferPayloadException e) {
                log.warn("Amadeus pricing answered an offer the engine cannot read: {} (request {})", e.details(),
                        answer.requestId());
                return new PricingOutcome.Unknown("Amadeus pricing answered an offer the engine cannot read: "
                        + e.details() + " (request " + answer.requestId() + ")");
            }
        }
        String reason = "Amadeus pricing answered " + answer.describe();
        if (isIndefinite(answer) || answer.hasCode(AmadeusErrors.PRICE_DISCREPANCY) || answer.status() == 401) {
            return new PricingOutcome.Unknown(reason);
        }
        if (answer.status() == 404 || mentions(answer, GONE)) {
            return new PricingOutcome.OfferGone(reason);
        }
        return new PricingOutcome.Rejected(reason);
    }

    /**
     * SeatMap Display for the offer: one {@link SeatMap} per segment with seats (see {@link AmadeusSeatMaps}); empty
     * when Amadeus has none, including when it answers 400 (no seat map for the flight or date). Timeouts, 429, 5xx
     * and unreadable answers are an {@link AmadeusException} ({@link Kind#UNAVAILABLE}).
     */
    @Override
    public Mono<List<SeatMap>> seatMaps(JsonNode rawOffer) {
        return Mono.defer(() -> {
            ObjectNode body = JSON.objectNode();
            body.putArray("data").add(readableOffer(rawOffer));
            return call("seat maps", HttpMethod.POST, uri(SEAT_MAPS), bytes(body), true, readTimeout).map(answer -> {
                if (answer.isSuccess()) {
                    JsonNode root = json(answer);
                    if (root == null || !root.isObject()) {
                        throw new AmadeusException(Kind.UNAVAILABLE, "Amadeus seat maps answered " + answer.describe()
                                + " with an unreadable body");
                    }
                    return AmadeusSeatMaps.read(root);
                }
                if (answer.status() == 400 && !isIndefinite(answer)) {
                    return List.<SeatMap>of();
                }
                throw new AmadeusException(isIndefinite(answer) ? Kind.UNAVAILABLE
                        : answer.status() == 401 ? Kind.AUTHENTICATION : Kind.REFUSED,
                        "Amadeus seat maps answered " + answer.describe());
            });
        });
    }

    /**
     * Amadeus keeps passenger details on the order's travelers, not on the offer: the offer comes back unchanged. The
     * update is checked now (the passenger is a traveler of the offer; gender, documents and loyalty accounts are
     * ones Amadeus can carry), so that a partner learns of a problem before booking. The engine keeps the update
     * with the offer's passenger and passes it in {@link OrderRequest.OrderPassenger} (a known traveler number as an
     * identity document of type {@code known_traveler_number}), and {@link #createOrder} writes it into the
     * traveler.
     */
    @Override
    public Mono<JsonNode> updatePassenger(JsonNode rawOffer, String providerPassengerId, OfferPassengerUpdate update) {
        return Mono.fromCallable(() -> {
            Map<String, String> travelers = AmadeusOffers.travelers(readableOffer(rawOffer));
            if (providerPassengerId == null || !travelers.containsKey(providerPassengerId)) {
                throw new OfferPayloadException("The passenger is not a traveler of the Amadeus offer",
                        "passenger_id: must be one of the offer's travelerIds " + travelers.keySet());
            }
            if (update != null) {
                String who = "passenger " + providerPassengerId;
                try {
                    if (update.gender() != null) {
                        AmadeusOrders.gender(update.gender(), who);
                    }
                    if (update.identityDocuments() != null) {
                        update.identityDocuments().forEach(document -> AmadeusOrders.document(document, who));
                    }
                    if (update.loyaltyProgrammeAccounts() != null) {
                        update.loyaltyProgrammeAccounts().forEach(account -> AmadeusOrders.loyalty(account, who));
                    }
                } catch (AmadeusOrders.InvalidOrder e) {
                    throw new OfferPayloadException("The passenger update cannot be carried to Amadeus", e.getMessage());
                }
            }
            return rawOffer;
        });
    }

    /**
     * Flight Create Orders (see {@link AmadeusOrders} for the body: travelers, the {@code MOVMO-REF} remark, the
     * ticketing agreement).
     *
     * <ol>
     *   <li>Refused before anything is sent ({@link OrderOutcome.Rejected}): an unreadable offer, passengers that do
     *       not match the offer's travelers or that Amadeus cannot take, and ancillary services (bags), which would
     *       have to be priced into the offer first and are not supported by this adapter.</li>
     *   <li>Seats are written into the offer ({@code additionalServices.chargeableSeatNumber} of the traveler's fare
     *       details for the segment) and the offer is priced again, so the order is made at a price that includes
     *       them.</li>
     *   <li>The offer's price (with seats) is compared with {@code expectedTotal}: above it is
     *       {@link OrderOutcome.PriceChanged} without booking.</li>
     *   <li>201: {@link OrderOutcome.Created} with Amadeus's order id, the first associated record's locator, the
     *       order's total, and, for a hold, the ticketing agreement's deadline.</li>
     *   <li>37200 PRICE DISCREPANCY: the new price is not parsed out of the error's free text; the offer is priced
     *       again and the new total answered as {@link OrderOutcome.PriceChanged} with no provider order id (the retry is a
     *       fresh order from the re-priced offer); if the offer is gone, {@link OrderOutcome.OfferGone}.</li>
     *   <li>34651 SEGMENT SELL FAILURE, 4926 INVALID DATA RECEIVED, other 4xx (a second token refusal and 429
     *       included: nothing was booked): {@link OrderOutcome.Rejected}.</li>
     *   <li>Timeouts, connection failures, 5xx, 141, or a success the engine cannot read:
     *       {@link OrderOutcome.Unknown}.</li>
     * </ol>
     * No token could be obtained: {@link OrderOutcome.Rejected}, as nothing was sent.
     */
    @Override
    public Mono<OrderOutcome> createOrder(OrderRequest request) {
        return Mono.defer(() -> {
            if (request == null) {
                return Mono.just(new OrderOutcome.Rejected("no order request"));
            }
            if (request.services() != null && !request.services().isEmpty()) {
                return Mono.just(new OrderOutcome.Rejected("Amadeus ancillary services (bags) must be priced into "
                        + "the offer first, which this adapter does not do yet: no order was sent"));
            }
            ObjectNode offer;
            NormalizedOffer normalized;
            try {
                offer = AmadeusOffers.forAmadeus(request.rawOffer());
                normalized = AmadeusOffers.normalize(offer);
            } catch (OfferPayloadException e) {
                return Mono.just(new OrderOutcome.Rejected("the Amadeus offer cannot be read (" + e.details()
                        + "): no order was sent"));
            }
            if (request.seats() == null || request.seats().isEmpty()) {
                return book(request, offer, normalized.total(), normalized.expiresAt());
            }
            try {
                withSeats(offer, request.seats());
            } catch (AmadeusOrders.InvalidOrder e) {
                return Mono.just(new OrderOutcome.Rejected(e.getMessage() + ": no order was sent"));
            }
            return pricing(offer).flatMap(priced -> {
                if (priced instanceof PricingOutcome.Priced p) {
                    return book(request, (ObjectNode) p.rawOffer(), p.offer().total(), p.offer().expiresAt());
                }
                if (priced instanceof PricingOutcome.OfferGone gone) {
                    return Mono.just(new OrderOutcome.OfferGone(gone.reason()));
                }
                return Mono.just(new OrderOutcome.Rejected("the offer with its seats could not be priced ("
                        + reason(priced) + "): no order was sent"));
            });
        });
    }

    private Mono<OrderOutcome> book(OrderRequest request, ObjectNode offer, Money offerTotal, Instant offerExpiresAt) {
        Money expected = request.expectedTotal();
        if (expected != null) {
            if (!expected.currency().equals(offerTotal.currency())) {
                return Mono.just(new OrderOutcome.Rejected("the offer is priced in "
                        + offerTotal.currency().getCurrencyCode() + ", the agreed total in "
                        + expected.currency().getCurrencyCode() + ": no order was sent"));
            }
            if (offerTotal.isGreaterThan(expected)) {
                return Mono.just(new OrderOutcome.PriceChanged(offerTotal, null, offerExpiresAt, "the offer costs "
                        + offerTotal + ", more than the " + expected + " agreed: no order was sent"));
            }
        }
        byte[] body;
        try {
            body = bytes(AmadeusOrders.createBody(request, offer));
        } catch (AmadeusOrders.InvalidOrder e) {
            return Mono.just(new OrderOutcome.Rejected(e.getMessage() + ": no order was sent"));
        }
        return call("order creation", HttpMethod.POST, uri(ORDERS), body, false, orderTimeout)
                .flatMap(answer -> orderOutcome(answer, request, offer, offerTotal))
                .onErrorResume(AmadeusException.class, e -> Mono.just(e.kind() == Kind.AUTHENTICATION
                        ? new OrderOutcome.Rejected(e.getMessage() + ": no order was sent")
                        : new OrderOutcome.Unknown(e.getMessage() + ": the order may or may not exist")));
    }

    private Mono<OrderOutcome> orderOutcome(AmadeusAnswer answer, OrderRequest request, ObjectNode offer, Money offerTotal) {
        if (answer.isSuccess()) {
            JsonNode root = json(answer);
            AmadeusOrders.Order order = AmadeusOrders.read(root == null ? null : root.get("data"), clock.instant());
            if (order == null) {
                log.error("Amadeus answered {} to an order creation with a body the engine cannot read: the order may "
                        + "exist (booking {})", answer.describe(), request.reference());
                return Mono.just(new OrderOutcome.Unknown("Amadeus answered " + answer.describe()
                        + " to the order with a body the engine cannot read: the order may exist"));
            }
            boolean held = order.option() != null ? order.held() : request.type() == OrderRequest.OrderType.HOLD;
            Instant deadline = !held ? null : order.paymentRequiredBy() != null ? order.paymentRequiredBy()
                    : AmadeusOrders.fromDelay(AmadeusOrders.HOLD_DELAY, clock.instant());
            log.info("Amadeus created order {} for booking {} ({})", order.id(), request.reference(), answer.describe());
            return Mono.just(new OrderOutcome.Created(order.id(), order.bookingReference(),
                    order.total() != null ? order.total() : offerTotal, held, deadline));
        }
        String reason = "Amadeus answered " + answer.describe();
        if (answer.status() == 429 && !answer.hasCode(AmadeusErrors.SYSTEM_ERROR)) {
            // Amadeus's gateway throttles before the booking system sees the request.
            return Mono.just(new OrderOutcome.Rejected(reason + ": throttled, no order was created"));
        }
        if (isIndefinite(answer) || answer.status() < 400) {
            return Mono.just(new OrderOutcome.Unknown(reason + ": the order may or may not exist"));
        }
        if (answer.hasCode(AmadeusErrors.PRICE_DISCREPANCY)) {
            return pricing(offer).map(priced -> {
                if (priced instanceof PricingOutcome.Priced p) {
                    return new OrderOutcome.PriceChanged(p.offer().total(), null, p.offer().expiresAt(), reason
                            + ": the offer now costs " + p.offer().total() + " (was " + offerTotal
                            + "); no order was created");
                }
                if (priced instanceof PricingOutcome.OfferGone gone) {
                    return new OrderOutcome.OfferGone(reason + "; re-pricing: " + gone.reason());
                }
                return new OrderOutcome.Rejected(reason + "; re-pricing failed (" + reason(priced)
                        + "); no order was created");
            });
        }
        return Mono.just(new OrderOutcome.Rejected(reason + ": no order was created"));
    }

    /** Amadeus Self-Service has no step that pays or confirms a held order. */
    @Override
    public Mono<OrderOutcome> payHold(String providerOrderId, Money amount, String idempotencyKey) {
        return Mono.just(new OrderOutcome.Rejected("not supported: Amadeus Self-Service has no payment step; a held "
                + "order (DELAY_TO_CANCEL) is ticketed by the consolidator or lapses at its deadline"));
    }

    /**
     * Flight Order Management {@code GET}: the order, with our reference read from its {@code MOVMO-REF} remark;
     * status {@code cancelled} when every segment is {@code CANCELLED}, {@code held} under a {@code DELAY_TO_*}
     * ticketing agreement, {@code confirmed} otherwise. 404 (Amadeus deletes cancelled orders) and 400 4926 (an id
     * Amadeus cannot read) are empty. Other answers are an {@link AmadeusException}.
     */
    @Override
    public Mono<Optional<ProviderOrder>> findOrder(String providerOrderId) {
        return retrieve(providerOrderId).map(order -> order.map(AmadeusOrders.Order::view));
    }

    private Mono<Optional<AmadeusOrders.Order>> retrieve(String providerOrderId) {
        return Mono.defer(() -> call("order lookup", HttpMethod.GET, orderUri(providerOrderId), null, false, readTimeout)
                .map(answer -> {
                    if (answer.isSuccess()) {
                        JsonNode root = json(answer);
                        AmadeusOrders.Order order = AmadeusOrders.read(root == null ? null : root.get("data"), clock.instant());
                        if (order == null) {
                            throw new AmadeusException(Kind.UNAVAILABLE, "Amadeus order lookup answered "
                                    + answer.describe() + " with a body the engine cannot read");
                        }
                        return Optional.of(order);
                    }
                    if (answer.status() == 404 || (answer.status() == 400 && answer.hasCode(AmadeusErrors.INVALID_DATA)
                            && !isIndefinite(answer))) {
                        return Optional.<AmadeusOrders.Order>empty();
                    }
                    throw new AmadeusException(isIndefinite(answer) ? Kind.UNAVAILABLE
                            : answer.status() == 401 ? Kind.AUTHENTICATION : Kind.REFUSED,
                            "Amadeus order lookup answered " + answer.describe());
                }));
    }

    /**
     * Not possible with Amadeus Self-Service: it has no search of orders (by remark or otherwise). Answering "none"
     * would let the saga compensate an order that may exist, so this fails with an {@link AmadeusException} of kind
     * {@link Kind#UNSUPPORTED}: an unknown order creation at Amadeus cannot be reconciled by reference. The saga must
     * keep the order id from {@link OrderOutcome.Created} (and look orders up by it); an {@link OrderOutcome.Unknown}
     * goes to a person, who finds the order by its {@code MOVMO-REF <reference>} remark in the consolidator's back
     * office.
     */
    @Override
    public Mono<Optional<ProviderOrder>> findOrderByReference(String reference) {
        return Mono.error(() -> new AmadeusException(Kind.UNSUPPORTED, "Amadeus Self-Service cannot find an order by "
                + "reference: look for the remark MOVMO-REF " + reference + " in the consolidator's back office"));
    }

    /**
     * Amadeus has no cancellation quote, so the quote is the engine's policy, read from the order: an order with no
     * ticket issued refunds its whole total (Amadeus and the airline are owed nothing for an unticketed booking); an
     * order with a ticket refunds zero here, because what comes back depends on the fare rules and is settled with
     * the consolidator, outside the engine. No quote id, no expiry. An unknown order is an {@link AmadeusException}
     * ({@link Kind#REFUSED}).
     */
    @Override
    public Mono<CancellationQuote> quoteCancellation(String providerOrderId) {
        return retrieve(providerOrderId).map(found -> {
            AmadeusOrders.Order order = found.orElseThrow(() -> new AmadeusException(Kind.REFUSED,
                    "Amadeus has no order " + providerOrderId));
            if (order.total() == null) {
                throw new AmadeusException(Kind.UNAVAILABLE, "Amadeus order " + providerOrderId + " has no readable total");
            }
            Money refund = order.ticketed() ? Money.zero(order.total().currency()) : order.total();
            return new CancellationQuote(providerOrderId, null, refund, null);
        });
    }

    /**
     * Flight Order Management {@code DELETE}: 204 (or 200) is {@link CancellationOutcome.Cancelled} with the quote's
     * refund (quoted now when {@code quote} is not for this order); 404 and other 4xx
     * {@link CancellationOutcome.Refused}; timeouts, 5xx and 141 {@link CancellationOutcome.Unknown}, to be followed
     * by {@link #findOrder} (a deleted order is 404: gone). Amadeus has no idempotency keys; a repeated DELETE of a
     * cancelled order answers 404.
     */
    @Override
    public Mono<CancellationOutcome> confirmCancellation(String providerOrderId, CancellationQuote quote,
            String idempotencyKey) {
        Mono<Money> refund = quote != null && quote.refund() != null && providerOrderId != null
                && providerOrderId.equals(quote.providerOrderId())
                ? Mono.just(quote.refund()) : quoteCancellation(providerOrderId).map(CancellationQuote::refund);
        return refund.flatMap(amount -> call("order cancellation", HttpMethod.DELETE, orderUri(providerOrderId), null,
                        false, orderTimeout)
                        .map(answer -> cancellation(answer, providerOrderId, amount)))
                .onErrorResume(AmadeusException.class, e -> Mono.just(e.kind() == Kind.REFUSED
                        ? new CancellationOutcome.Refused(e.getMessage())
                        : new CancellationOutcome.Unknown(e.getMessage())));
    }

    private CancellationOutcome cancellation(AmadeusAnswer answer, String providerOrderId, Money refund) {
        if (answer.isSuccess()) {
            log.info("Amadeus cancelled order {} ({})", providerOrderId, answer.describe());
            return new CancellationOutcome.Cancelled(providerOrderId, refund);
        }
        String reason = "Amadeus answered " + answer.describe() + " to cancelling order " + providerOrderId;
        if (isIndefinite(answer) || answer.status() == 401 || answer.status() < 400) {
            return new CancellationOutcome.Unknown(reason);
        }
        return new CancellationOutcome.Refused(answer.status() == 404 ? reason + ": no such order" : reason);
    }

    // --- HTTP -------------------------------------------------------------------------------------------------------

    /** Sends with a token; on a token refusal renews it and sends once more (see the class comment). */
    private Mono<AmadeusAnswer> call(String operation, HttpMethod method, URI uri, byte[] body, boolean getOverride,
            Duration timeout) {
        return tokens.accessToken()
                .flatMap(token -> send(operation, method, uri, body, getOverride, timeout, token).flatMap(answer -> {
                    if (!AmadeusErrors.isTokenRejection(answer)) {
                        return Mono.just(answer);
                    }
                    log.info("Amadeus {} refused the access token ({}): renewing it and sending once more", operation,
                            answer.describe());
                    return tokens.renew(token).flatMap(fresh -> send(operation, method, uri, body, getOverride, timeout, fresh));
                }))
                .doOnNext(answer -> {
                    if (answer.isSuccess()) {
                        log.debug("Amadeus {} answered {}", operation, answer.describe());
                    } else if (isIndefinite(answer)) {
                        log.warn("Amadeus {} answered {}", operation, answer.describe());
                    } else {
                        log.info("Amadeus {} answered {}", operation, answer.describe());
                    }
                });
    }

    private Mono<AmadeusAnswer> send(String operation, HttpMethod method, URI uri, byte[] body, boolean getOverride,
            Duration timeout, String token) {
        WebClient.RequestBodySpec request = webClient.method(method)
                .uri(uri)
                .headers(headers -> {
                    headers.setBearerAuth(token);
                    headers.setAccept(List.of(AMADEUS_JSON, MediaType.APPLICATION_JSON));
                    if (getOverride) {
                        headers.set(METHOD_OVERRIDE, "GET");
                    }
                })
                .httpRequest(http -> {
                    Object nativeRequest = http.getNativeRequest();
                    if (nativeRequest instanceof HttpClientRequest netty) {
                        netty.responseTimeout(timeout);
                    }
                });
        WebClient.RequestHeadersSpec<?> ready = body == null ? request : request.contentType(AMADEUS_JSON).bodyValue(body);
        return ready.exchangeToMono(response -> response.bodyToMono(byte[].class)
                        .defaultIfEmpty(NO_BODY)
                        .map(bytes -> new AmadeusAnswer(response.statusCode().value(),
                                response.headers().asHttpHeaders().getFirst(REQUEST_ID), bytes)))
                .timeout(connectTimeout.plus(timeout))
                .onErrorMap(e -> !(e instanceof AmadeusException), e -> {
                    String cause = NestedExceptionUtils.getMostSpecificCause(e).getClass().getSimpleName();
                    log.warn("Amadeus {} failed: {}", operation, cause);
                    return new AmadeusException(Kind.UNAVAILABLE, "Amadeus " + operation + " failed: " + cause);
                });
    }

    private static String reason(PricingOutcome outcome) {
        if (outcome instanceof PricingOutcome.Rejected rejected) {
            return rejected.reason();
        }
        if (outcome instanceof PricingOutcome.Unknown unknown) {
            return unknown.reason();
        }
        if (outcome instanceof PricingOutcome.OfferGone gone) {
            return gone.reason();
        }
        return "priced";
    }

    /** No definite answer: 429, 5xx, or 141 SYSTEM ERROR whatever the status. */
    private static boolean isIndefinite(AmadeusAnswer answer) {
        return answer.status() == 429 || answer.status() >= 500 || answer.hasCode(AmadeusErrors.SYSTEM_ERROR);
    }

    private static boolean mentions(AmadeusAnswer answer, List<String> words) {
        for (AmadeusErrors.Issue issue : answer.issues()) {
            for (String text : new String[] {issue.title(), issue.detail()}) {
                if (text != null) {
                    String upper = text.toUpperCase(Locale.ROOT);
                    if (words.stream().anyMatch(upper::contains)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static void logWarnings(String operation, JsonNode root, AmadeusAnswer answer) {
        JsonNode warnings = root.get("warnings");
        if (warnings != null && warnings.isArray() && !warnings.isEmpty()) {
            StringBuilder codes = new StringBuilder();
            for (JsonNode warning : warnings) {
                String title = AmadeusOffers.string(warning.get("title"));
                codes.append(codes.isEmpty() ? "" : "; ").append(AmadeusOffers.string(warning.get("code")))
                        .append(title == null ? "" : " " + title.replaceAll("[^\\p{Print}]", ""));
            }
            log.info("Amadeus {} warned: {} (request {})", operation, codes, answer.requestId());
        }
    }

    private ObjectNode readableOffer(JsonNode rawOffer) {
        ObjectNode offer = AmadeusOffers.forAmadeus(rawOffer);
        AmadeusOffers.normalize(offer); // refuses what Amadeus would not take, before it is sent
        return offer;
    }

    /** Seats go in the traveler's fare details for the segment, as Flight Create Orders and pricing read them. */
    private static void withSeats(ObjectNode offer, List<OrderRequest.SeatChoice> seats) {
        for (OrderRequest.SeatChoice seat : seats) {
            if (seat == null || seat.seatNumber() == null || !seat.seatNumber().matches("[1-9]\\d{0,2}[A-Z]?")) {
                throw new AmadeusOrders.InvalidOrder("a seat choice has no valid seat number (such as 14A)");
            }
            ObjectNode detail = null;
            for (JsonNode pricing : offer.path("travelerPricings")) {
                if (!String.valueOf(seat.providerPassengerId()).equals(AmadeusOffers.string(pricing.get("travelerId")))) {
                    continue;
                }
                for (JsonNode fare : pricing.path("fareDetailsBySegment")) {
                    if (String.valueOf(seat.segmentId()).equals(AmadeusOffers.string(fare.get("segmentId")))) {
                        detail = (ObjectNode) fare;
                    }
                }
            }
            if (detail == null) {
                throw new AmadeusOrders.InvalidOrder("seat " + seat.seatNumber() + " names no fare of passenger "
                        + seat.providerPassengerId() + " on segment " + seat.segmentId());
            }
            JsonNode services = detail.get("additionalServices");
            ObjectNode additional = services instanceof ObjectNode object ? object : detail.putObject("additionalServices");
            additional.put("chargeableSeatNumber", seat.seatNumber());
        }
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    /**
     * Amadeus order ids are sent as Amadeus answered them. They come percent-encoded ({@code …AAvRAoY%3D}), so they
     * are not encoded again; anything else unsafe in a path segment is.
     */
    private URI orderUri(String providerOrderId) {
        if (providerOrderId == null || providerOrderId.isBlank()) {
            throw new IllegalArgumentException("a provider order id is required");
        }
        boolean encoded = providerOrderId.matches("([A-Za-z0-9\\-._~!$&'()*+,;=:@]|%[0-9A-Fa-f]{2})+");
        return URI.create(base + ORDERS + "/" + (encoded ? providerOrderId
                : UriUtils.encodePathSegment(providerOrderId, StandardCharsets.UTF_8)));
    }

    private static byte[] bytes(JsonNode body) {
        return MAPPER.writeValueAsBytes(body);
    }

    private static JsonNode json(AmadeusAnswer answer) {
        try {
            return answer.body().length == 0 ? null : MAPPER.readTree(answer.body());
        } catch (JacksonException e) {
            return null;
        }
    }
}
