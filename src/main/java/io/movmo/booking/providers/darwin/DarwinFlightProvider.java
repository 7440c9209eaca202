package io.movmo.booking.providers.darwin;

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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Darwin adapter, to the contract in {@code docs/providers/darwin.md} (darwin-v1): the offer is Darwin's
 * availability-response object; a booking is one {@code POST /v1/bookings} that creates and tickets (no pricing step,
 * no holds, no two-phase retry); the engine's booking id travels as {@code client_reference} and finds the booking
 * again; cancellation is one step and refunds nothing ({@code supports_refunds: false}).
 *
 * <p>Creating and cancelling are never retried here. A timeout, a 202, a 429 or a 5xx is an unknown outcome; so is any
 * answer that does not say for certain whether a booking exists. Logs name the operation, Darwin's status, error code
 * and request id: never the key, a body or passenger data.
 */
public class DarwinFlightProvider implements FlightProvider {

    private static final Logger log = LoggerFactory.getLogger(DarwinFlightProvider.class);

    static final String REQUEST_ID_HEADER = "X-Request-Id";

    /** Darwin's error codes and what each says about an order (docs/providers/darwin.md §6). */
    enum Meaning { PRICE_CHANGED, GONE, REJECTED, UNKNOWN }

    static final Map<String, Meaning> ORDER_ERRORS = Map.ofEntries(
            Map.entry("PRICE_CHANGED", Meaning.PRICE_CHANGED),
            Map.entry("SOLD_OUT", Meaning.GONE),
            Map.entry("OFFER_EXPIRED", Meaning.GONE),
            Map.entry("OFFER_NOT_FOUND", Meaning.GONE),
            Map.entry("VALIDATION_ERROR", Meaning.REJECTED),
            Map.entry("SEAT_UNAVAILABLE", Meaning.REJECTED),
            Map.entry("UNAUTHORIZED", Meaning.REJECTED),
            Map.entry("FORBIDDEN", Meaning.REJECTED),
            Map.entry("DUPLICATE_CLIENT_REFERENCE", Meaning.UNKNOWN),
            Map.entry("IDEMPOTENCY_KEY_MISMATCH", Meaning.UNKNOWN),
            Map.entry("RATE_LIMITED", Meaning.UNKNOWN));

    private static final Set<String> CONFIRMED = Set.of("ticketed", "ticketing");

    private final ProviderHttp http;
    private final Duration readTimeout;
    private final Duration bookingTimeout;
    private final JsonMapper json = JsonMapper.builder().build();
    private final ProviderAnswers<DarwinApiException> answers =
            new ProviderAnswers<>("Darwin", log, json, DarwinApiException::new, DarwinApiException::new);

    public DarwinFlightProvider(DarwinProperties properties, WebClient.Builder webClientBuilder) {
        String apiKey = properties.requiredApiKey();
        this.http = new ProviderHttp(properties.requiredBaseUrl(), properties.connectTimeout(),
                headers -> headers.set(HttpHeaders.AUTHORIZATION, "Bearer " + apiKey), REQUEST_ID_HEADER,
                webClientBuilder);
        this.readTimeout = properties.readTimeout();
        this.bookingTimeout = properties.bookingTimeout();
    }

    @Override
    public ProviderId id() {
        return ProviderId.DARWIN;
    }

    @Override
    public NormalizedOffer normalize(JsonNode rawOffer) {
        return normalizeOffer(rawOffer);
    }

    /** The same normalization without an adapter (it is pure): what the sandbox simulator reads Darwin payloads with. */
    public static NormalizedOffer normalizeOffer(JsonNode rawOffer) {
        return DarwinAvailabilityResponse.read(rawOffer).offer();
    }

    /** Darwin has no pricing step: the offer is priced as it is (its own expiry bounds it). */
    @Override
    public Mono<PricingOutcome> price(JsonNode rawOffer) {
        return Mono.fromCallable(() -> new PricingOutcome.Priced(rawOffer, normalize(rawOffer)));
    }

