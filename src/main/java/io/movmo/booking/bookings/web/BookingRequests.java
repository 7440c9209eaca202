package io.movmo.booking.bookings.web;

import io.movmo.booking.bookings.api.BookingCommands.RequestBooking;
import io.movmo.booking.bookings.api.BookingDetails;
import io.movmo.booking.bookings.api.BookingEvents.BookedPassenger;
import io.movmo.booking.bookings.api.BookingEvents.SeatSelection;
import io.movmo.booking.bookings.api.BookingEvents.TripDetails;
import io.movmo.booking.offers.web.OfferViews;
import io.movmo.booking.passengers.web.SavedPassengers;
import io.movmo.booking.providers.ProviderCatalog;
import io.movmo.booking.providers.api.ProviderCapabilities;
import io.movmo.booking.providers.port.FlightProvider;
import io.movmo.booking.providers.port.NormalizedOffer;
import io.movmo.booking.providers.port.OrderRequest.OrderType;
import io.movmo.booking.providers.port.SeatMap;
import io.movmo.booking.shared.Money;
import io.movmo.booking.shared.UserId;
import io.movmo.booking.shared.pii.PersonalDataVault;
import io.movmo.booking.shared.pii.Sealed;
import io.movmo.booking.web.ApiException;
import io.movmo.booking.web.FieldValidationException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a partner's booking request into a {@link RequestBooking}, checking it against what the engine holds: the
 * offer (this partner's, this provider's, unexpired), the payment method (the caller's, with its Stripe customer),
 * the passengers (exactly the offer's, with their types, saved passengers the caller's own), the currency, the order
 * type, seats and services against the offer and the provider's capabilities. Every refusal is a 400 naming the field.
 */
@Component
class BookingRequests {

    private final DatabaseClient db;
    private final OfferViews offers;
    private final SavedPassengers passengers;
    private final ProviderCatalog catalog;
    private final PersonalDataVault vault;
    private final JsonMapper json;
    private final Duration seatMapTimeout;

    BookingRequests(DatabaseClient db, OfferViews offers, SavedPassengers passengers, ProviderCatalog catalog,
            PersonalDataVault vault, JsonMapper json,
            @Value("${movmo.bookings.seat-map-timeout:10s}") Duration seatMapTimeout) {
        this.db = db;
        this.offers = offers;
        this.passengers = passengers;
        this.catalog = catalog;
        this.vault = vault;
        this.json = json;
        this.seatMapTimeout = seatMapTimeout;
    }

    /** The booking id of (user, idempotency key): a repeat of a request lands on the same booking. */
    static String bookingId(UserId user, String idempotencyKey) {
        return UUID.nameUUIDFromBytes(("booking:" + user.value() + ":" + idempotencyKey).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /** A keyed digest of the request as sent (without the retry's order_id): equal requests, equal fingerprints. */
    String fingerprint(UserId user, CreateBookingRequest body) {
        CreateBookingRequest canonical = new CreateBookingRequest(body.offer_id(), body.passengers(),
                body.contact_info(), body.payment_method_id().toLowerCase(Locale.ROOT), body.customer_id(),
                body.currency().toUpperCase(Locale.ROOT), body.user_id().toLowerCase(Locale.ROOT), body.idempotency_key(),
                body.metadata() == null ? null : new TreeMap<>(body.metadata()), body.services(),
                body.order_type() == null ? "instant" : body.order_type(), body.seat_selections(), null);
        return vault.fingerprint(user.personalDataSubject(), json.writeValueAsString(canonical));
    }

    Mono<RequestBooking> prepare(FlightProvider flights, String partner, UserId user, CreateBookingRequest body) {
        ProviderCapabilities capabilities = catalog.find(flights.id().id()).orElseThrow().capabilities();
        OrderType orderType = "hold".equals(body.order_type()) ? OrderType.HOLD : OrderType.INSTANT;
        if (orderType == OrderType.HOLD && !capabilities.supportsHoldBooking()) {
            throw new FieldValidationException("order_type", "hold is not supported by " + flights.id().id()
                    + " (supports_hold_booking is false)");
        }
        if (body.seat_selections() != null && !body.seat_selections().isEmpty() && !capabilities.supportsSeatSelection()) {
            throw new FieldValidationException("seat_selections", "cannot be used with " + flights.id().id()
                    + " (supports_seat_selection is false)");
        }
        if (body.passengers().size() > capabilities.maxPassengers()) {
            throw new FieldValidationException("passengers", "has " + body.passengers().size() + " passengers; "
                    + flights.id().id() + " books at most " + capabilities.maxPassengers());
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return offer(flights, partner, body.offer_id())
                .zipWith(paymentMethod(user, body))
                .flatMap(found -> savedPassengers(user, body).thenReturn(found))
                .flatMap(found -> seatMaps(flights, found.getT1(), body)
                        .map(maps -> build(flights, partner, user, body, found.getT1(), found.getT2(), maps, orderType,
                                now)));
    }

    private record StoredOffer(JsonNode raw, NormalizedOffer offer) {}

    private record Method(String customerId, String stripePaymentMethodId) {}

    private RequestBooking build(FlightProvider flights, String partner, UserId user, CreateBookingRequest body,
            StoredOffer stored, Method method, List<SeatMap> seatMaps, OrderType orderType, Instant now) {
        NormalizedOffer offer = stored.offer();
        if (offer.expiresAt() != null && !offer.expiresAt().isAfter(now)) {
            throw new FieldValidationException("offer_id", "names an offer that expired at " + offer.expiresAt()
                    + "; create a new one from a fresh search");
        }
        String currency = body.currency().toUpperCase(Locale.ROOT);
        if (!offer.total().currency().getCurrencyCode().equals(currency)) {
            throw new FieldValidationException("currency", "must be the offer's currency, "
                    + offer.total().currency().getCurrencyCode());
        }
        if (!method.customerId().equals(body.customer_id())) {
            throw new FieldValidationException("customer_id", "is not the Stripe customer of the payment method");
        }
        Map<String, String> offerTypes = new HashMap<>();
        for (JsonNode passenger : offer.passengers()) {
            offerTypes.put(passenger.path("id").asString(), passenger.path("type").asString());
        }
        if (body.passengers().size() != offerTypes.size()) {
            throw new FieldValidationException("passengers", "must name each of the offer's " + offerTypes.size()
                    + " passengers once; it has " + body.passengers().size());
        }
        Set<String> seen = new HashSet<>();
        List<BookedPassenger> booked = new ArrayList<>();
        List<BookingDetails.Passenger> details = new ArrayList<>();
        int adults = 0;
        int children = 0;
        int infants = 0;
        for (CreateBookingRequest.PassengerInput p : body.passengers()) {
            String type = offerTypes.get(p.provider_passenger_id());
            if (type == null) {
                throw new FieldValidationException("provider_passenger_id", "names no passenger of the offer ("
                        + p.provider_passenger_id() + "); its passengers are " + offerTypes.keySet());
            }
            if (!seen.add(p.provider_passenger_id())) {
                throw new FieldValidationException("provider_passenger_id", "names passenger "
                        + p.provider_passenger_id() + " twice");
            }
            for (String given : new String[] {p.type(), p.traveler_type()}) {
                if (given != null && !given.equals(type)) {
                    throw new FieldValidationException("traveler_type", "of passenger " + p.provider_passenger_id()
                            + " is " + given + " but the offer prices them as " + type);
                }
            }
            LocalDate born = LocalDate.parse(p.born_on());
            if (born.isAfter(LocalDate.now(java.time.ZoneOffset.UTC))) {
                throw new FieldValidationException("born_on", "must not be in the future");
            }
            List<BookingDetails.Document> documents = new ArrayList<>();
            if (p.identity_documents() != null) {
                for (CreateBookingRequest.DocumentInput d : p.identity_documents()) {
                    if ("passport".equals(d.type()) && (d.expires_on() == null || d.issuing_country_code() == null)) {
                        throw new FieldValidationException("identity_documents", "a passport needs expires_on and"
                                + " issuing_country_code");
                    }
                    documents.add(new BookingDetails.Document(d.type(), d.unique_identifier(),
                            d.issuing_country_code() == null ? null : d.issuing_country_code().toUpperCase(Locale.ROOT),
                            d.expires_on()));
                }
            }
            if (offer.passengerIdentityDocumentsRequired() && documents.stream().noneMatch(d -> supported(offer, d))) {
                throw new FieldValidationException("identity_documents", "passenger " + p.provider_passenger_id()
                        + " needs an identity document of a type the offer accepts: "
                        + offer.supportedPassengerIdentityDocumentTypes());
            }
            switch (type) {
                case "child" -> children++;
                case "infant" -> infants++;
                default -> adults++;
            }
            String saved = p.id() == null || p.id().isBlank() ? null : p.id().toLowerCase(Locale.ROOT);
            booked.add(new BookedPassenger(p.provider_passenger_id(), saved, type));
            details.add(new BookingDetails.Passenger(saved, p.provider_passenger_id(), type, p.title(), p.first_name(),
                    p.middle_name(), p.last_name(), p.born_on(), p.email(), p.phone_number(), p.gender(),
                    p.known_traveler_number(), documents, type));
        }
        Money total = offer.total();
        List<SeatSelection> seats = seats(body, seatMaps, offerTypes, currency);
        for (SeatSelection seat : seats) {
            total = total.plus(seat.price());
        }
        List<BookingDetails.Service> services = new ArrayList<>();
        if (body.services() != null) {
            Set<String> serviceIds = new HashSet<>();
            for (CreateBookingRequest.ServiceInput s : body.services()) {
                JsonNode service = service(offer, s.id());
                if (!serviceIds.add(s.id())) {
                    throw new FieldValidationException("services", "names service " + s.id() + " twice");
                }
                int maximum = service.path("maximum_quantity").asInt(1);
                if (s.quantity() > maximum) {
                    throw new FieldValidationException("services", "asks for " + s.quantity() + " of service " + s.id()
                            + "; at most " + maximum);
                }
                Money price = Money.of(service.path("total_amount").asString(), service.path("total_currency").asString());
                if (!price.currency().equals(total.currency())) {
                    throw new FieldValidationException("services", "service " + s.id() + " is priced in another currency");
                }
                total = total.plus(new Money(price.amount().multiply(java.math.BigDecimal.valueOf(s.quantity())),
                        price.currency()));
                services.add(new BookingDetails.Service(s.id(), s.quantity()));
            }
        }
        CreateBookingRequest.ContactInfo c = body.contact_info();
        BookingDetails sealedPart = new BookingDetails(details,
                new BookingDetails.Contact(c.email(), c.phone_number(), c.first_name(), c.last_name(), c.title()),
                method.stripePaymentMethodId(), method.customerId(),
                body.metadata() == null ? Map.of() : new TreeMap<>(body.metadata()), services);
        Sealed sealed = vault.seal(user.personalDataSubject(), json.writeValueAsString(sealedPart));
        String bookingId = bookingId(user, body.idempotency_key());
        return new RequestBooking(bookingId, user, partner, flights.id(), body.offer_id(), offer.providerOfferId(),
                body.payment_method_id().toLowerCase(Locale.ROOT), total, orderType, body.idempotency_key(),
                fingerprint(user, body), sealed, trip(offer, adults, children, infants), booked, seats, now);
    }

    private static boolean supported(NormalizedOffer offer, BookingDetails.Document document) {
        List<String> types = offer.supportedPassengerIdentityDocumentTypes();
        return types == null || types.isEmpty() || types.contains(document.type());
    }

    private static JsonNode service(NormalizedOffer offer, String id) {
        if (offer.availableServices() != null) {
            for (JsonNode service : offer.availableServices()) {
                if (id.equals(service.path("id").asString())) {
                    return service;
                }
            }
        }
        throw new FieldValidationException("services", "names service " + id + ", which the offer does not have");
    }

    /** Each chosen seat exists on a segment's map, is available, and is priced by the map (not by the request). */
    private static List<SeatSelection> seats(CreateBookingRequest body, List<SeatMap> maps,
            Map<String, String> offerPassengers, String currency) {
        List<SeatSelection> seats = new ArrayList<>();
        if (body.seat_selections() == null) {
            return seats;
        }
        Set<String> taken = new HashSet<>();
        for (CreateBookingRequest.SeatSelectionInput s : body.seat_selections()) {
            SeatMap map = maps.stream().filter(m -> m.segmentId().equals(s.segment_id())).findFirst()
                    .orElseThrow(() -> new FieldValidationException("seat_selections", "names segment " + s.segment_id()
                            + ", which has no seat map on this offer"));
            if (!offerPassengers.containsKey(s.passenger_id())) {
                throw new FieldValidationException("seat_selections", "names passenger " + s.passenger_id()
                        + ", who is not on the offer");
            }
            if (!taken.add(s.segment_id() + "/" + s.passenger_id()) || !taken.add(s.segment_id() + "#" + s.seat_number())) {
                throw new FieldValidationException("seat_selections", "chooses two seats for one passenger, or one"
                        + " seat twice, on segment " + s.segment_id());
            }
            SeatMap.Seat seat = map.seatMap().get(s.seat_number());
            if (seat == null || !seat.available()) {
                throw new FieldValidationException("seat_selections", "seat " + s.seat_number() + " on segment "
                        + s.segment_id() + " is not available");
            }
            SeatMap.SeatPrice price = map.pricing() == null ? null : map.pricing().get(s.seat_number());
            Money cost = price == null ? Money.zero(java.util.Currency.getInstance(currency))
                    : Money.of(price.amount().toPlainString(), price.currency());
            if (!cost.currency().getCurrencyCode().equals(currency)) {
                throw new FieldValidationException("seat_selections", "seat " + s.seat_number() + " is priced in "
                        + cost.currency() + ", not the booking's currency");
            }
            seats.add(new SeatSelection(s.segment_id(), s.passenger_id(), s.seat_number(), seat.row(), seat.column(),
                    cost));
        }
        return seats;
    }

    /** The trip, for the trip lists: first slice's origin and destination, its carrier, one-way or round trip. */
    static TripDetails trip(NormalizedOffer offer, int adults, int children, int infants) {
        JsonNode slices = offer.slices();
        JsonNode first = slices == null || slices.isEmpty() ? null : slices.get(0);
        JsonNode last = slices == null || slices.isEmpty() ? null : slices.get(slices.size() - 1);
        String origin = first == null ? null : iata(first.path("origin"));
        String destination = first == null ? null : iata(first.path("destination"));
        String tripType = slices == null || slices.size() <= 1 ? "one_way"
                : slices.size() == 2 && origin != null && origin.equals(iata(last.path("destination"))) ? "round_trip"
                : "multi_city";
        JsonNode owner = offer.owner();
        String airlineIata = owner == null ? null : text(owner.path("iata_code"));
        if (airlineIata == null && first != null) {
            airlineIata = text(first.path("segments").path(0).path("marketing_carrier"));
        }
        String airlineName = owner == null ? null : text(owner.path("name"));
        String logo = owner == null ? null : text(owner.path("logo_symbol_url"));
        return new TripDetails(tripType, city(first == null ? null : first.path("origin"), origin), origin,
                city(first == null ? null : first.path("destination"), destination), destination,
                first == null ? null : text(first.path("departing_at")),
                "round_trip".equals(tripType) || "multi_city".equals(tripType) ? text(last.path("departing_at")) : null,
                airlineName == null ? airlineIata : airlineName, airlineIata, logo, adults, children, infants);
    }

    private static String iata(JsonNode place) {
        return place.isObject() ? text(place.path("iata_code")) : text(place);
    }

    /** The city name where the provider gives one; its airport code otherwise. */
    private static String city(JsonNode place, String iata) {
        if (place != null && place.isObject()) {
            String city = text(place.path("city_name"));
            if (city != null) {
                return city;
            }
        }
        return iata;
    }

    private static String text(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull() || node.asString().isBlank() ? null : node.asString();
    }

    private Mono<StoredOffer> offer(FlightProvider flights, String partner, String offerId) {
        return offers.lookup(flights.id().id(), offerId, partner)
                .map(stored -> new StoredOffer(stored.raw(), stored.offer()))
                .switchIfEmpty(Mono.error(() -> new FieldValidationException("offer_id",
                        "names no offer of this partner for " + flights.id().id())));
    }

    private Mono<Method> paymentMethod(UserId user, CreateBookingRequest body) {
        return db.sql("SELECT customer_id, stripe_payment_method_id FROM payment_method WHERE method_id = :id"
                        + " AND user_id = :user AND removed_at IS NULL")
                .bind("id", UUID.fromString(body.payment_method_id())).bind("user", UUID.fromString(user.value()))
                .map((row, meta) -> new Method(row.get("customer_id", String.class),
                        row.get("stripe_payment_method_id", String.class)))
                .one()
                .switchIfEmpty(Mono.error(() -> new FieldValidationException("payment_method_id",
                        "names no payment method of this user")));
    }

    private Mono<Void> savedPassengers(UserId user, CreateBookingRequest body) {
        Set<UUID> saved = new HashSet<>();
        for (CreateBookingRequest.PassengerInput p : body.passengers()) {
            if (p.id() != null && !p.id().isBlank()) {
                saved.add(UUID.fromString(p.id()));
            }
        }
        return passengers.requireOwned(user, saved, "id");
    }

    private Mono<List<SeatMap>> seatMaps(FlightProvider flights, StoredOffer offer, CreateBookingRequest body) {
        if (body.seat_selections() == null || body.seat_selections().isEmpty()) {
            return Mono.just(List.of());
        }
        return flights.seatMaps(offer.raw())
                .timeout(seatMapTimeout)
                .onErrorMap(e -> e instanceof ApiException ? e : new ApiException(HttpStatus.BAD_GATEWAY,
                        "the flight provider failed to answer for the seat map; try again shortly"));
    }
}
