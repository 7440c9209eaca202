package io.movmo.booking.providers.dohop;

import io.movmo.booking.providers.adapter.OfferFields;
import io.movmo.booking.providers.adapter.PayloadNode;
import io.movmo.booking.providers.port.NormalizedOffer;
import io.movmo.booking.shared.Money;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Dohop's itinerary object (the offer payload, {@code docs/providers/dohop.md} §3), priced or not, read strictly and
 * normalized: pure, no network, no clock. A priced itinerary (the answer of {@code POST /v1/price}) carries a
 * {@code price_token}, which phase 1 of a booking sends; an unpriced one is booked by its ids (Dohop prices it while
 * reserving).
 */
record DohopItinerary(
        NormalizedOffer offer,
        String itineraryId,
        String searchId,
        String priceToken,
        Set<String> travellerIds) {

    static final String SOURCE = "Dohop itinerary";

    static final int MAX_TRAVELLERS = 9;
    /** The catalog's max_connections (2): at most 3 flights per leg. */
    static final int MAX_FLIGHTS_PER_LEG = 3;

    private static final Map<String, String> TRAVELLER_TYPES = Map.of("ADT", "adult", "CHD", "child", "INF", "infant");
    /** The catalog's supported_cabin_classes and supported_currencies. */
    private static final Set<String> CABIN_CLASSES = Set.of("economy", "business");
    private static final Set<String> CURRENCIES = Set.of("EUR", "USD", "GBP", "ISK");
    private static final Set<String> DOCUMENT_TYPES =
            Set.of("passport", "tax_id", "known_traveler_number", "passenger_redress_number");

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    static DohopItinerary read(JsonNode raw) {
        PayloadNode root = PayloadNode.root(raw, SOURCE);
        root.textIn("object", Set.of("itinerary"));
        String id = root.text("id");
        String searchId = root.text("search_id");
        String priceToken = root.optionalText("price_token");

        Set<String> travellerIds = new LinkedHashSet<>();
        ArrayNode passengers = travellers(root, travellerIds);

        PayloadNode price = root.object("price");
        var currency = price.currency("currency");
        if (!CURRENCIES.contains(currency.getCurrencyCode())) {
            throw price.fail("currency", "must be one of " + CURRENCIES.stream().sorted().toList()
                    + " (the currencies Dohop sells in)");
        }
        Money base = price.money("base", currency);
        Money taxes = price.money("taxes", currency);
        Money total = price.money("total", currency);
        if (!base.plus(taxes).equals(total)) {
            throw price.fail("total", "must equal base + taxes");
        }

        PayloadNode fare = root.object("fare");
        PayloadNode baggage = fare.object("baggage");
        int cabinBags = baggage.integer("cabin_bags", 0, 9);
        int checkedBags = baggage.integer("checked_bags", 0, 9);

        ArrayNode slices = JSON.arrayNode();
        ObjectNode owner = null;
        Set<String> legIds = new HashSet<>();
        Set<String> flightIds = new HashSet<>();
        for (PayloadNode leg : root.nonEmptyArray("legs")) {
            ObjectNode slice = slice(leg, legIds, flightIds);
            if (owner == null) {
                owner = ownerOf(leg.nonEmptyArray("flights").get(0));
            }
            slices.add(slice);
        }

        PayloadNode documents = root.object("documents");
        boolean documentsRequired = documents.bool("required");
        List<String> documentTypes = documents.optionalTextArray("types");
        for (int i = 0; i < documentTypes.size(); i++) {
            if (!DOCUMENT_TYPES.contains(documentTypes.get(i))) {
                throw documents.fail("types[" + i + "]", "must be one of " + DOCUMENT_TYPES.stream().sorted().toList());
            }
        }
        String emissions = root.optionalText("emissions_kg");
        if (emissions != null && !OfferFields.KILOGRAMS.matcher(emissions).matches()) {
            throw root.fail("emissions_kg", "must be a whole number of kilograms as a string, e.g. \"388\"");
        }

        ObjectNode metadata = JSON.objectNode()
                .put("seat_selection_allowed", false)
                .put("carry_on_bags", cabinBags)
                .put("checked_bags", checkedBags)
                .put("changes_allowed", false)
                .put("refunds_allowed", false);
        fare.optionalText("brand");
        // Tickets sold through Dohop v1 are neither changed nor refunded through it (catalog: supports_changes/refunds
        // false).
        NormalizedOffer offer = new NormalizedOffer(id, root.instant("valid_until"), total, base, taxes, emissions,
                documentsRequired, documentTypes, List.of(), owner, passengers, slices,
                OfferFields.noRefundsOrChanges(),
                JSON.objectNode().put("requires_instant_payment", true), null, null, metadata);
        return new DohopItinerary(offer, id, searchId, priceToken, travellerIds);
    }

    private static ArrayNode travellers(PayloadNode root, Set<String> ids) {
        List<PayloadNode> travellers = root.nonEmptyArray("travellers");
        if (travellers.size() > MAX_TRAVELLERS) {
            throw root.fail("travellers", "must list at most " + MAX_TRAVELLERS + " travellers");
        }
        ArrayNode passengers = JSON.arrayNode();
        boolean adult = false;
        for (PayloadNode traveller : travellers) {
            String id = traveller.text("id");
            if (!ids.add(id)) {
                throw traveller.fail("id", "repeats another traveller's id");
            }
            String type = traveller.textIn("type", TRAVELLER_TYPES.keySet());
            adult |= type.equals("ADT");
            ObjectNode passenger = passengers.addObject().put("id", id).put("type", TRAVELLER_TYPES.get(type));
            if (!type.equals("ADT")) {
                passenger.put("age", traveller.integer("age", 0, type.equals("INF") ? 1 : 17));
            }
        }
        if (!adult) {
            throw root.fail("travellers", "must include at least one ADT traveller");
        }
        return passengers;
    }

    private static ObjectNode slice(PayloadNode leg, Set<String> legIds, Set<String> flightIds) {
        String id = leg.text("id");
        if (!legIds.add(id)) {
            throw leg.fail("id", "repeats another leg's id");
        }
        leg.textIn("direction", Set.of("outbound", "inbound"));
        int minutes = leg.integer("duration_minutes", 1, 7 * 24 * 60);
        boolean selfTransfer = leg.bool("self_transfer");
        List<PayloadNode> flights = leg.nonEmptyArray("flights");
        if (flights.size() > MAX_FLIGHTS_PER_LEG) {
            throw leg.fail("flights", "must have at most " + MAX_FLIGHTS_PER_LEG + " flights (2 connections)");
        }
        ArrayNode segments = JSON.arrayNode();
        OffsetDateTime first = null;
        OffsetDateTime previous = null;
        for (PayloadNode flight : flights) {
            String flightId = flight.text("id");
            if (!flightIds.add(flightId)) {
                throw flight.fail("id", "repeats another flight's id");
            }
            String from = OfferFields.airport(flight, "from", "KEF");
            String to = OfferFields.airport(flight, "to", "KEF");
            OffsetDateTime departs = flight.dateTime("departs_at");
            OffsetDateTime arrives = flight.dateTime("arrives_at");
            if (!arrives.isAfter(departs)) {
                throw flight.fail("arrives_at", "must be after departs_at");
            }
            if (previous != null && !departs.isAfter(previous)) {
                throw flight.fail("departs_at", "must be after the previous flight's arrival");
            }
            first = first == null ? departs : first;
            previous = arrives;
            String flightNumber = flight.text("flight_number");
            if (!OfferFields.FLIGHT_NUMBER.matcher(flightNumber).matches()) {
                throw flight.fail("flight_number", "must be the flight number without the carrier code, e.g. 8291");
            }
            ObjectNode segment = segments.addObject()
                    .put("id", flightId)
                    .put("origin", from)
                    .put("destination", to)
                    .put("departing_at", flight.text("departs_at"))
                    .put("arriving_at", flight.text("arrives_at"))
                    .put("marketing_carrier", carrier(flight.object("marketing_carrier")))
                    .put("operating_carrier", carrier(flight.object("operating_carrier")))
                    .put("flight_number", flightNumber);
            String aircraft = flight.optionalText("aircraft");
            if (aircraft != null) {
                segment.put("aircraft", aircraft);
            }
            segment.put("cabin_class", flight.textIn("cabin_class", CABIN_CLASSES));
        }
        Duration journey = Duration.between(first, previous);
        if (journey.toMinutes() != minutes || journey.toSecondsPart() != 0) {
            throw leg.fail("duration_minutes", "must be the minutes from the first departure to the last arrival ("
                    + journey.toMinutes() + ")");
        }
        ObjectNode slice = JSON.objectNode()
                .put("id", id)
                .put("origin", segments.get(0).get("origin").stringValue())
                .put("destination", segments.get(segments.size() - 1).get("destination").stringValue())
                .put("departing_at", segments.get(0).get("departing_at").stringValue())
                .put("arriving_at", segments.get(segments.size() - 1).get("arriving_at").stringValue())
                .put("duration", Duration.ofMinutes(minutes).toString())
                .put("self_transfer", selfTransfer);
        slice.set("segments", segments);
        slice.set("conditions", OfferFields.noRefundsOrChanges());
        return slice;
    }

    private static ObjectNode ownerOf(PayloadNode flight) {
        PayloadNode carrier = flight.object("marketing_carrier");
        return JSON.objectNode().put("iata_code", carrier(carrier)).put("name", carrier.text("name"));
    }

    private static String carrier(PayloadNode carrier) {
        String code = OfferFields.carrier(carrier, "code", "U2");
        carrier.text("name");
        return code;
    }
}
