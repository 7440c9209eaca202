package io.movmo.booking.offers.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.movmo.booking.offers.api.AwaitOfferQuery;
import io.movmo.booking.passengers.web.SavedPassengers;
import io.movmo.booking.offers.api.OfferCommands;
import io.movmo.booking.offers.api.OfferCommands.CreateOffer;
import io.movmo.booking.offers.api.OfferCommands.MapOfferPassengers;
import io.movmo.booking.offers.api.OfferCommands.RecordOfferPassengerUpdate;
import io.movmo.booking.offers.api.OfferCommands.RecordOfferPricing;
import io.movmo.booking.offers.api.OfferCommands.ReplaceOfferPayload;
import io.movmo.booking.offers.api.OfferEvents.PassengerMapping;
import io.movmo.booking.platform.axon.AppendConflicts;
import io.movmo.booking.platform.axon.ReadYourWrites;
import io.movmo.booking.providers.FlightProviders;
import io.movmo.booking.providers.ProviderCatalog;
import io.movmo.booking.providers.api.ProviderView;
import io.movmo.booking.providers.port.FlightProvider;
import io.movmo.booking.providers.port.NormalizedOffer;
import io.movmo.booking.providers.port.OfferPassengerUpdate;
import io.movmo.booking.providers.port.OfferPayloadException;
import io.movmo.booking.providers.port.PricingOutcome;
import io.movmo.booking.providers.port.SeatMap;
import io.movmo.booking.shared.UserId;
import io.movmo.booking.shared.pii.PersonalDataVault;
import io.movmo.booking.shared.pii.Sealed;
import io.movmo.booking.web.ApiException;
import io.movmo.booking.web.FieldValidationException;
import io.movmo.booking.web.security.ApiKeyFilter;
import io.movmo.booking.web.security.CurrentUser;
import jakarta.validation.Valid;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.axonframework.extensions.reactor.commandhandling.gateway.ReactorCommandGateway;
import org.axonframework.extensions.reactor.queryhandling.gateway.ReactorQueryGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The seed's offer routes. An offer belongs to the partner whose API key created it: another partner's offer id is
 * 404. Creating and reading need only the API key (the seed's catalog entry points); the rest also need a user.
 * Mutations of an expired offer are 400s; a provider that does not support a step (seat selection, passenger
 * update) answers that step as the seed says (empty seat maps) or with a 400 naming the capability.
 */
@RestController
class OfferController {

    private static final String OFFERS = "/v1/flights/providers/{provider}/offers";
    private static final String UUID_PATTERN = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final FlightProviders flightProviders;
    private final ProviderCatalog catalog;
    private final DatabaseClient db;
    private final ReactorCommandGateway commands;
    private final ReactorQueryGateway queries;
    private final PersonalDataVault vault;
    private final JsonMapper json;
    private final OfferViews views;
    private final SavedPassengers savedPassengers;
    private final Duration wait;
    private final SecureRandom random = new SecureRandom();

    OfferController(FlightProviders flightProviders, ProviderCatalog catalog, DatabaseClient db,
            ReactorCommandGateway commands, ReactorQueryGateway queries, PersonalDataVault vault, JsonMapper json,
            OfferViews views, SavedPassengers savedPassengers,
            @Value("${movmo.offers.read-model-wait:3s}") Duration wait) {
        this.flightProviders = flightProviders;
        this.catalog = catalog;
        this.db = db;
        this.commands = commands;
        this.queries = queries;
        this.vault = vault;
        this.json = json;
        this.views = views;
        this.savedPassengers = savedPassengers;
        this.wait = wait;
    }

    record CreateOfferResponse(@JsonProperty("offer_id") String offerId) {}

    record OfferPassengerMapping(@JsonProperty("user_passenger_id") String userPassengerId,
            @JsonProperty("provider_passenger_id") String providerPassengerId) {}

    @PostMapping(path = OFFERS, consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    Mono<CreateOfferResponse> create(@PathVariable("provider") String provider, @RequestBody JsonNode payload,
            ServerWebExchange exchange) {
        FlightProvider flights = provider(provider);
        String partner = partner(exchange);
        String offerId = "off_" + flights.id().id() + "_" + token(12);
        Instant at = now();
        return Mono.fromCallable(() -> {
                    NormalizedOffer offer = normalize(flights, payload);
                    requireUnexpired(offer, at);
                    requireBookable(flights, offer);
                    return new CreateOffer(offerId, flights.id(), partner, seal(offerId, payload), offer, at);
                })
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(command -> change(offerId, command))
                .thenReturn(new CreateOfferResponse(offerId));
    }

    @GetMapping(path = OFFERS + "/{offer_id}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Map<String, Object>> get(@PathVariable("provider") String provider, @PathVariable("offer_id") String offerId,
            ServerWebExchange exchange) {
        return stored(provider(provider), offerId, partner(exchange)).map(this::view);
    }

    @PutMapping(path = OFFERS + "/{offer_id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> replace(@PathVariable("provider") String provider, @PathVariable("offer_id") String offerId,
            @RequestBody JsonNode payload, ServerWebExchange exchange) {
        FlightProvider flights = provider(provider);
        String partner = partner(exchange);
        Instant at = now();
        return stored(flights, offerId, partner)
                .publishOn(Schedulers.boundedElastic())
                .map(current -> {
                    NormalizedOffer offer = normalize(flights, payload);
                    requireUnexpired(offer, at);
                    requireBookable(flights, offer);
                    return new ReplaceOfferPayload(offerId, partner, seal(offerId, payload), offer, at);
                })
                .flatMap(command -> change(offerId, command));
    }

    @PostMapping(path = OFFERS + "/{offer_id}/pricing", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Map<String, Object>> price(@PathVariable("provider") String provider, @PathVariable("offer_id") String offerId,
            ServerWebExchange exchange) {
        FlightProvider flights = provider(provider);
        String partner = partner(exchange);
        Instant at = now();
        return stored(flights, offerId, partner)
                .flatMap(current -> {
                    requireUnexpired(current.offer(), at);
                    return flights.price(current.raw()).onErrorMap(OfferController::providerFailure);
                })
                .flatMap(outcome -> {
                    if (outcome instanceof PricingOutcome.Priced priced) {
                        return Mono.fromCallable(() -> new RecordOfferPricing(offerId, partner,
                                        seal(offerId, priced.rawOffer()), priced.offer(), at))
                                .subscribeOn(Schedulers.boundedElastic())
                                .flatMap(command -> change(offerId, command));
                    }
                    if (outcome instanceof PricingOutcome.OfferGone gone) {
                        return Mono.error(new ApiException(HttpStatus.BAD_REQUEST,
                                "the offer is no longer available at the provider", gone.reason()));
                    }
                    if (outcome instanceof PricingOutcome.Rejected rejected) {
                        return Mono.error(new ApiException(HttpStatus.BAD_REQUEST,
                                "the provider refused to price the offer", rejected.reason()));
                    }
                    return Mono.error(new ApiException(HttpStatus.BAD_GATEWAY,
                            "the provider did not answer the pricing request; try again shortly"));
                })
                .then(stored(flights, offerId, partner))
                .map(this::view);
    }

    @GetMapping(path = OFFERS + "/{offer_id}/passengers", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<List<Map<String, Object>>> passengers(@PathVariable("provider") String provider,
            @PathVariable("offer_id") String offerId, ServerWebExchange exchange) {
        FlightProvider flights = provider(provider);
        return CurrentUser.get().flatMap(user -> stored(flights, offerId, partner(exchange))
                .zipWith(db.sql("""
                                SELECT provider_passenger_id, user_passenger_id FROM offer_passenger
                                WHERE offer_id = :id AND user_id = :user""")
                        .bind("id", offerId).bind("user", UUID.fromString(user.userId()))
                        .map((row, meta) -> Map.entry(row.get("provider_passenger_id", String.class),
                                String.valueOf(row.get("user_passenger_id", UUID.class))))
                        .all()
                        .collectMap(Map.Entry::getKey, Map.Entry::getValue))
                .map(both -> {
                    List<Map<String, Object>> answer = new ArrayList<>();
                    for (JsonNode passenger : both.getT1().offer().passengers()) {
                        Map<String, Object> entry = new java.util.LinkedHashMap<>(
                                json.convertValue(passenger, Map.class));
                        entry.put("provider_passenger_id", passenger.path("id").asString());
                        String saved = both.getT2().get(passenger.path("id").asString());
                        if (saved != null && !"null".equals(saved)) {
                            entry.put("user_passenger_id", saved);
                        }
                        answer.add(entry);
                    }
                    return answer;
                }));
    }

    @PostMapping(path = OFFERS + "/{offer_id}/passengers", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<Void> mapPassengers(@PathVariable("provider") String provider, @PathVariable("offer_id") String offerId,
            @RequestBody List<OfferPassengerMappingRequest> body, ServerWebExchange exchange) {
        FlightProvider flights = provider(provider);
        String partner = partner(exchange);
        Instant at = now();
        ProviderView view = catalog.find(flights.id().id()).orElseThrow();
        if (body.isEmpty()) {
            return Mono.error(new FieldValidationException("body", "must map at least one offer passenger"));
        }
        for (OfferPassengerMappingRequest mapping : body) {
            if (mapping == null || mapping.provider_passenger_id() == null || mapping.provider_passenger_id().isBlank()
                    || mapping.provider_passenger_id().length() > 200) {
                return Mono.error(new FieldValidationException("provider_passenger_id", "is required in every mapping"));
            }
            if (mapping.user_passenger_id() != null && !mapping.user_passenger_id().matches(UUID_PATTERN)) {
                return Mono.error(new FieldValidationException("user_passenger_id",
                        "must be the id of one of the user's saved passengers"));
            }
        }
        if (body.size() > view.capabilities().maxPassengers()) {
            return Mono.error(new FieldValidationException("body", "maps " + body.size() + " passengers; "
                    + flights.id().id() + " books at most " + view.capabilities().maxPassengers()));
        }
        return CurrentUser.get().flatMap(user -> stored(flights, offerId, partner)
                .then(ownsSavedPassengers(new UserId(user.userId()), body))
                .then(change(offerId, new MapOfferPassengers(offerId, partner, new UserId(user.userId()),
                        body.stream().map(m -> new PassengerMapping(m.provider_passenger_id(), m.user_passenger_id())).toList(),
                        at))));
    }

    @PutMapping(path = OFFERS + "/{offer_id}/passengers/{passenger_id}", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Map<String, Object>> updatePassenger(@PathVariable("provider") String provider,
            @PathVariable("offer_id") String offerId, @PathVariable("passenger_id") String passengerId,
            @Valid @RequestBody PassengerUpdateRequest body, ServerWebExchange exchange) {
        FlightProvider flights = provider(provider);
        String partner = partner(exchange);
        Instant at = now();
        ProviderView view = catalog.find(flights.id().id()).orElseThrow();
        if (!view.capabilities().supportsOfferPassengerUpdate()) {
            return Mono.error(new ApiException(HttpStatus.BAD_REQUEST,
                    flights.id().id() + " does not support offer passenger updates (supports_offer_passenger_update is false)"));
        }
        OfferPassengerUpdate update = body.toUpdate();
        return stored(flights, offerId, partner)
                .flatMap(current -> {
                    requireUnexpired(current.offer(), at);
                    boolean onOffer = false;
                    for (JsonNode passenger : current.offer().passengers()) {
                        onOffer |= passengerId.equals(passenger.path("id").asString());
                    }
                    if (!onOffer) {
                        return Mono.error(ApiException.notFound("the offer has no passenger " + passengerId));
                    }
                    return flights.updatePassenger(current.raw(), passengerId, update)
                            .onErrorMap(OfferPayloadException.class, e -> new ApiException(HttpStatus.BAD_REQUEST,
                                    e.getMessage(), e.details()))
                            .onErrorMap(OfferController::providerFailure);
                })
                .publishOn(Schedulers.boundedElastic())
                .map(raw -> new RecordOfferPassengerUpdate(offerId, partner, passengerId, seal(offerId, raw),
                        normalize(flights, raw), at))
                .flatMap(command -> change(offerId, command))
                .then(stored(flights, offerId, partner))
                .map(this::view);
    }

    @GetMapping(path = OFFERS + "/{offer_id}/seat-maps", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<List<Map<String, Object>>> seatMaps(@PathVariable("provider") String provider,
            @PathVariable("offer_id") String offerId, ServerWebExchange exchange) {
        FlightProvider flights = provider(provider);
        ProviderView view = catalog.find(flights.id().id()).orElseThrow();
        return stored(flights, offerId, partner(exchange))
                .flatMap(current -> view.capabilities().supportsSeatSelection()
                        ? flights.seatMaps(current.raw()).onErrorMap(OfferController::providerFailure)
                        : Mono.just(List.<SeatMap>of()))
                .map(maps -> maps.stream().map(map -> {
                    Map<String, Object> entry = new java.util.LinkedHashMap<>();
                    entry.put("offer_id", offerId);
                    entry.put("segment_id", map.segmentId());
                    entry.put("seat_map", map.seatMap());
                    entry.put("pricing", map.pricing());
                    return entry;
                }).toList());
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private Mono<OfferViews.Stored> stored(FlightProvider flights, String offerId, String partner) {
        return views.stored(flights.id().id(), offerId, partner);
    }

    private Map<String, Object> view(OfferViews.Stored stored) {
        return views.view(stored);
    }

    private Mono<Void> ownsSavedPassengers(UserId user, List<OfferPassengerMappingRequest> body) {
        Set<UUID> saved = new HashSet<>();
        for (OfferPassengerMappingRequest mapping : body) {
            if (mapping.user_passenger_id() != null) {
                saved.add(UUID.fromString(mapping.user_passenger_id()));
            }
        }
        return savedPassengers.requireOwned(user, saved, "user_passenger_id");
    }

    private Mono<Void> change(String offerId, Object command) {
        return commands.send(command)
                .retryWhen(AppendConflicts.retry())
                .map(result -> result instanceof Long version ? version : 0L)
                .onErrorMap(error -> {
                    if (error instanceof AggregateNotFoundException || error instanceof OfferCommands.OfferNotFound) {
                        return ApiException.notFound("offer not found");
                    }
                    if (error instanceof OfferCommands.OfferExpired || error instanceof OfferCommands.InvalidPassengerMapping) {
                        return new ApiException(HttpStatus.BAD_REQUEST, error.getMessage());
                    }
                    return error;
                })
                .flatMap(version -> ReadYourWrites.await(queries, new AwaitOfferQuery(offerId, version), wait));
    }

    private FlightProvider provider(String id) {
        return flightProviders.named(id);
    }

    private static String partner(ServerWebExchange exchange) {
        return ApiKeyFilter.partnerId(exchange);
    }

    /**
     * An adapter's own failure (the provider unreachable, refusing, or answering what the adapter cannot read) is a
     * 502: the partner's request was fine. The engine's own errors pass through.
     */
    private static Throwable providerFailure(Throwable error) {
        if (error instanceof ApiException) {
            return error;
        }
        if (error instanceof OfferPayloadException payload) {
            return new ApiException(HttpStatus.BAD_REQUEST, payload.getMessage(), payload.details());
        }
        String type = error.getClass().getName();
        if (type.startsWith("io.movmo.booking.providers.")) {
            return new ApiException(HttpStatus.BAD_GATEWAY, "the flight provider failed to answer; try again shortly");
        }
        return error;
    }

    private static NormalizedOffer normalize(FlightProvider flights, JsonNode payload) {
        if (payload == null || !payload.isObject()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "the offer payload must be a JSON object",
                    "pass the provider's offer object verbatim");
        }
        try {
            return flights.normalize(payload);
        } catch (OfferPayloadException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, e.getMessage(), e.details());
        }
    }

    /** The provider's capabilities bound the offer: no more passengers than it books at once. */
    private void requireBookable(FlightProvider flights, NormalizedOffer offer) {
        int max = catalog.find(flights.id().id()).orElseThrow().capabilities().maxPassengers();
        int passengers = offer.passengers() == null ? 0 : offer.passengers().size();
        if (passengers > max) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "the offer has " + passengers + " passengers; "
                    + flights.id().id() + " books at most " + max + " (max_passengers)");
        }
    }

    private static void requireUnexpired(NormalizedOffer offer, Instant at) {
        if (offer.expiresAt() != null && !offer.expiresAt().isAfter(at)) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "the offer expired at " + offer.expiresAt(),
                    "create a new offer from a fresh search");
        }
    }

    private Sealed seal(String offerId, JsonNode raw) {
        return vault.seal(OfferViews.subject(offerId), json.writeValueAsString(raw));
    }

    private String token(int length) {
        StringBuilder token = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            token.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return token.toString();
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
