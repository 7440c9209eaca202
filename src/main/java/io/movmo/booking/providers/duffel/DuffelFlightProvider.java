package io.movmo.booking.providers.duffel;

import static io.movmo.booking.providers.duffel.DuffelPayloads.NODES;

import io.movmo.booking.providers.duffel.DuffelPayloads.Malformed;
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
import io.netty.channel.ChannelOption;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriBuilder;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The production {@link FlightProvider} for Duffel's Flights API v2 ({@code Duffel-Version: v2}, Bearer token, JSON
 * bodies wrapped as {@code {"data": …}}), over one {@link WebClient} with bounded connect/read timeouts and an overall
 * deadline per call.
 *
 * <h2>Offers</h2>
 * The provider-native payload is Duffel's offer object (the {@code data} of {@code GET /air/offers/{id}}, enveloped or
 * bare). Duffel has no pricing step for a selected offer, so {@link #price} re-reads the offer
 * ({@code GET /air/offers/{id}?return_available_services=true}) and answers it as it is now, or {@code OfferGone}.
 * Passenger names and loyalty accounts are applied with {@code PATCH /air/offers/{offer}/passengers/{passenger}};
 * identity documents (passport, KTN as {@code known_traveler_number}, redress number) have no offer-level home at
 * Duffel: the engine keeps them on the passenger and they travel with {@link OrderRequest.OrderPassenger} to
 * {@link #createOrder}, which sends the one document the offer accepts.
 *
 * <h2>Orders, and why there is never a blind second order</h2>
 * {@code POST /air/orders} carries {@code metadata.reference} = the engine's booking reference. <b>Duffel documents no
 * idempotency key</b> for order creation or payments (no {@code Idempotency-Key} header in its API reference, and none
 * of its official clients sends one), so none is sent and the request's {@code idempotencyKey} is not used:
 * duplicates are prevented by never retrying here and by reconciliation. Every answer that does not prove the outcome
 * — a 202, a timeout, a reset connection, a 429, a 5xx other than Duffel's {@code order_not_created} 502, an
 * unreadable 201, Duffel's {@code duplicate_booking} — is {@link OrderOutcome.Unknown}, and the caller must call
 * {@link #findOrderByReference} before anything else. Duffel guarantees no order and no payment for
 * {@code order_not_created} with a 502 ({@code Rejected}), for its validation errors ({@code Rejected}), for
 * {@code offer_no_longer_available}/{@code offer_expired} ({@code OfferGone}) and for {@code price_changed}
 * ({@code PriceChanged}).
 *
 * <p>On {@code price_changed} Duffel's error carries no amount, so the offer is re-read: the new total is the offer's
 * new {@code total_amount} plus the extras (seats, bags) at the prices the customer accepted
 * ({@code expectedTotal − old offer total}); {@code providerOrderId} is null because no Duffel order exists — the retry
 * is a fresh {@code POST /air/orders} from the re-priced offer. {@code expiresAt} is the offer's new expiry.
 *
 * <h2>Finding an order by our reference</h2>
 * Duffel's {@code GET /air/orders} filters by {@code booking_reference} (the airline PNR, which a lost answer never
 * told us), passenger name, owner, route, dates and {@code awaiting_payment} — <b>not by metadata</b>. So
 * {@link #findOrderByReference} lists the orders created in the last {@code order-lookup-window}
 * ({@code created_at[after]}), 200 a page, following Duffel's {@code after} cursor, and matches
 * {@code metadata.reference}; when the page limit is reached before the end it fails rather than answer "none".
 *
 * <h2>Logs</h2>
 * Logs and reasons carry the HTTP status, Duffel's error type/code, its request id and Duffel's own ids (orders,
 * offers, cancellations) — never the token, passenger data, booking references or bodies. Bodies are read and written
 * as bytes so that no codec logs them, even at DEBUG.
 */
public class DuffelFlightProvider implements FlightProvider {

    private static final Logger log = LoggerFactory.getLogger(DuffelFlightProvider.class);

    static final String API_VERSION = "v2";
    /** The metadata key our booking reference is stored under on every Duffel order. */
    static final String METADATA_REFERENCE = "reference";
    static final int PAGE_SIZE = 200;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final byte[] NO_BODY = new byte[0];

    private static final Set<String> OFFER_GONE = Set.of("offer_no_longer_available", "offer_expired");
    /** Codes that suggest an earlier attempt of ours may have succeeded: reconcile, never conclude. */
    private static final Set<String> MAYBE_ALREADY_DONE = Set.of("duplicate_booking");
    private static final Set<String> PAYMENT_MAYBE_ALREADY_DONE = Set.of("order_type_not_eligible_for_payment",
            "already_paid");

    private final WebClient webClient;
    private final Duration deadline;
    private final Clock clock;
    private final Duration orderLookupWindow;
    private final int orderLookupMaxPages;

    /** Talks to Duffel as {@code properties} say; refuses to start without an access token. */
    public DuffelFlightProvider(DuffelProperties properties, WebClient.Builder webClientBuilder, Clock clock) {
        String token = properties.requiredAccessToken();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.orderLookupWindow = properties.orderLookupWindow();
        this.orderLookupMaxPages = properties.orderLookupMaxPages();
        HttpClient httpClient = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.toIntExact(properties.connectTimeout().toMillis()))
                .responseTimeout(properties.readTimeout())
                .compress(true);
        this.webClient = webClientBuilder.clone()
                .baseUrl(properties.baseUrl().toString().replaceAll("/+$", ""))
                .clientConnector(new ReactorClientHttpConnector(httpClient))
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .defaultHeader("Duffel-Version", API_VERSION)
                .defaultHeader(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE)
                .build();
        // responseTimeout bounds each wait for data; this bounds the whole exchange (e.g. a trickling body).
        this.deadline = properties.connectTimeout().plus(properties.readTimeout());
    }

    @Override
    public ProviderId id() {
        return ProviderId.DUFFEL;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // offers

    @Override
    public NormalizedOffer normalize(JsonNode rawOffer) {
        return normalizeOffer(rawOffer);
    }

    /** The same normalization without an adapter (it is pure): what the sandbox simulator reads Duffel payloads with. */
    public static NormalizedOffer normalizeOffer(JsonNode rawOffer) {
        try {
            return DuffelPayloads.normalize(rawOffer);
        } catch (Malformed e) {
            throw new OfferPayloadException("The Duffel offer payload cannot be read", e.getMessage());
        }
    }

    /** Re-reads the offer: Duffel prices a selected offer when it is retrieved; there is no separate pricing call. */
    @Override
    public Mono<PricingOutcome> price(JsonNode rawOffer) {
        return Mono.defer(() -> {
            String offerId = offerId(rawOffer);
            return getOffer(offerId).map(this::pricing)
                    .onErrorResume(DuffelFlightProvider::transport,
                            e -> Mono.just(new PricingOutcome.Unknown(noAnswer("price offer " + offerId, e))));
        });
    }

    private PricingOutcome pricing(Answer answer) {
        if (answer.status() == 200 && answer.data().isObject()) {
            try {
                return new PricingOutcome.Priced(answer.data(), DuffelPayloads.normalize(answer.data()));
            } catch (Malformed e) {
                log.warn("Duffel answered an offer the adapter cannot read ({}): {}", answer.describe(),
                        e.getMessage());
                return new PricingOutcome.Unknown("duffel returned an unreadable offer: " + e.getMessage() + " "
                        + answer.requestIdSuffix());
            }
        }
        if (answer.status() == 404 || answer.hasAnyCode(OFFER_GONE)) {
            return new PricingOutcome.OfferGone(answer.describe());
        }
        if (answer.definiteRefusal()) {
            return new PricingOutcome.Rejected(answer.describe());
        }
        log.warn("Duffel did not price the offer: {}", answer.describe());
        return new PricingOutcome.Unknown(answer.describe());
    }

    /** {@code GET /air/seat_maps?offer_id=…}: one seat map per segment Duffel has one for; empty when it has none. */
    @Override
    public Mono<List<SeatMap>> seatMaps(JsonNode rawOffer) {
        return Mono.defer(() -> {
            String offerId = offerId(rawOffer);
            return send(HttpMethod.GET, uri -> uri.path("/air/seat_maps").queryParam("offer_id", offerId).build(),
                    null)
                    .map(answer -> {
                        JsonNode data = readData("seat maps", answer);
                        try {
                            return DuffelPayloads.seatMaps(data);
                        } catch (Malformed e) {
                            throw unreadable("seat maps", answer, e);
                        }
                    })
                    .onErrorMap(DuffelFlightProvider::transport, e -> unavailable("seat maps", e));
        });
    }

    /**
     * {@code PATCH /air/offers/{offer}/passengers/{passenger}} with the names ({@code given_name} includes the middle
     * name) and loyalty accounts; answers the offer with that passenger as Duffel now has it. Date of birth, gender,
     * KTN and identity documents are not offer-level data at Duffel: they are sent with the order, so an update with
     * only those answers the offer unchanged without calling Duffel. Duffel's refusal (e.g.
     * {@code invalid_loyalty_card}) is an {@link OfferPayloadException}; no answer is a
     * {@link DuffelUnavailableException}.
     */
    @Override
    public Mono<JsonNode> updatePassenger(JsonNode rawOffer, String providerPassengerId, OfferPassengerUpdate update) {
        return Mono.defer(() -> {
            Objects.requireNonNull(update, "update");
            JsonNode offer = offerObject(rawOffer);
            String offerId = offerId(offer);
            int index = passengerIndex(offer, providerPassengerId);
            ObjectNode body = passengerPatch(offer.path("passengers").get(index), update);
            if (body.isEmpty()) {
                return Mono.just((JsonNode) offer.deepCopy());
            }
            return send(HttpMethod.PATCH, uri -> uri.path("/air/offers/{offer}/passengers/{passenger}")
                    .build(offerId, providerPassengerId), body)
                    .map(answer -> {
                        if (answer.success() && answer.data().isObject()) {
                            ObjectNode updated = (ObjectNode) offer.deepCopy();
                            ObjectNode passenger = (ObjectNode) updated.path("passengers").get(index);
                            for (String field : List.of("given_name", "family_name", "loyalty_programme_accounts")) {
                                if (answer.data().has(field)) {
                                    passenger.set(field, answer.data().get(field).deepCopy());
                                }
                            }
                            return (JsonNode) updated;
                        }
                        if (answer.definiteRefusal()) {
                            log.info("Duffel refused an offer passenger update: {}", answer.describe());
                            throw new OfferPayloadException("Duffel refused the passenger update", answer.describe());
                        }
                        throw unavailable("offer passenger update", answer);
                    })
                    .onErrorMap(DuffelFlightProvider::transport, e -> unavailable("offer passenger update", e));
        });
    }

    private static ObjectNode passengerPatch(JsonNode current, OfferPassengerUpdate update) {
        ObjectNode body = NODES.objectNode();
        String givenName = givenName(update.firstName(), update.middleName());
        boolean names = givenName != null || update.lastName() != null;
        boolean loyalty = update.loyaltyProgrammeAccounts() != null && !update.loyaltyProgrammeAccounts().isEmpty();
        if (!names && !loyalty) {
            return body;
        }
        // Duffel's update takes both names; keep what the offer passenger already has for the one not changing.
        putIfPresent(body, "given_name", givenName != null ? givenName : current.path("given_name").asString(null));
        putIfPresent(body, "family_name", update.lastName() != null ? update.lastName()
                : current.path("family_name").asString(null));
        if (loyalty) {
            ArrayNode accounts = body.putArray("loyalty_programme_accounts");
            for (OfferPassengerUpdate.LoyaltyAccount account : update.loyaltyProgrammeAccounts()) {
                accounts.addObject().put("airline_iata_code", account.airlineIataCode())
                        .put("account_number", account.accountNumber());
            }
        }
        return body;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // orders

    /**
     * {@code POST /air/orders}: {@code type} instant (paid from the Duffel balance with {@code expectedTotal}, which
     * must be the offer plus every service and seat) or hold (no payment; Duffel books no services on holds, so a hold
     * with seats or services is refused here). Seats given without a Duffel service id are looked up in the offer's
     * seat maps first. See the class comment for the outcomes.
     *
     * <p>Not sent, on purpose: {@code idempotencyKey} (Duffel has none; see the class comment), {@code retryOrderId}
     * (a Duffel retry is a fresh order from the re-priced offer), and the passengers' loyalty accounts (Duffel's order
     * passenger has no such field: they reach Duffel through {@link #updatePassenger}, on the offer passenger the
     * order is made from). A passenger without an email or phone number gets the order contact's.
     */
    @Override
    public Mono<OrderOutcome> createOrder(OrderRequest request) {
        return Mono.defer(() -> {
            Objects.requireNonNull(request, "request");
            PreparedOrder prepared;
            try {
                prepared = prepare(request);
            } catch (Refusal refusal) {
                log.info("Duffel order not sent: {}", refusal.getMessage());
                return Mono.just((OrderOutcome) new OrderOutcome.Rejected(refusal.getMessage()));
            }
            return seatServices(request, prepared.offerId())
                    .flatMap(seatLines -> {
                        if (seatLines.refusal() != null) {
                            return Mono.just((OrderOutcome) new OrderOutcome.Rejected(seatLines.refusal()));
                        }
                        ObjectNode body = prepared.body();
                        if (!seatLines.lines().isEmpty()) {
                            ArrayNode services = body.has("services") ? (ArrayNode) body.get("services")
                                    : body.putArray("services");
                            seatLines.lines().forEach(services::add);
                        }
                        return send(HttpMethod.POST, uri -> uri.path("/air/orders").build(), body)
                                .flatMap(answer -> orderOutcome(answer, prepared))
                                .onErrorResume(DuffelFlightProvider::transport, e -> Mono.just(
                                        new OrderOutcome.Unknown(noAnswer("create order", e))));
                    })
                    // Only the seat-map lookup before the order can fail here: nothing was sent to create one.
                    .onErrorResume(DuffelRefusedException.class, e -> Mono.just(new OrderOutcome.Rejected(
                            "the seat maps needed to book the chosen seats were refused, so no order was sent: "
                                    + e.getMessage())))
                    .onErrorResume(e -> !(e instanceof Error), e -> Mono.just(new OrderOutcome.Unknown(
                            "the seat maps needed to book the chosen seats could not be read, so no order was sent: "
                                    + (e instanceof DuffelUnavailableException ? e.getMessage()
                                            : noAnswer("seat maps", e)))));
        });
    }

    private Mono<OrderOutcome> orderOutcome(Answer answer, PreparedOrder prepared) {
        if (answer.status() == 200 || answer.status() == 201) {
            try {
                ProviderOrder order = DuffelPayloads.providerOrder(answer.data());
                boolean held = "held".equals(order.status());
                log.info("Duffel order {} created (held={}) {}", order.providerOrderId(), held,
                        answer.requestIdSuffix());
                return Mono.just(new OrderOutcome.Created(order.providerOrderId(), order.bookingReference(),
                        order.total(), held, held ? order.paymentRequiredBy() : null));
            } catch (Malformed e) {
                log.warn("Duffel answered {} to an order but the order cannot be read: {} {}", answer.status(),
                        e.getMessage(), answer.requestIdSuffix());
                return Mono.just(new OrderOutcome.Unknown("duffel answered " + answer.status()
                        + " but the order cannot be read (" + e.getMessage() + ") " + answer.requestIdSuffix()));
            }
        }
        if (answer.status() == 202) {
            String orderId = answer.data().path("id").asString(null);
            log.warn("Duffel accepted the order without completing it: {}", answer.describe());
            return Mono.just(new OrderOutcome.Unknown("duffel accepted the order but has not completed it (202)"
                    + (orderId == null ? "" : ", order_id=" + safe(orderId)) + " " + answer.requestIdSuffix()));
        }
        if (answer.hasCode("price_changed")) {
            return priceChanged(answer, prepared);
        }
        if (answer.hasAnyCode(OFFER_GONE)) {
            log.info("Duffel order not created, offer gone: {}", answer.describe());
            return Mono.just(new OrderOutcome.OfferGone(answer.describe()));
        }
        if (answer.status() == 502 && answer.hasCode("order_not_created")) {
            log.info("Duffel order not created (Duffel guarantees no order and no payment): {}", answer.describe());
            return Mono.just(new OrderOutcome.Rejected("order_not_created: " + answer.describe()));
        }
        if (answer.hasAnyCode(MAYBE_ALREADY_DONE)) {
            log.warn("Duffel reports a duplicate booking, which may be our own: {}", answer.describe());
            return Mono.just(new OrderOutcome.Unknown(answer.describe()));
        }
        if (answer.definiteRefusal()) {
            log.info("Duffel refused the order: {}", answer.describe());
            return Mono.just(new OrderOutcome.Rejected(answer.describe()));
        }
        log.warn("Duffel order outcome unknown: {}", answer.describe());
        return Mono.just(new OrderOutcome.Unknown(answer.describe()));
    }

    /** Duffel's {@code price_changed} carries no amount: the offer is re-read for its new total and expiry. */
    private Mono<OrderOutcome> priceChanged(Answer answer, PreparedOrder prepared) {
        log.info("Duffel reports a price change: {}", answer.describe());
        return getOffer(prepared.offerId())
                .map(fresh -> {
                    if (fresh.status() == 200 && fresh.data().isObject()) {
                        try {
                            NormalizedOffer offer = DuffelPayloads.normalize(fresh.data());
                            Money newTotal = offer.total();
                            if (prepared.extras() != null && prepared.extras().currency().equals(newTotal.currency())) {
                                newTotal = newTotal.plus(prepared.extras());
                            }
                            return (OrderOutcome) new OrderOutcome.PriceChanged(newTotal, null, offer.expiresAt(),
                                    "Duffel reported price_changed; the offer now totals " + offer.total() + " "
                                            + answer.requestIdSuffix());
                        } catch (Malformed e) {
                            return new OrderOutcome.Rejected("price_changed, and the re-read offer cannot be read ("
                                    + e.getMessage() + ") " + answer.requestIdSuffix());
                        }
                    }
                    if (fresh.status() == 404 || fresh.hasAnyCode(OFFER_GONE)) {
                        return new OrderOutcome.OfferGone("price_changed, and the offer is gone: " + fresh.describe());
                    }
                    return new OrderOutcome.Rejected("price_changed; the new price could not be read: "
                            + fresh.describe());
                })
                .onErrorResume(DuffelFlightProvider::transport, e -> Mono.just(new OrderOutcome.Rejected(
                        "price_changed; the new price could not be read: " + noAnswer("re-read offer", e))));
    }

    /**
     * {@code POST /air/payments} for a held order, from the Duffel balance. Duffel documents no idempotency key for
     * payments either ({@code idempotencyKey} is not sent); an answer that does not prove the outcome is
     * {@link OrderOutcome.Unknown} — look the order up ({@link #findOrder}: {@code confirmed} once paid).
     */
    @Override
    public Mono<OrderOutcome> payHold(String providerOrderId, Money amount, String idempotencyKey) {
        return Mono.defer(() -> {
            Objects.requireNonNull(providerOrderId, "providerOrderId");
            Objects.requireNonNull(amount, "amount");
            ObjectNode body = NODES.objectNode();
            body.put("order_id", providerOrderId);
            body.putObject("payment").put("type", "balance").put("amount", amount.amount().toPlainString())
                    .put("currency", amount.currency().getCurrencyCode());
            return send(HttpMethod.POST, uri -> uri.path("/air/payments").build(), body)
                    .flatMap(answer -> paymentOutcome(answer, providerOrderId, amount))
                    .onErrorResume(DuffelFlightProvider::transport,
                            e -> Mono.just(new OrderOutcome.Unknown(noAnswer("pay hold " + providerOrderId, e))));
        });
    }

    private Mono<OrderOutcome> paymentOutcome(Answer answer, String orderId, Money amount) {
        if (answer.status() == 200 || answer.status() == 201) {
            log.info("Duffel payment for order {} made {}", orderId, answer.requestIdSuffix());
            // The payment is made; the order's booking reference and total come from the order itself.
            return fetchOrder(orderId)
                    .map(order -> (OrderOutcome) new OrderOutcome.Created(orderId, order.bookingReference(),
                            order.total(), false, null))
                    .onErrorResume(e -> !(e instanceof Error), e -> {
                        log.warn("Duffel order {} paid, but re-reading it failed: {}", orderId, e.getMessage());
                        return Mono.just(new OrderOutcome.Created(orderId, null, amount, false, null));
                    });
        }
        if (answer.status() == 202) {
            return Mono.just(new OrderOutcome.Unknown("duffel accepted the payment but has not completed it (202) "
                    + answer.requestIdSuffix()));
        }
        if (answer.hasCode("price_changed")) {
            log.info("Duffel reports a price change on hold {}: {}", orderId, answer.describe());
            return fetchOrder(orderId)
                    .map(order -> (OrderOutcome) new OrderOutcome.PriceChanged(order.total(), orderId,
                            order.priceGuaranteeExpiresAt() != null ? order.priceGuaranteeExpiresAt()
                                    : order.paymentRequiredBy(),
                            "Duffel reported price_changed; the order now totals " + order.total() + " "
                                    + answer.requestIdSuffix()))
                    .onErrorResume(e -> !(e instanceof Error), e -> Mono.just(new OrderOutcome.Rejected(
                            "price_changed; the order's new total could not be read: " + e.getMessage())));
        }
        if (answer.hasAnyCode(PAYMENT_MAYBE_ALREADY_DONE)) {
            log.warn("Duffel says order {} cannot take this payment, maybe already paid: {}", orderId,
                    answer.describe());
            return Mono.just(new OrderOutcome.Unknown(answer.describe()));
        }
        if (answer.definiteRefusal()) {
            log.info("Duffel refused the payment for order {}: {}", orderId, answer.describe());
            return Mono.just(new OrderOutcome.Rejected(answer.describe()));
        }
        log.warn("Duffel payment outcome unknown for order {}: {}", orderId, answer.describe());
        return Mono.just(new OrderOutcome.Unknown(answer.describe()));
    }

    /** {@code GET /air/orders/{id}}; empty on 404. */
    @Override
    public Mono<Optional<ProviderOrder>> findOrder(String providerOrderId) {
        return Mono.defer(() -> {
            Objects.requireNonNull(providerOrderId, "providerOrderId");
            return getOrder(providerOrderId)
                    .map(answer -> {
                        if (answer.status() == 404) {
                            return Optional.<ProviderOrder>empty();
                        }
                        return Optional.of(order(readData("order", answer), answer).order());
                    })
                    .onErrorMap(DuffelFlightProvider::transport, e -> unavailable("order", e));
        });
    }

    /** See the class comment: Duffel cannot filter by metadata, so recent orders are listed and matched. */
    @Override
    public Mono<Optional<ProviderOrder>> findOrderByReference(String reference) {
        return Mono.defer(() -> {
            Objects.requireNonNull(reference, "reference");
            String since = clock.instant().minus(orderLookupWindow).truncatedTo(ChronoUnit.SECONDS).toString();
            return ordersPage(reference, since, null, 1)
                    .onErrorMap(DuffelFlightProvider::transport, e -> unavailable("order list", e));
        });
    }

    private Mono<Optional<ProviderOrder>> ordersPage(String reference, String since, String after, int page) {
        return send(HttpMethod.GET, uri -> {
            UriBuilder builder = uri.path("/air/orders").queryParam("limit", PAGE_SIZE)
                    .queryParam("created_at[after]", since);
            if (after != null) {
                builder.queryParam("after", after);
            }
            return builder.build();
        }, null).flatMap(answer -> {
            JsonNode data = readData("order list", answer);
            if (!data.isArray()) {
                throw unavailable("order list", answer);
            }
            for (JsonNode order : data) {
                if (reference.equals(DuffelPayloads.reference(order))) {
                    return Mono.just(Optional.of(order(order, answer).order()));
                }
            }
            JsonNode next = answer.body().path("meta").path("after");
            if (!next.isString() || next.stringValue().isBlank()) {
                return Mono.just(Optional.<ProviderOrder>empty());
            }
            if (page >= orderLookupMaxPages) {
                log.warn("Duffel order lookup by reference stopped after {} pages without reaching the end", page);
                return Mono.error(new DuffelUnavailableException("looked through " + page + " pages of Duffel "
                        + "orders created since " + since + " without reaching the end; raise "
                        + "movmo.providers.duffel.order-lookup-max-pages"));
            }
            return ordersPage(reference, since, next.stringValue(), page + 1);
        });
    }

    // ---------------------------------------------------------------------------------------------------------------
    // cancellation

    /**
     * {@code POST /air/order_cancellations}: Duffel's pending cancellation, whose id is the quote id. Its refund may be
     * zero (non-refundable, or a hold awaiting payment) or null (Duffel could not get a figure from the airline). A
     * refusal (already cancelled, not cancellable) is a {@link DuffelRefusedException}; no answer a
     * {@link DuffelUnavailableException}. Creating a quote changes nothing until it is confirmed.
     */
    @Override
    public Mono<CancellationQuote> quoteCancellation(String providerOrderId) {
        return Mono.defer(() -> {
            Objects.requireNonNull(providerOrderId, "providerOrderId");
            ObjectNode body = NODES.objectNode().put("order_id", providerOrderId);
            return send(HttpMethod.POST, uri -> uri.path("/air/order_cancellations").build(), body)
                    .map(answer -> {
                        JsonNode cancellation = readData("order cancellation", answer);
                        try {
                            return new CancellationQuote(providerOrderId,
                                    DuffelPayloads.text(cancellation, "id", "id"),
                                    DuffelPayloads.optionalMoney(cancellation, "refund_amount", "refund_currency", ""),
                                    DuffelPayloads.optionalInstant(cancellation, "expires_at", "expires_at"));
                        } catch (Malformed e) {
                            throw unreadable("order cancellation", answer, e);
                        }
                    })
                    .onErrorMap(DuffelFlightProvider::transport, e -> unavailable("order cancellation", e));
        });
    }

    /**
     * {@code POST /air/order_cancellations/{quoteId}/actions/confirm}. Duffel cancels only through a quote, so one is
     * required. The refund is the confirmed cancellation's, else the quote's (null when neither has a figure).
     * Duffel's {@code already_cancelled} is {@code Unknown}: it may be this very confirmation whose answer was lost.
     */
    @Override
    public Mono<CancellationOutcome> confirmCancellation(String providerOrderId, CancellationQuote quote,
            String idempotencyKey) {
        return Mono.defer(() -> {
            Objects.requireNonNull(providerOrderId, "providerOrderId");
            if (quote == null || quote.quoteId() == null || quote.quoteId().isBlank()) {
                return Mono.just((CancellationOutcome) new CancellationOutcome.Refused(
                        "duffel cancels through a quote: call quoteCancellation first"));
            }
            if (quote.providerOrderId() != null && !quote.providerOrderId().equals(providerOrderId)) {
                return Mono.just((CancellationOutcome) new CancellationOutcome.Refused(
                        "the cancellation quote " + safe(quote.quoteId()) + " is for another order"));
            }
            return send(HttpMethod.POST, uri -> uri.path("/air/order_cancellations/{id}/actions/confirm")
                    .build(quote.quoteId()), null)
                    .map(answer -> cancellationOutcome(answer, providerOrderId, quote))
                    .onErrorResume(DuffelFlightProvider::transport, e -> Mono.just(new CancellationOutcome.Unknown(
                            noAnswer("confirm cancellation " + quote.quoteId(), e))));
        });
    }

    private static CancellationOutcome cancellationOutcome(Answer answer, String orderId, CancellationQuote quote) {
        if (answer.status() == 200 || answer.status() == 201) {
            Money refund;
            try {
                refund = DuffelPayloads.optionalMoney(answer.data(), "refund_amount", "refund_currency", "");
            } catch (Malformed e) {
                refund = null;
            }
            log.info("Duffel order {} cancelled {}", orderId, answer.requestIdSuffix());
            return new CancellationOutcome.Cancelled(orderId, refund != null ? refund : quote.refund());
        }
        if (answer.status() == 202 || answer.hasCode("already_cancelled")) {
            log.warn("Duffel cancellation of order {} not proven: {}", orderId, answer.describe());
            return new CancellationOutcome.Unknown(answer.describe());
        }
        if (answer.definiteRefusal()) {
            log.info("Duffel refused to cancel order {}: {}", orderId, answer.describe());
            return new CancellationOutcome.Refused(answer.describe());
        }
        log.warn("Duffel cancellation outcome unknown for order {}: {}", orderId, answer.describe());
        return new CancellationOutcome.Unknown(answer.describe());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // building the order

    /** The order body (without seat services still to be looked up), or a {@link Refusal} naming what is wrong. */
    private PreparedOrder prepare(OrderRequest request) {
        if (request.reference() == null || request.reference().isBlank()) {
            throw new Refusal("the order has no reference, so a lost answer could never be reconciled");
        }
        if (request.reference().length() > 500) {
            throw new Refusal("the reference is longer than Duffel's 500-character metadata limit");
        }
        JsonNode offer;
        String offerId;
        try {
            offer = DuffelPayloads.offerObject(request.rawOffer());
            offerId = DuffelPayloads.offerId(offer);
        } catch (Malformed e) {
            throw new Refusal("the offer payload cannot be read: " + e.getMessage());
        }
        ObjectNode body = NODES.objectNode();
        body.put("type", request.type() == OrderRequest.OrderType.HOLD ? "hold" : "instant");
        body.putArray("selected_offers").add(offerId);
        body.set("passengers", passengers(request, offer));
        body.putObject("metadata").put(METADATA_REFERENCE, request.reference());
        Money extras = null;
        if (request.type() == OrderRequest.OrderType.HOLD) {
            if (!nullToEmpty(request.services()).isEmpty() || !nullToEmpty(request.seats()).isEmpty()) {
                throw new Refusal("duffel books no services or seats with a hold order; hold without them, or book "
                        + "instantly");
            }
        } else {
            Money expected = request.expectedTotal();
            if (expected == null) {
                throw new Refusal("an instant order needs the expected total to pay");
            }
            Money offerTotal = offerTotal(offer);
            if (offerTotal != null) {
                if (!offerTotal.currency().equals(expected.currency())) {
                    throw new Refusal("the expected total is in " + expected.currency().getCurrencyCode()
                            + " but the offer is priced in " + offerTotal.currency().getCurrencyCode());
                }
                extras = expected.compareTo(offerTotal) >= 0 ? expected.minus(offerTotal) : null;
            }
            body.putArray("payments").addObject().put("type", "balance")
                    .put("amount", expected.amount().toPlainString())
                    .put("currency", expected.currency().getCurrencyCode());
            List<OrderRequest.ServiceChoice> services = nullToEmpty(request.services());
            if (!services.isEmpty()) {
                ArrayNode lines = body.putArray("services");
                for (int i = 0; i < services.size(); i++) {
                    OrderRequest.ServiceChoice service = services.get(i);
                    if (service.serviceId() == null || service.serviceId().isBlank() || service.quantity() < 1) {
                        throw new Refusal("services[" + i + "] needs a Duffel service id and a quantity of at least 1");
                    }
                    lines.addObject().put("id", service.serviceId()).put("quantity", service.quantity());
                }
            }
        }
        return new PreparedOrder(offerId, body, extras);
    }

    private static Money offerTotal(JsonNode offer) {
        try {
            return DuffelPayloads.optionalMoney(offer, "total_amount", "total_currency", "");
        } catch (Malformed e) {
            throw new Refusal("the offer payload cannot be read: " + e.getMessage());
        }
    }

    /**
     * Duffel's order passengers. Infants ride on an adult's lap and Duffel needs that adult to name them
     * ({@code infant_passenger_id}); the port does not say which adult, so infants are paired with the offer's adults
     * in order. Of the passenger's identity documents the one sent is the first the offer accepts (passport first):
     * Duffel takes one per passenger.
     */
    private static ArrayNode passengers(OrderRequest request, JsonNode offer) {
        List<OrderRequest.OrderPassenger> passengers = nullToEmpty(request.passengers());
        if (passengers.isEmpty()) {
            throw new Refusal("the order has no passengers");
        }
        List<String> adults = new ArrayList<>();
        List<String> infants = new ArrayList<>();
        for (JsonNode passenger : offer.path("passengers")) {
            String type = passenger.path("type").asString(null);
            int age = passenger.path("age").asInt(-1);
            String id = passenger.path("id").asString(null);
            if ("infant_without_seat".equals(type) || (type == null && age >= 0 && age < 2)) {
                infants.add(id);
            } else if ("adult".equals(type) || (type == null && age >= 18)) {
                adults.add(id);
            }
        }
        if (infants.size() > adults.size()) {
            throw new Refusal("the offer has more infants than adults to hold them");
        }
        List<String> supported = documentTypes(offer);
        boolean documentsRequired = offer.path("passenger_identity_documents_required").asBoolean(false);
        ArrayNode out = NODES.arrayNode();
        for (int i = 0; i < passengers.size(); i++) {
            OrderRequest.OrderPassenger passenger = passengers.get(i);
            String path = "passengers[" + i + "]";
            ObjectNode p = out.addObject();
            p.put("id", required(passenger.providerPassengerId(), path + ".id"));
            String gender = gender(passenger.gender(), path);
            p.put("title", title(passenger.title(), gender, path));
            p.put("given_name", required(givenName(passenger.firstName(), passenger.middleName()),
                    path + ".given_name"));
            p.put("family_name", required(passenger.lastName(), path + ".family_name"));
            if (passenger.dateOfBirth() == null) {
                throw new Refusal(path + ".born_on is missing");
            }
            p.put("born_on", passenger.dateOfBirth().toString());
            p.put("gender", gender);
            String email = passenger.email() != null ? passenger.email()
                    : request.contact() == null ? null : request.contact().email();
            String phone = passenger.phoneNumber() != null ? passenger.phoneNumber()
                    : request.contact() == null ? null : request.contact().phoneNumber();
            p.put("email", required(email, path + ".email"));
            p.put("phone_number", required(phone, path + ".phone_number"));
            int adultIndex = adults.indexOf(passenger.providerPassengerId());
            if (adultIndex >= 0 && adultIndex < infants.size()) {
                p.put("infant_passenger_id", infants.get(adultIndex));
            }
            OfferPassengerUpdate.TravelDocument document = document(passenger.identityDocuments(), supported);
            if (document != null) {
                ObjectNode d = p.putArray("identity_documents").addObject()
                        .put("type", document.type())
                        .put("unique_identifier", document.uniqueIdentifier());
                putIfPresent(d, "issuing_country_code", document.issuingCountryCode());
                putIfPresent(d, "expires_on", document.expiresOn() == null ? null : document.expiresOn().toString());
            } else if (documentsRequired) {
                throw new Refusal(path + " needs an identity document of a type the offer accepts " + supported);
            }
        }
        return out;
    }

    private static List<String> documentTypes(JsonNode offer) {
        JsonNode types = offer.has("supported_passenger_identity_document_types")
                ? offer.get("supported_passenger_identity_document_types")
                : offer.path("allowed_passenger_identity_document_types");
        List<String> out = new ArrayList<>();
        for (JsonNode type : types) {
            if (type.isString()) {
                out.add(type.stringValue());
            }
        }
        return out;
    }

    private static OfferPassengerUpdate.TravelDocument document(List<OfferPassengerUpdate.TravelDocument> documents,
            List<String> supported) {
        List<OfferPassengerUpdate.TravelDocument> usable = nullToEmpty(documents).stream()
                .filter(d -> d != null && d.type() != null && d.uniqueIdentifier() != null
                        && supported.contains(d.type()))
                .toList();
        return usable.stream().filter(d -> "passport".equals(d.type())).findFirst()
                .orElse(usable.isEmpty() ? null : usable.get(0));
    }

    private static String gender(String gender, String path) {
        if (gender == null) {
            throw new Refusal(path + ".gender is missing");
        }
        return switch (gender.trim().toLowerCase(Locale.ROOT)) {
            case "m", "male" -> "m";
            case "f", "female" -> "f";
            default -> throw new Refusal(path + ".gender must be m or f for Duffel");
        };
    }

    /** Duffel's titles (mr, ms, mrs, miss, dr); absent, it follows the gender (mr, ms). */
    private static String title(String title, String gender, String path) {
        if (title == null || title.isBlank()) {
            return "m".equals(gender) ? "mr" : "ms";
        }
        String normalized = title.trim().toLowerCase(Locale.ROOT).replace(".", "");
        if (!Set.of("mr", "ms", "mrs", "miss", "dr").contains(normalized)) {
            throw new Refusal(path + ".title must be one of mr, ms, mrs, miss, dr for Duffel");
        }
        return normalized;
    }

    /** Seat choices as Duffel service lines; seats without a service id are found in the offer's seat maps. */
    private Mono<SeatLines> seatServices(OrderRequest request, String offerId) {
        List<OrderRequest.SeatChoice> seats = nullToEmpty(request.seats());
        if (seats.isEmpty()) {
            return Mono.just(new SeatLines(List.of(), null));
        }
        boolean lookup = seats.stream().anyMatch(s -> s.serviceId() == null || s.serviceId().isBlank());
        Mono<JsonNode> maps = !lookup ? Mono.just(NODES.arrayNode())
                : send(HttpMethod.GET, uri -> uri.path("/air/seat_maps").queryParam("offer_id", offerId).build(),
                        null).map(answer -> readData("seat maps", answer));
        return maps.map(data -> {
            List<ObjectNode> lines = new ArrayList<>();
            for (int i = 0; i < seats.size(); i++) {
                OrderRequest.SeatChoice seat = seats.get(i);
                String serviceId = seat.serviceId();
                if (serviceId == null || serviceId.isBlank()) {
                    if (seat.segmentId() == null || seat.seatNumber() == null || seat.providerPassengerId() == null) {
                        return new SeatLines(List.of(), "seats[" + i + "] needs a segment, a seat number and a "
                                + "passenger, or a Duffel service id");
                    }
                    serviceId = DuffelPayloads.seatServiceId(data, seat.segmentId(), seat.seatNumber(),
                            seat.providerPassengerId());
                    if (serviceId == null) {
                        return new SeatLines(List.of(), "seat_unavailable: seat " + safe(seat.seatNumber())
                                + " on segment " + safe(seat.segmentId()) + " is not for sale to passenger "
                                + safe(seat.providerPassengerId()));
                    }
                }
                lines.add(NODES.objectNode().put("id", serviceId).put("quantity", 1));
            }
            return new SeatLines(lines, null);
        });
    }

    // ---------------------------------------------------------------------------------------------------------------
    // HTTP

    private Mono<Answer> getOffer(String offerId) {
        return send(HttpMethod.GET, uri -> uri.path("/air/offers/{id}").queryParam("return_available_services", true)
                .build(offerId), null);
    }

    private Mono<Answer> getOrder(String orderId) {
        return send(HttpMethod.GET, uri -> uri.path("/air/orders/{id}").build(orderId), null);
    }

    /** The order, or an error (404 included): for re-reading an order we know exists. */
    private Mono<OrderView> fetchOrder(String orderId) {
        return getOrder(orderId).map(answer -> order(readData("order", answer), answer));
    }

    private static OrderView order(JsonNode data, Answer answer) {
        try {
            ProviderOrder order = DuffelPayloads.providerOrder(data);
            Instant guarantee = data.path("payment_status").isObject()
                    ? DuffelPayloads.optionalInstant(data.path("payment_status"), "price_guarantee_expires_at",
                            "payment_status.price_guarantee_expires_at")
                    : null;
            return new OrderView(order, guarantee);
        } catch (Malformed e) {
            throw unreadable("order", answer, e);
        }
    }

    /**
     * One exchange: the body (wrapped as {@code {"data": …}}) written as bytes and the answer read as bytes, so no
     * codec ever logs either; bounded by the connect + read deadline.
     */
    private Mono<Answer> send(HttpMethod method, Function<UriBuilder, URI> uri, JsonNode data) {
        return Mono.defer(() -> {
            WebClient.RequestBodySpec request = webClient.method(method).uri(uri);
            WebClient.RequestHeadersSpec<?> spec = request;
            if (data != null) {
                ObjectNode envelope = NODES.objectNode();
                envelope.set("data", data);
                spec = request.contentType(MediaType.APPLICATION_JSON).bodyValue(JSON.writeValueAsBytes(envelope));
            }
            return spec.exchangeToMono(response -> response.bodyToMono(byte[].class)
                    .defaultIfEmpty(NO_BODY)
                    .map(bytes -> Answer.of(response, bytes)));
        }).timeout(deadline);
    }

    /** The {@code data} of a successful answer; a refusal or an unusable answer as the matching exception. */
    private static JsonNode readData(String what, Answer answer) {
        if (answer.status() == 200 || answer.status() == 201) {
            JsonNode data = answer.data();
            if (data.isMissingNode() || data.isNull()) {
                throw unavailable(what, answer);
            }
            return data;
        }
        if (answer.definiteRefusal()) {
            log.info("Duffel refused the {} request: {}", what, answer.describe());
            throw new DuffelRefusedException(answer.status(), answer.primaryCode(), "duffel refused the " + what
                    + " request: " + answer.describe());
        }
        throw unavailable(what, answer);
    }

    private static DuffelUnavailableException unavailable(String what, Answer answer) {
        log.warn("Duffel gave no usable {} answer: {}", what, answer.describe());
        return new DuffelUnavailableException("no usable " + what + " answer from Duffel: " + answer.describe());
    }

    private static DuffelUnavailableException unreadable(String what, Answer answer, Malformed e) {
        log.warn("Duffel answered a {} the adapter cannot read: {} {}", what, e.getMessage(), answer.requestIdSuffix());
        return new DuffelUnavailableException("duffel answered a " + what + " the adapter cannot read: "
                + e.getMessage() + " " + answer.requestIdSuffix());
    }

    private static DuffelUnavailableException unavailable(String what, Throwable e) {
        return new DuffelUnavailableException(noAnswer(what, e));
    }

    /** Failures of the exchange itself (timeouts, resets, refused connections), not our own typed answers. */
    private static boolean transport(Throwable e) {
        return !(e instanceof DuffelUnavailableException || e instanceof DuffelRefusedException
                || e instanceof OfferPayloadException || e instanceof Error);
    }

    private static String noAnswer(String what, Throwable e) {
        String cause = NestedExceptionUtils.getMostSpecificCause(e).getClass().getSimpleName();
        log.warn("No answer from Duffel ({}): {}", what, cause);
        return "no answer from Duffel (" + cause + ")";
    }

    private static JsonNode offerObject(JsonNode rawOffer) {
        try {
            return DuffelPayloads.offerObject(rawOffer);
        } catch (Malformed e) {
            throw new OfferPayloadException("The Duffel offer payload cannot be read", e.getMessage());
        }
    }

    private static String offerId(JsonNode rawOffer) {
        try {
            return DuffelPayloads.offerId(rawOffer);
        } catch (Malformed e) {
            throw new OfferPayloadException("The Duffel offer payload cannot be read", e.getMessage());
        }
    }

    private static int passengerIndex(JsonNode offer, String passengerId) {
        JsonNode passengers = offer.path("passengers");
        for (int i = 0; i < passengers.size(); i++) {
            if (passengerId != null && passengerId.equals(passengers.get(i).path("id").asString(null))) {
                return i;
            }
        }
        throw new OfferPayloadException("The Duffel offer has no such passenger",
                "passengers has no passenger with id " + safe(String.valueOf(passengerId)));
    }

    private static String givenName(String first, String middle) {
        if (first == null || first.isBlank()) {
            return null;
        }
        return middle == null || middle.isBlank() ? first.trim() : first.trim() + " " + middle.trim();
    }

    private static String required(String value, String path) {
        if (value == null || value.isBlank()) {
            throw new Refusal(path + " is missing");
        }
        return value;
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static <T> List<T> nullToEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    /** Duffel ids and codes as they may appear in reasons: word characters only, bounded. */
    static String safe(String value) {
        if (value == null) {
            return "null";
        }
        String cleaned = value.replaceAll("[^A-Za-z0-9_.:\\-]", "?");
        return cleaned.length() > 80 ? cleaned.substring(0, 80) : cleaned;
    }

    /** What the engine asked for was not sendable to Duffel; no call was made. */
    private static final class Refusal extends RuntimeException {

        Refusal(String message) {
            super(message, null, false, false);
        }
    }

    private record PreparedOrder(String offerId, ObjectNode body, Money extras) {}

    private record SeatLines(List<ObjectNode> lines, String refusal) {}

    private record OrderView(ProviderOrder order, Instant priceGuaranteeExpiresAt) {

        String bookingReference() {
            return order.bookingReference();
        }

        Money total() {
            return order.total();
        }

        Instant paymentRequiredBy() {
            return order.paymentRequiredBy();
        }
    }

    /** A Duffel answer: status, the parsed body (null when unreadable), request id and rate-limit reset. */
    record Answer(int status, JsonNode body, String requestId, String rateLimitReset) {

        static Answer of(ClientResponse response, byte[] bytes) {
            JsonNode body = null;
            if (bytes.length > 0) {
                try {
                    body = JSON.readTree(bytes);
                } catch (JacksonException e) {
                    body = null;
                }
            }
            String requestId = body == null ? null : body.path("meta").path("request_id").asString(null);
            if (requestId == null) {
                requestId = response.headers().asHttpHeaders().getFirst("x-request-id");
            }
            return new Answer(response.statusCode().value(), body, requestId,
                    response.headers().asHttpHeaders().getFirst("ratelimit-reset"));
        }

        boolean success() {
            return status >= 200 && status < 300;
        }

        /** A 4xx other than 429: Duffel refused this request as made; the same request will be refused again. */
        boolean definiteRefusal() {
            return status >= 400 && status < 500 && status != 429;
        }

        JsonNode data() {
            return body == null ? DuffelPayloads.NODES.missingNode() : body.path("data");
        }

        boolean hasCode(String code) {
            if (body == null) {
                return false;
            }
            for (JsonNode error : body.path("errors")) {
                if (code.equals(error.path("code").asString(null))) {
                    return true;
                }
            }
            return false;
        }

        boolean hasAnyCode(Set<String> codes) {
            return codes.stream().anyMatch(this::hasCode);
        }

        String primaryCode() {
            String code = body == null ? null : body.path("errors").path(0).path("code").asString(null);
            return code == null ? String.valueOf(status) : safe(code);
        }

        private String primaryType() {
            return body == null ? null : body.path("errors").path(0).path("type").asString(null);
        }

        String requestIdSuffix() {
            return "(request_id=" + safe(requestId) + ")";
        }

        /** {@code duffel answered 422 validation_error/price_changed (request_id=…)}: status, type, code, ids only. */
        String describe() {
            StringBuilder text = new StringBuilder("duffel answered ").append(status);
            String type = primaryType();
            String code = body == null ? null : body.path("errors").path(0).path("code").asString(null);
            if (type != null || code != null) {
                text.append(' ').append(safe(type)).append('/').append(safe(code));
            } else if (body == null && status >= 300) {
                text.append(" without a Duffel error body");
            }
            if (status == 429) {
                String reset = rateLimitReset == null ? "unknown"
                        : rateLimitReset.replaceAll("[^A-Za-z0-9 ,:+\\-]", "?");
                text.append(" (retry after ratelimit-reset=").append(reset).append(')');
            }
            return text.append(' ').append(requestIdSuffix()).toString();
        }
    }
}