    /** {@code GET /v1/offers/{offer_id}/seat-maps}; no call when no fare of the offer allows seat selection. */
    @Override
    public Mono<List<SeatMap>> seatMaps(JsonNode rawOffer) {
        return Mono.defer(() -> {
            DarwinAvailabilityResponse offer = DarwinAvailabilityResponse.read(rawOffer);
            if (offer.seatSelectableSegmentIds().isEmpty()) {
                return Mono.just(List.<SeatMap>of());
            }
            String operation = "seat maps";
            return http.get(uri -> uri.path("/v1/offers/{offer_id}/seat-maps").build(offer.offer().providerOfferId()),
                            readTimeout)
                    .onErrorMap(e -> noAnswer(operation, e))
                    .map(answer -> answers.readOk(operation, answer,
                            body -> seatMaps(body, offer.seatSelectableSegmentIds(), answer)));
        });
    }

    /**
     * Darwin keeps KTNs, loyalty accounts and identity documents on the booking, not on the offer: they travel with
     * {@code POST /v1/bookings}. The offer payload answers unchanged once the passenger is found in it.
     */
    @Override
    public Mono<JsonNode> updatePassenger(JsonNode rawOffer, String providerPassengerId, OfferPassengerUpdate update) {
        return Mono.fromCallable(() -> {
            if (!DarwinAvailabilityResponse.read(rawOffer).passengerIds().contains(providerPassengerId)) {
                throw new OfferPayloadException("The Darwin offer has no such passenger",
                        "passengers: no passenger of this offer has the id " + providerPassengerId);
            }
            return rawOffer;
        });
    }

    /** {@code POST /v1/bookings}: creates and tickets in one step, under {@code Idempotency-Key}. */
    @Override
    public Mono<OrderOutcome> createOrder(OrderRequest request) {
        return Mono.defer(() -> {
            Objects.requireNonNull(request.idempotencyKey(), "idempotencyKey");
            Objects.requireNonNull(request.reference(), "reference");
            DarwinBookingRequest body;
            try {
                body = bookingRequest(request);
            } catch (OrderRefusal refusal) {
                log.info("Darwin booking not sent for {}: {}", request.reference(), refusal.getMessage());
                return Mono.just(new OrderOutcome.Rejected(refusal.getMessage()));
            }
            return http.post(uri -> uri.path("/v1/bookings").build(), json.writeValueAsBytes(body),
                            request.idempotencyKey(), bookingTimeout)
                    .map(answer -> orderOutcome(answer, request))
                    .onErrorResume(e -> Mono.just(unknown("booking", e)));
        });
    }

    /** Darwin holds nothing ({@code supports_hold_booking: false}): there is never a held order to pay. */
    @Override
    public Mono<OrderOutcome> payHold(String providerOrderId, Money amount, String idempotencyKey) {
        return Mono.just(new OrderOutcome.Rejected("Darwin does not hold orders (supports_hold_booking: false)"));
    }

    /** {@code GET /v1/bookings/{booking_id}}; empty on {@code BOOKING_NOT_FOUND}. */
    @Override
    public Mono<Optional<ProviderOrder>> findOrder(String providerOrderId) {
        String operation = "booking retrieval";
        return http.get(uri -> uri.path("/v1/bookings/{booking_id}").build(providerOrderId), readTimeout)
                .onErrorMap(e -> noAnswer(operation, e))
                .map(answer -> answers.readOkOrNotFound(operation, answer, body -> order(body.object("booking"))));
    }

    /** {@code GET /v1/bookings?client_reference=…}: Darwin keeps client references unique, so zero or one. */
    @Override
    public Mono<Optional<ProviderOrder>> findOrderByReference(String reference) {
        String operation = "booking search";
        return http.get(uri -> uri.path("/v1/bookings").queryParam("client_reference", "{reference}").build(reference),
                        readTimeout)
                .onErrorMap(e -> noAnswer(operation, e))
                .map(answer -> {
                    List<ProviderOrder> bookings = answers.readOk(operation, answer,
                            body -> body.array("data").stream().map(DarwinFlightProvider::order).toList());
                    if (bookings.size() > 1) {
                        throw new DarwinApiException(operation, bookings.size() + " bookings carry one client_reference",
                                answer.requestId());
                    }
                    if (bookings.isEmpty()) {
                        return Optional.<ProviderOrder>empty();
                    }
                    ProviderOrder order = bookings.get(0);
                    if (!reference.equals(order.reference())) {
                        throw new DarwinApiException(operation, "the booking found carries another client_reference",
                                answer.requestId());
                    }
                    return Optional.of(order);
                });
    }

