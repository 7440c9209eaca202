package io.movmo.booking.providers.darwin;

import io.movmo.booking.providers.adapter.OfferFields;
import io.movmo.booking.providers.adapter.PayloadNode;
import io.movmo.booking.providers.port.NormalizedOffer;
import io.movmo.booking.shared.Money;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
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
 * Darwin's availability-response object (the offer payload, {@code docs/providers/darwin.md} §3) read strictly and
 * normalized: pure, no network, no clock. Everything the adapter needs later (the availability id, the passengers'
 * and segments' ids, which segments allow seat selection) is read here once, so a payload that breaks the contract
 * is refused before anything is sent to Darwin.
 */
record DarwinAvailabilityResponse(
        NormalizedOffer offer,
        String availabilityId,
        Set<String> passengerIds,
        Set<String> seatSelectableSegmentIds) {

    static final String SOURCE = "Darwin availability response";

    static final int MAX_PASSENGERS = 9;
    /** The catalog's max_connections (4): at most 5 segments per itinerary. */
    static final int MAX_SEGMENTS_PER_ITINERARY = 5;

    private static final Set<String> PASSENGER_TYPES = Set.of("adult", "child", "infant");
    /** The catalog's supported_cabin_classes and supported_currencies. */
    private static final Set<String> CABIN_CLASSES = Set.of("economy", "premium_economy", "business");
    private static final Set<String> CURRENCIES = Set.of("USD", "EUR", "GBP");
    private static final Set<String> DOCUMENT_TYPES =
            Set.of("passport", "tax_id", "known_traveler_number", "passenger_redress_number");
    private static final Set<String> BOARDING = Set.of("last", "standard", "early", "priority");

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    static DarwinAvailabilityResponse read(JsonNode raw) {
        PayloadNode root = PayloadNode.root(raw, SOURCE);
        root.textIn("object", Set.of("availability_response"));
        String offerId = root.text("id");
        String availabilityId = root.text("availability_id");

        ObjectNode owner = owner(root.object("carrier"));
        Passengers passengers = passengers(root);
        Price price = price(root.object("price"), passengers.ids());
        Map<String, PayloadNode> faresByItinerary = faresByItinerary(root);
        Set<String> seatSelectable = new LinkedHashSet<>();
        ArrayNode slices = slices(root, faresByItinerary, seatSelectable);

        PayloadNode documents = root.object("documents");
        boolean documentsRequired = documents.bool("identity_documents_required");
        List<String> documentTypes = documents.optionalTextArray("supported_types");
        for (int i = 0; i < documentTypes.size(); i++) {
            if (!DOCUMENT_TYPES.contains(documentTypes.get(i))) {
                throw documents.fail("supported_types[" + i + "]", "must be one of " + DOCUMENT_TYPES.stream().sorted().toList());
            }
        }
        List<String> loyalty = root.optionalTextArray("loyalty_programmes");
        for (int i = 0; i < loyalty.size(); i++) {
            if (!OfferFields.CARRIER.matcher(loyalty.get(i)).matches()) {
                throw root.fail("loyalty_programmes[" + i + "]", "must be an airline IATA code, e.g. DA");
            }
        }
        String emissions = root.optionalText("emissions_kg");
        if (emissions != null && !OfferFields.KILOGRAMS.matcher(emissions).matches()) {
            throw root.fail("emissions_kg", "must be a whole number of kilograms as a string, e.g. \"642\"");
        }

        // Darwin v1 refunds and changes nothing through its API (catalog: supports_refunds and supports_changes false).
        ObjectNode conditions = OfferFields.noRefundsOrChanges();
        ObjectNode payment = JSON.objectNode().put("requires_instant_payment", true);
        PayloadNode firstFare = faresByItinerary.get(root.nonEmptyArray("itineraries").get(0).text("id"));
        NormalizedOffer offer = new NormalizedOffer(offerId, root.instant("expires_at"), price.total(), price.base(),
                price.tax(), emissions, documentsRequired, documentTypes, loyalty, owner, passengers.normalized(), slices,
                conditions, payment, privateFares(root), null, fareClassMetadata(firstFare));
        return new DarwinAvailabilityResponse(offer, availabilityId, passengers.ids(), seatSelectable);
    }

    private static ObjectNode owner(PayloadNode carrier) {
        String code = carrier.text("iata_code");
        if (!OfferFields.CARRIER.matcher(code).matches()) {
            throw carrier.fail("iata_code", "must be an airline IATA code, e.g. DA");
        }
        ObjectNode owner = JSON.objectNode().put("iata_code", code).put("name", carrier.text("name"));
        String logo = carrier.optionalText("logo_url");
        if (logo != null) {
            owner.put("logo_url", logo);
        }
        return owner;
    }

    private record Passengers(Set<String> ids, ArrayNode normalized) {}

    private static Passengers passengers(PayloadNode root) {
        List<PayloadNode> passengers = root.nonEmptyArray("passengers");
        if (passengers.size() > MAX_PASSENGERS) {
            throw root.fail("passengers", "must list at most " + MAX_PASSENGERS + " passengers");
        }
        Set<String> ids = new LinkedHashSet<>();
        ArrayNode normalized = JSON.arrayNode();
        boolean adult = false;
        for (PayloadNode passenger : passengers) {
            String id = passenger.text("id");
            if (!ids.add(id)) {
                throw passenger.fail("id", "repeats another passenger's id");
            }
            String type = passenger.textIn("type", PASSENGER_TYPES);
            adult |= type.equals("adult");
            Integer age = passenger.optionalInteger("age", 0, type.equals("adult") ? 130 : 17);
            ObjectNode out = normalized.addObject().put("id", id).put("type", type);
            if (age != null) {
                out.put("age", age);
            }
        }
        if (!adult) {
            throw root.fail("passengers", "must include at least one adult");
        }
        return new Passengers(ids, normalized);
    }

    private record Price(Money base, Money tax, Money total) {}

    /** base + taxes + fees = total; the normalized tax is taxes + fees. The per-passenger breakdown adds up too. */
    private static Price price(PayloadNode price, Set<String> passengerIds) {
        var currency = price.currency("currency");
        if (!CURRENCIES.contains(currency.getCurrencyCode())) {
            throw price.fail("currency", "must be one of " + CURRENCIES.stream().sorted().toList()
                    + " (the currencies Darwin sells in)");
        }
        Money base = price.money("base", currency);
        Money taxes = price.money("taxes", currency);
        Money fees = price.money("fees", currency);
        Money total = price.money("total", currency);
        if (!base.plus(taxes).plus(fees).equals(total)) {
            throw price.fail("total", "must equal base + taxes + fees");
        }
        List<PayloadNode> breakdown = price.optionalArray("per_passenger");
        if (!breakdown.isEmpty()) {
            Money sum = Money.zero(currency);
            Set<String> seen = new HashSet<>();
            for (PayloadNode share : breakdown) {
                String passenger = share.text("passenger_id");
                if (!passengerIds.contains(passenger)) {
                    throw share.fail("passenger_id", "names no passenger of this offer");
                }
                if (!seen.add(passenger)) {
                    throw share.fail("passenger_id", "repeats another entry's passenger");
                }
                Money shareTotal = share.money("total", currency);
                if (!share.money("base", currency).plus(share.money("taxes", currency))
                        .plus(share.money("fees", currency)).equals(shareTotal)) {
                    throw share.fail("total", "must equal base + taxes + fees");
                }
                sum = sum.plus(shareTotal);
            }
            if (!seen.equals(passengerIds)) {
                throw price.fail("per_passenger", "must have one entry per passenger");
            }
            if (!sum.equals(total)) {
                throw price.fail("per_passenger", "totals must add up to price.total");
            }
        }
        return new Price(base, taxes.plus(fees), total);
    }

    private static Map<String, PayloadNode> faresByItinerary(PayloadNode root) {
        Map<String, PayloadNode> byItinerary = new HashMap<>();
        Set<String> fareIds = new HashSet<>();
        for (PayloadNode fare : root.nonEmptyArray("fares")) {
            if (!fareIds.add(fare.text("id"))) {
                throw fare.fail("id", "repeats another fare's id");
            }
            if (byItinerary.put(fare.text("itinerary_id"), fare) != null) {
                throw fare.fail("itinerary_id", "names an itinerary that already has a fare");
            }
            fare.text("fare_basis");
            fare.text("booking_class");
            fare.textIn("cabin_class", CABIN_CLASSES);
            PayloadNode baggage = fare.object("baggage");
            baggage.integer("carry_on", 0, 9);
            baggage.integer("checked", 0, 9);
            PayloadNode seats = fare.object("seat_selection");
            seats.bool("allowed");
            if (seats.has("fee")) {
                seats.amountObject("fee");
            }
            if (fare.has("boarding_priority")) {
                fare.textIn("boarding_priority", BOARDING);
            }
            fare.optionalBool("extra_legroom", false);
        }
        return byItinerary;
    }

    private static ArrayNode slices(PayloadNode root, Map<String, PayloadNode> faresByItinerary,
            Set<String> seatSelectable) {
        ArrayNode slices = JSON.arrayNode();
        Set<String> itineraryIds = new HashSet<>();
        Set<String> segmentIds = new HashSet<>();
        for (PayloadNode itinerary : root.nonEmptyArray("itineraries")) {
            String id = itinerary.text("id");
            itinerary.textIn("direction", Set.of("outbound", "inbound"));
            if (!itineraryIds.add(id)) {
                throw itinerary.fail("id", "repeats another itinerary's id");
            }
            PayloadNode fare = faresByItinerary.get(id);
            if (fare == null) {
                throw itinerary.fail("id", "has no fare (no fares[].itinerary_id names it)");
            }
            String cabin = fare.text("cabin_class");
            boolean seats = fare.object("seat_selection").bool("allowed");
            Duration duration = itinerary.duration("duration");
            List<PayloadNode> segments = itinerary.nonEmptyArray("segments");
            if (segments.size() > MAX_SEGMENTS_PER_ITINERARY) {
                throw itinerary.fail("segments", "must have at most " + MAX_SEGMENTS_PER_ITINERARY
                        + " segments (4 connections)");
            }
            ArrayNode normalizedSegments = JSON.arrayNode();
            OffsetDateTime firstDeparture = null;
            OffsetDateTime previousArrival = null;
            String firstOrigin = null;
            String lastDestination = null;
            String departingAt = null;
            String arrivingAt = null;
            for (PayloadNode segment : segments) {
                String segmentId = segment.text("id");
                if (!segmentIds.add(segmentId)) {
                    throw segment.fail("id", "repeats another segment's id");
                }
                PayloadNode departure = segment.object("departure");
                PayloadNode arrival = segment.object("arrival");
                String origin = OfferFields.airport(departure, "airport", "LAX");
                String destination = OfferFields.airport(arrival, "airport", "LAX");
                OffsetDateTime departs = departure.dateTime("at");
                OffsetDateTime arrives = arrival.dateTime("at");
                if (!arrives.isAfter(departs)) {
                    throw arrival.fail("at", "must be after departure.at");
                }
                if (previousArrival != null && !departs.isAfter(previousArrival)) {
                    throw departure.fail("at", "must be after the previous segment's arrival");
                }
                firstDeparture = firstDeparture == null ? departs : firstDeparture;
                previousArrival = arrives;
                String marketing = OfferFields.carrier(segment, "marketing_carrier", "DA");
                String operating = OfferFields.carrier(segment, "operating_carrier", "DA");
                String flightNumber = segment.text("flight_number");
                if (!OfferFields.FLIGHT_NUMBER.matcher(flightNumber).matches()) {
                    throw segment.fail("flight_number", "must be the flight number without the carrier code, e.g. 1201");
                }
                ObjectNode out = normalizedSegments.addObject()
                        .put("id", segmentId)
                        .put("origin", origin)
                        .put("destination", destination)
                        .put("departing_at", departure.text("at"))
                        .put("arriving_at", arrival.text("at"))
                        .put("marketing_carrier", marketing)
                        .put("operating_carrier", operating)
                        .put("flight_number", flightNumber);
                String aircraft = segment.optionalText("aircraft");
                if (aircraft != null) {
                    out.put("aircraft", aircraft);
                }
                out.put("cabin_class", cabin);
                if (seats) {
                    seatSelectable.add(segmentId);
                }
                firstOrigin = firstOrigin == null ? origin : firstOrigin;
                departingAt = departingAt == null ? departure.text("at") : departingAt;
                lastDestination = destination;
                arrivingAt = arrival.text("at");
            }
            if (!Duration.between(firstDeparture, previousArrival).equals(duration)) {
                throw itinerary.fail("duration", "must be the time from the first departure to the last arrival ("
                        + Duration.between(firstDeparture, previousArrival) + ")");
            }
            ObjectNode slice = slices.addObject()
                    .put("id", id)
                    .put("origin", firstOrigin)
                    .put("destination", lastDestination)
                    .put("departing_at", departingAt)
                    .put("arriving_at", arrivingAt)
                    .put("duration", duration.toString());
            slice.set("segments", normalizedSegments);
            slice.set("conditions", OfferFields.noRefundsOrChanges());
        }
        for (Map.Entry<String, PayloadNode> fare : faresByItinerary.entrySet()) {
            if (!itineraryIds.contains(fare.getKey())) {
                throw fare.getValue().fail("itinerary_id", "names no itinerary of this offer");
            }
        }
        return slices;
    }

    private static ArrayNode privateFares(PayloadNode root) {
        List<PayloadNode> fares = root.optionalArray("private_fares");
        if (fares.isEmpty()) {
            return null;
        }
        ArrayNode out = JSON.arrayNode();
        for (PayloadNode fare : fares) {
            ObjectNode entry = out.addObject();
            for (String field : List.of("corporate_code", "tour_code", "tracking_reference")) {
                String value = fare.optionalText(field);
                if (value != null) {
                    entry.put(field, value);
                }
            }
            if (entry.isEmpty()) {
                throw fare.fail("needs a corporate_code, tour_code or tracking_reference");
            }
        }
        return out;
    }

    /** The first itinerary's fare, in the seed's fare_class_metadata shape. */
    private static ObjectNode fareClassMetadata(PayloadNode fare) {
        PayloadNode seats = fare.object("seat_selection");
        PayloadNode baggage = fare.object("baggage");
        ObjectNode metadata = JSON.objectNode().put("seat_selection_allowed", seats.bool("allowed"));
        if (seats.has("fee")) {
            Money fee = seats.amountObject("fee");
            metadata.put("seat_selection_fee", fee.amount().toPlainString())
                    .put("seat_selection_currency", fee.currency().getCurrencyCode());
        }
        metadata.put("extra_legroom", fare.optionalBool("extra_legroom", false))
                .put("carry_on_bags", baggage.integer("carry_on", 0, 9))
                .put("checked_bags", baggage.integer("checked", 0, 9))
                .put("checked_bags_paid", baggage.optionalBool("checked_paid", false))
                .put("changes_allowed", false)
                .put("refunds_allowed", false)
                .put("boarding_priority", fare.has("boarding_priority") ? fare.text("boarding_priority") : "standard");
        return metadata;
    }
}