    /**
     * Darwin has no quote step and refunds nothing ({@code supports_refunds: false}): the quote is a zero refund in the
     * booking's currency, read from the booking itself.
     */
    @Override
    public Mono<CancellationQuote> quoteCancellation(String providerOrderId) {
        return findOrder(providerOrderId).map(order -> order
                .map(o -> new CancellationQuote(o.providerOrderId(), null, Money.zero(o.total().currency()), null))
                .orElseThrow(() -> new DarwinApiException("cancellation quote", 404, "BOOKING_NOT_FOUND", null)));
    }

    /** {@code POST /v1/bookings/{booking_id}/cancel}, under {@code Idempotency-Key}; the refund is always zero. */
    @Override
    public Mono<CancellationOutcome> confirmCancellation(String providerOrderId, CancellationQuote quote,
            String idempotencyKey) {
        return Mono.defer(() -> {
            Objects.requireNonNull(idempotencyKey, "idempotencyKey");
            return http.post(uri -> uri.path("/v1/bookings/{booking_id}/cancel").build(providerOrderId),
                            "{}".getBytes(StandardCharsets.UTF_8), idempotencyKey, bookingTimeout)
                    .map(answer -> cancellationOutcome(answer, providerOrderId))
                    .onErrorResume(e -> Mono.just(new CancellationOutcome.Unknown(noAnswerReason("cancellation", e))));
        });
    }

    // ---- booking request -------------------------------------------------------------------------------------------

    private DarwinBookingRequest bookingRequest(OrderRequest request) {
        if (request.type() == OrderRequest.OrderType.HOLD) {
            throw new OrderRefusal("Darwin does not hold orders (supports_hold_booking: false)");
        }
        if (request.retryOrderId() != null) {
            throw new OrderRefusal("Darwin has no two-phase orders: after a price change, book a fresh availability "
                    + "response");
        }
        if (request.services() != null && !request.services().isEmpty()) {
            throw new OrderRefusal("Darwin sells no services with a booking (supports_bag_selection: false)");
        }
        DarwinAvailabilityResponse offer;
        try {
            offer = DarwinAvailabilityResponse.read(request.rawOffer());
        } catch (OfferPayloadException e) {
            throw new OrderRefusal("the offer payload is invalid: " + e.details());
        }
        Money expected = Objects.requireNonNull(request.expectedTotal(), "expectedTotal");
        if (!expected.currency().equals(offer.offer().total().currency())) {
            throw new OrderRefusal("the expected total is in " + expected.currency() + " but the offer is priced in "
                    + offer.offer().total().currency());
        }
        List<OrderRequest.OrderPassenger> passengers = request.passengers() == null ? List.of() : request.passengers();
        OrderRefusal.requireEachNamedOnce(passengers, offer.passengerIds(), "passenger", "offer");
        List<OrderRequest.SeatChoice> seats = request.seats() == null ? List.of() : request.seats();
        for (OrderRequest.SeatChoice seat : seats) {
            if (!offer.seatSelectableSegmentIds().contains(seat.segmentId())) {
                throw new OrderRefusal("segment " + seat.segmentId() + " allows no seat selection in this offer");
            }
            if (!offer.passengerIds().contains(seat.providerPassengerId())) {
                throw new OrderRefusal("seat " + seat.seatNumber() + " names a passenger not in the offer");
            }
        }
        OrderRequest.Contact contact = request.contact();
        return new DarwinBookingRequest(
                offer.offer().providerOfferId(),
                offer.availabilityId(),
                request.reference(),
                DecimalAmount.of(expected),
                passengers.stream().map(DarwinFlightProvider::passenger).toList(),
                seats.stream().map(seat -> new DarwinBookingRequest.Seat(seat.segmentId(), seat.providerPassengerId(),
                        seat.seatNumber(), seat.price() == null ? null : DecimalAmount.of(seat.price())))
                        .toList(),
                contact == null ? null : new DarwinBookingRequest.Contact(contact.email(), contact.phoneNumber()));
    }

    private static DarwinBookingRequest.Passenger passenger(OrderRequest.OrderPassenger p) {
        List<DarwinBookingRequest.Document> documents = p.identityDocuments() == null ? List.of()
                : p.identityDocuments().stream().map(d -> new DarwinBookingRequest.Document(d.type(),
                        d.uniqueIdentifier(), d.issuingCountryCode(),
                        d.expiresOn() == null ? null : d.expiresOn().toString())).toList();
        List<DarwinBookingRequest.LoyaltyAccount> loyalty = p.loyaltyProgrammeAccounts() == null ? List.of()
                : p.loyaltyProgrammeAccounts().stream()
                        .map(a -> new DarwinBookingRequest.LoyaltyAccount(a.airlineIataCode(), a.accountNumber()))
                        .toList();
        return new DarwinBookingRequest.Passenger(
                p.providerPassengerId(),
                p.title() == null ? null : p.title().toLowerCase(Locale.ROOT),
                p.firstName(),
                p.middleName(),
                p.lastName(),
                p.dateOfBirth() == null ? null : p.dateOfBirth().toString(),
                p.gender(),
                p.email(),
                p.phoneNumber(),
                documents,
                loyalty);
    }

    // ---- answers ---------------------------------------------------------------------------------------------------

    private OrderOutcome orderOutcome(Answer answer, OrderRequest request) {
        int status = answer.status();
        if (status == 200 || status == 201) {
            return createdBooking(answer, request);
        }
        if (status == 202) {
            log.warn("Darwin booking answered 202: still ticketing (request {})", answer.requestId());
            return new OrderOutcome.Unknown("Darwin answered 202: it accepted the booking and is still ticketing it"
                    + requestSuffix(answer));
        }
        ProviderError error = answers.error(answer);
        Meaning meaning = error.code() == null ? null : ORDER_ERRORS.get(error.code());
        if (meaning == null) {
            meaning = status == 400 || status == 401 || status == 403 || status == 422 ? Meaning.REJECTED
                    : status == 404 || status == 410 ? Meaning.GONE : Meaning.UNKNOWN;
        }
        log.warn("Darwin booking answered {} {} (request {})", status, error.code(), answer.requestId());
        String what = "Darwin answered " + status + (error.code() == null ? "" : " " + error.code());
        return switch (meaning) {
            case PRICE_CHANGED -> priceChanged(error, request, what + " without a readable new_total"
                    + requestSuffix(answer));
            case GONE -> new OrderOutcome.OfferGone(what + requestSuffix(answer));
            case REJECTED -> new OrderOutcome.Rejected(what + error.fieldIssues() + requestSuffix(answer));
            case UNKNOWN -> new OrderOutcome.Unknown(what + requestSuffix(answer));
        };
    }

    private OrderOutcome createdBooking(Answer answer, OrderRequest request) {
        ProviderOrder order;
        try {
            order = answers.parse("booking", answer, body -> order(body.object("booking")));
        } catch (DarwinApiException e) {
            return new OrderOutcome.Unknown("Darwin answered " + answer.status() + " with an unreadable booking"
                    + requestSuffix(answer));
        }
        if (!request.reference().equals(order.reference())) {
            log.warn("Darwin booking answered a booking with another client_reference (request {})",
                    answer.requestId());
            return new OrderOutcome.Unknown("Darwin answered a booking that carries another client_reference"
                    + requestSuffix(answer));
        }
        if (!order.status().equals("confirmed") || order.bookingReference() == null) {
            log.warn("Darwin booking answered {} with booking status {} (request {})", answer.status(), order.status(),
                    answer.requestId());
            return new OrderOutcome.Unknown("Darwin answered booking " + order.providerOrderId() + " as "
                    + order.status() + requestSuffix(answer));
        }
        log.info("Darwin booked {} for {} (request {})", order.providerOrderId(), request.reference(),
                answer.requestId());
        return new OrderOutcome.Created(order.providerOrderId(), order.bookingReference(), order.total(), false, null);
    }

    /** {@code 409 PRICE_CHANGED}: no booking was made; {@code unreadable} is the outcome when new_total cannot be read. */
    private static OrderOutcome priceChanged(ProviderError error, OrderRequest request, String unreadable) {
        try {
            Money newTotal = error.body().amountObject("new_total");
            return new OrderOutcome.PriceChanged(newTotal, null, null, "Darwin now prices the booking at " + newTotal
                    + " instead of " + request.expectedTotal());
        } catch (RuntimeException e) {
            return new OrderOutcome.Unknown(unreadable);
        }
    }

    private CancellationOutcome cancellationOutcome(Answer answer, String providerOrderId) {
        int status = answer.status();
        String operation = "cancellation";
        if (status == 200) {
            ProviderOrder order;
            try {
                order = answers.parse(operation, answer, body -> order(body.object("booking")));
            } catch (DarwinApiException e) {
                return new CancellationOutcome.Unknown("Darwin answered 200 with an unreadable booking"
                        + requestSuffix(answer));
            }
            if (!order.status().equals("cancelled")) {
                return new CancellationOutcome.Unknown("Darwin answered booking " + order.providerOrderId() + " as "
                        + order.status() + requestSuffix(answer));
            }
            log.info("Darwin cancelled {} (request {})", providerOrderId, answer.requestId());
            return new CancellationOutcome.Cancelled(order.providerOrderId(), Money.zero(order.total().currency()));
        }
        ProviderError error = answers.error(answer);
        log.warn("Darwin cancellation answered {} {} (request {})", status, error.code(), answer.requestId());
        String what = "Darwin answered " + status + (error.code() == null ? "" : " " + error.code())
                + requestSuffix(answer);
        // Only a 4xx says nothing was cancelled, and not all of them: a 429 was not processed, a reused key may have been.
        boolean refused = status >= 400 && status < 500 && status != 429
                && !"IDEMPOTENCY_KEY_MISMATCH".equals(error.code()) && !"RATE_LIMITED".equals(error.code());
        return refused ? new CancellationOutcome.Refused(what) : new CancellationOutcome.Unknown(what);
    }

    /** A booking object (docs §5.3) as the port's order. */
    private static ProviderOrder order(PayloadNode booking) {
        String status = booking.textIn("status", Set.of("pending", "ticketing", "ticketed", "cancelled"));
        return new ProviderOrder(
                booking.text("id"),
                booking.optionalText("pnr"),
                booking.text("client_reference"),
                CONFIRMED.contains(status) ? "confirmed" : status,
                booking.amountObject("total"),
                null);
    }

    private static List<SeatMap> seatMaps(PayloadNode body, Set<String> seatSelectable, Answer answer) {
        List<SeatMap> maps = new ArrayList<>();
        for (PayloadNode map : body.array("data")) {
            String segmentId = map.text("segment_id");
            if (!seatSelectable.contains(segmentId)) {
                throw new DarwinApiException("seat maps", "a seat map names a segment that allows no seat selection",
                        answer.requestId());
            }
            Map<String, SeatMap.Seat> seats = new LinkedHashMap<>();
            Map<String, SeatMap.SeatPrice> pricing = new LinkedHashMap<>();
            for (PayloadNode row : map.nonEmptyArray("rows")) {
                String rowNumber = row.text("row");
                for (PayloadNode seat : row.nonEmptyArray("seats")) {
                    String designator = seat.text("designator");
                    String status = seat.textIn("status", Set.of("available", "occupied", "blocked"));
                    seats.put(designator, new SeatMap.Seat(designator, rowNumber, seat.text("column"),
                            status.equals("available"), status.equals("occupied"), status.equals("blocked"),
                            seat.optionalText("type"), seat.optionalTextArray("disclosures")));
                    if (seat.has("price")) {
                        Money price = seat.amountObject("price");
                        if (!price.isZero()) {
                            pricing.put(designator, new SeatMap.SeatPrice(price.amount(),
                                    price.currency().getCurrencyCode()));
                        }
                    }
                }
            }
            maps.add(new SeatMap(segmentId, seats, pricing));
        }
        return maps;
    }

    // ---- plumbing --------------------------------------------------------------------------------------------------

    private Throwable noAnswer(String operation, Throwable e) {
        if (e instanceof DarwinApiException || e instanceof OfferPayloadException) {
            return e;
        }
        return answers.noAnswer(operation, e);
    }

    private OrderOutcome unknown(String operation, Throwable e) {
        return new OrderOutcome.Unknown(noAnswerReason(operation, e));
    }

    private String noAnswerReason(String operation, Throwable e) {
        return "no answer from Darwin (" + answers.noAnswerCause(operation, e) + ")";
    }

    private static String requestSuffix(Answer answer) {
        return ProviderAnswers.requestSuffix(answer);
    }
}
