package io.movmo.booking.providers.amadeus;

import io.movmo.booking.providers.port.NormalizedOffer;
import io.movmo.booking.providers.port.OfferPayloadException;
import io.movmo.booking.shared.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reading Amadeus flight-offer objects (Flight Offers Search v2, Flight Offers Price v1): pure functions, no network,
 * no clock. A payload that cannot be read is an {@link OfferPayloadException} whose details name the field
 * ({@code itineraries[0].segments[1].departure.at: …}).
 *
 * <p>What a partner sends is the {@code flight-offer} object of an Amadeus search answer. The seed's flight search API
 * ({@code seeds/flight-search-api.md}) serves a unified object that is a superset of it ({@code dataSource},
 * {@code seatMap}, …, an {@code id} prefixed {@code amadeus_}, and optionally the untouched offer as
 * {@code rawFlightOffer}); both are accepted: {@code rawFlightOffer} is used when present, otherwise the unified
 * object without its own fields and with Amadeus's id.
 *
 * <p>Normalization choices:
 * <ul>
 *   <li><b>Amounts</b>: {@code total} is {@code price.grandTotal} (what is paid, additional services included), else
 *       {@code price.total}; {@code base} is {@code price.base}; {@code tax} is {@code price.total − price.base}:
 *       Amadeus itemizes taxes per traveler and fees ({@code SUPPLIER}, {@code TICKETING}, {@code FORM_OF_PAYMENT})
 *       per offer, and {@code total − base} is exactly their sum, so both count as tax. All in
 *       {@code price.currency}; an amount with more digits than the currency has is refused, never rounded.</li>
 *   <li><b>Expiry</b>: {@code lastTicketingDateTime}, else {@code lastTicketingDate} (the offer can be ticketed "until
 *       this date (included)"). Amadeus gives local dates and times without a zone, so they are read in UTC+14, the
 *       earliest zone on Earth: the end of the last ticketing day is its midnight in UTC+14 ({@code 2025-12-10} →
 *       {@code 2025-12-10T10:00:00Z}), which has passed nowhere yet when the engine's deadline falls. Amadeus
 *       guarantees the price only on the day of the search, which is why the engine prices before booking
 *       ({@code requires_pricing}). Neither field: no expiry.</li>
 *   <li><b>Owner</b>: {@code validatingAirlineCodes[0]} (the airline that issues the ticket), else the first
 *       marketing carrier.</li>
 *   <li><b>Passengers</b>: one per {@code travelerPricings[]} entry, id {@code travelerId}; {@code ADULT},
 *       {@code SENIOR}, {@code YOUNG}, {@code STUDENT} are adults, {@code CHILD} a child, {@code HELD_INFANT} and
 *       {@code SEATED_INFANT} infants.</li>
 *   <li><b>Slices</b>: one per itinerary (ids {@code 1}, {@code 2}, … in order); segment times are Amadeus's local
 *       airport times, as given; cabin, fare basis, booking class and branded fare come from the first traveler's
 *       {@code fareDetailsBySegment} for the segment.</li>
 *   <li><b>Fare class metadata</b>: {@code checked_bags} is the smallest {@code includedCheckedBags.quantity} over all
 *       travelers and segments (what every passenger gets on every flight); an allowance by weight only is
 *       {@code checked_bags_weight} and {@code checked_bags_weight_unit}; {@code carry_on_bags} likewise from
 *       {@code includedCabinBags}.</li>
 *   <li><b>Documents and loyalty</b>: Amadeus does not say on the offer whether documents are required (an airline
 *       that needs them refuses the order); it takes passports, known traveler numbers and redress numbers. Loyalty
 *       programmes of the carriers flying the itinerary are listed; Amadeus itself accepts any programme.</li>
 * </ul>
 */
final class AmadeusOffers {

    /** The earliest UTC offset in use: a local date or time read here has been reached nowhere else yet. */
    static final ZoneOffset EARLIEST_OFFSET = ZoneOffset.ofHours(14);

    /** The seed's document types Amadeus can carry (as PASSPORT, KNOWN_TRAVELER, REDRESS). */
    static final List<String> DOCUMENT_TYPES = List.of("passport", "known_traveler_number", "passenger_redress_number");

    private static final Set<String> UNIFIED_ONLY = Set.of("dataSource", "seatMapAvailable", "seatMap", "seatMapError",
            "rawFlightOffer");
    private static final String UNIFIED_ID_PREFIX = "amadeus_";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private AmadeusOffers() {}

    /** The Amadeus flight-offer in a partner's payload (see the class comment), as given. */
    static JsonNode offer(JsonNode raw) {
        if (raw == null || !raw.isObject()) {
            throw invalid("(root)", "must be an Amadeus flight-offer object");
        }
        JsonNode inner = raw.get("rawFlightOffer");
        return inner != null && inner.isObject() ? inner : raw;
    }

    /** The flight-offer as Amadeus returned it: what pricing, seat maps and orders are sent. A copy. */
    static ObjectNode forAmadeus(JsonNode raw) {
        JsonNode offer = offer(raw);
        ObjectNode copy = (ObjectNode) offer.deepCopy();
        if (offer == raw && raw.has("dataSource")) {
            UNIFIED_ONLY.forEach(copy::remove);
            String id = string(copy.get("id"));
            if (id != null && id.startsWith(UNIFIED_ID_PREFIX)) {
                copy.put("id", id.substring(UNIFIED_ID_PREFIX.length()));
            }
        }
        return copy;
    }

    static NormalizedOffer normalize(JsonNode raw) {
        JsonNode offer = forAmadeus(raw);
        String type = optionalString(offer, "type", "type");
        if (type != null && !type.equals("flight-offer")) {
            throw invalid("type", "must be \"flight-offer\", got " + quote(type));
        }
        String offerId = optionalString(offer, "id", "id");

        JsonNode price = object(offer, "price", "price");
        Currency currency = currency(price, "price.currency");
        Money priceTotal = money(price, "total", "price.total", currency, true);
        Money base = money(price, "base", "price.base", currency, true);
        Money grandTotal = money(price, "grandTotal", "price.grandTotal", currency, false);
        if (base.isGreaterThan(priceTotal)) {
            throw invalid("price.base", "is more than price.total (" + priceTotal + ")");
        }
        if (grandTotal != null && priceTotal.isGreaterThan(grandTotal)) {
            throw invalid("price.grandTotal", "is less than price.total (" + priceTotal + ")");
        }
        Money total = grandTotal != null ? grandTotal : priceTotal;
        Money tax = priceTotal.minus(base);

        Instant expiresAt = expiresAt(offer);

        Map<String, JsonNode> segments = new LinkedHashMap<>();
        Map<String, String> segmentPaths = new HashMap<>();
        JsonNode itineraries = array(offer, "itineraries", "itineraries");
        if (itineraries.isEmpty()) {
            throw invalid("itineraries", "must list at least one itinerary");
        }
        for (int i = 0; i < itineraries.size(); i++) {
            String path = "itineraries[" + i + "]";
            JsonNode itinerarySegments = array(itineraries.get(i), "segments", path + ".segments");
            if (itinerarySegments.isEmpty()) {
                throw invalid(path + ".segments", "must list at least one segment");
            }
            for (int s = 0; s < itinerarySegments.size(); s++) {
                String segmentPath = path + ".segments[" + s + "]";
                JsonNode segment = itinerarySegments.get(s);
                if (!segment.isObject()) {
                    throw invalid(segmentPath, "must be an object");
                }
                String id = requiredId(segment, segmentPath + ".id");
                if (segments.put(id, segment) != null) {
                    throw invalid(segmentPath + ".id", "repeats segment id " + quote(id));
                }
                segmentPaths.put(id, segmentPath);
            }
        }

        JsonNode travelerPricings = array(offer, "travelerPricings", "travelerPricings");
        if (travelerPricings.isEmpty()) {
            throw invalid("travelerPricings", "must list at least one traveler");
        }
        ArrayNode passengers = JSON.arrayNode();
        Map<String, JsonNode> fareBySegment = new HashMap<>();
        Set<String> travelerIds = new LinkedHashSet<>();
        List<JsonNode> allFareDetails = new ArrayList<>();
        for (int t = 0; t < travelerPricings.size(); t++) {
            String path = "travelerPricings[" + t + "]";
            JsonNode pricing = travelerPricings.get(t);
            if (!pricing.isObject()) {
                throw invalid(path, "must be an object");
            }
            String travelerId = requiredId(pricing, path + ".travelerId", "travelerId");
            if (!travelerIds.add(travelerId)) {
                throw invalid(path + ".travelerId", "repeats traveler id " + quote(travelerId));
            }
            String travelerType = requiredString(pricing, "travelerType", path + ".travelerType");
            ObjectNode passenger = passengers.addObject();
            passenger.put("id", travelerId);
            passenger.put("type", passengerType(travelerType, path + ".travelerType"));
            String adult = optionalString(pricing, "associatedAdultId", path + ".associatedAdultId");
            if (adult != null) {
                passenger.put("associated_adult_id", adult);
            }
            JsonNode details = pricing.get("fareDetailsBySegment");
            if (details == null || details.isNull()) {
                continue;
            }
            if (!details.isArray()) {
                throw invalid(path + ".fareDetailsBySegment", "must be an array");
            }
            for (int d = 0; d < details.size(); d++) {
                String detailPath = path + ".fareDetailsBySegment[" + d + "]";
                JsonNode detail = details.get(d);
                if (!detail.isObject()) {
                    throw invalid(detailPath, "must be an object");
                }
                String segmentId = requiredId(detail, detailPath + ".segmentId", "segmentId");
                if (!segments.containsKey(segmentId)) {
                    throw invalid(detailPath + ".segmentId", "names no segment of the itineraries: " + quote(segmentId));
                }
                fareBySegment.putIfAbsent(segmentId, detail);
                allFareDetails.add(detail);
                allowance(detail.get("includedCheckedBags"), detailPath + ".includedCheckedBags");
                allowance(detail.get("includedCabinBags"), detailPath + ".includedCabinBags");
            }
        }
        for (JsonNode passenger : passengers) {
            JsonNode adult = passenger.get("associated_adult_id");
            if (adult != null && !travelerIds.contains(adult.stringValue())) {
                throw invalid("travelerPricings", "traveler " + quote(passenger.get("id").stringValue())
                        + " is associated with adult " + quote(adult.stringValue()) + ", who is not a traveler of the offer");
            }
        }

        ArrayNode slices = JSON.arrayNode();
        Set<String> carriers = new LinkedHashSet<>();
        for (int i = 0; i < itineraries.size(); i++) {
            JsonNode itinerary = itineraries.get(i);
            String path = "itineraries[" + i + "]";
            ArrayNode sliceSegments = JSON.arrayNode();
            JsonNode itinerarySegments = itinerary.get("segments");
            for (JsonNode segment : itinerarySegments) {
                String id = string(segment.get("id"));
                sliceSegments.add(segment(segment, segmentPaths.get(id), fareBySegment.get(id), carriers));
            }
            ObjectNode slice = slices.addObject();
            slice.put("id", String.valueOf(i + 1));
            JsonNode first = sliceSegments.get(0);
            JsonNode last = sliceSegments.get(sliceSegments.size() - 1);
            slice.put("origin", first.get("origin").stringValue());
            slice.put("destination", last.get("destination").stringValue());
            slice.put("departing_at", first.get("departing_at").stringValue());
            slice.put("arriving_at", last.get("arriving_at").stringValue());
            putIfPresent(slice, "duration", optionalString(itinerary, "duration", path + ".duration"));
            slice.set("segments", sliceSegments);
            slice.putNull("conditions");
        }

        ObjectNode owner = JSON.objectNode();
        List<String> validating = strings(offer.get("validatingAirlineCodes"), "validatingAirlineCodes");
        owner.put("iata_code", validating.isEmpty() ? slices.get(0).get("segments").get(0).get("marketing_carrier")
                .stringValue() : validating.get(0));
        ArrayNode validatingCodes = owner.putArray("validating_airline_codes");
        validating.forEach(validatingCodes::add);

        ObjectNode paymentRequirements = JSON.objectNode();
        paymentRequirements.put("requires_instant_payment", bool(offer, "instantTicketingRequired"));
        paymentRequirements.put("payment_card_required", bool(offer, "paymentCardRequired"));
        putIfPresent(paymentRequirements, "last_ticketing_date", optionalString(offer, "lastTicketingDate", "lastTicketingDate"));

        return new NormalizedOffer(offerId, expiresAt, total, base, tax, null, false, DOCUMENT_TYPES,
                List.copyOf(carriers), owner, passengers, slices, null, paymentRequirements, null, null,
                fareClassMetadata(allFareDetails));
    }

    /** The offer's travelers: {@code travelerId} → {@code travelerType}, in order. */
    static Map<String, String> travelers(JsonNode offer) {
        Map<String, String> travelers = new LinkedHashMap<>();
        JsonNode pricings = offer.get("travelerPricings");
        if (pricings != null && pricings.isArray()) {
            for (JsonNode pricing : pricings) {
                String id = string(pricing.get("travelerId"));
                if (id != null) {
                    travelers.put(id, string(pricing.get("travelerType")));
                }
            }
        }
        return travelers;
    }

    private static ObjectNode segment(JsonNode segment, String path, JsonNode fare, Set<String> carriers) {
        ObjectNode normalized = JSON.objectNode();
        normalized.put("id", string(segment.get("id")));
        JsonNode departure = object(segment, "departure", path + ".departure");
        JsonNode arrival = object(segment, "arrival", path + ".arrival");
        normalized.put("origin", airport(departure, path + ".departure.iataCode"));
        normalized.put("destination", airport(arrival, path + ".arrival.iataCode"));
        normalized.put("departing_at", localTime(departure, path + ".departure.at"));
        normalized.put("arriving_at", localTime(arrival, path + ".arrival.at"));
        putIfPresent(normalized, "origin_terminal", optionalString(departure, "terminal", path + ".departure.terminal"));
        putIfPresent(normalized, "destination_terminal", optionalString(arrival, "terminal", path + ".arrival.terminal"));
        String marketing = carrier(requiredString(segment, "carrierCode", path + ".carrierCode"), path + ".carrierCode");
        JsonNode operatingNode = segment.get("operating");
        String operating = operatingNode != null && operatingNode.isObject()
                ? optionalString(operatingNode, "carrierCode", path + ".operating.carrierCode") : null;
        operating = operating == null ? marketing : carrier(operating, path + ".operating.carrierCode");
        carriers.add(marketing);
        carriers.add(operating);
        normalized.put("marketing_carrier", marketing);
        normalized.put("operating_carrier", operating);
        normalized.put("flight_number", requiredString(segment, "number", path + ".number"));
        JsonNode aircraft = segment.get("aircraft");
        normalized.put("aircraft", aircraft != null && aircraft.isObject()
                ? optionalString(aircraft, "code", path + ".aircraft.code") : null);
        putIfPresent(normalized, "duration", optionalString(segment, "duration", path + ".duration"));
        JsonNode stops = segment.get("numberOfStops");
        if (stops != null && stops.canConvertToInt()) {
            normalized.put("number_of_stops", stops.asInt());
        }
        String cabin = fare == null ? null : string(fare.get("cabin"));
        normalized.put("cabin_class", cabin == null ? null : cabin.toLowerCase(Locale.ROOT));
        if (fare != null) {
            putIfPresent(normalized, "fare_basis", string(fare.get("fareBasis")));
            putIfPresent(normalized, "booking_class", string(fare.get("class")));
            putIfPresent(normalized, "branded_fare", string(fare.get("brandedFare")));
        }
        return normalized;
    }

    private static JsonNode fareClassMetadata(List<JsonNode> details) {
        Integer checked = minimum(details, "includedCheckedBags", "quantity");
        Integer checkedWeight = minimum(details, "includedCheckedBags", "weight");
        Integer cabin = minimum(details, "includedCabinBags", "quantity");
        if (checked == null && checkedWeight == null && cabin == null) {
            return null;
        }
        ObjectNode metadata = JSON.objectNode();
        if (checked != null) {
            metadata.put("checked_bags", checked);
        } else if (checkedWeight != null) {
            metadata.put("checked_bags_weight", checkedWeight);
            String unit = details.stream().map(d -> d.get("includedCheckedBags"))
                    .filter(b -> b != null && b.isObject()).map(b -> string(b.get("weightUnit")))
                    .filter(u -> u != null).findFirst().orElse(null);
            putIfPresent(metadata, "checked_bags_weight_unit", unit);
        }
        if (cabin != null) {
            metadata.put("carry_on_bags", cabin);
        }
        return metadata;
    }

    private static Integer minimum(List<JsonNode> details, String allowance, String field) {
        Integer minimum = null;
        for (JsonNode detail : details) {
            JsonNode bags = detail.get(allowance);
            JsonNode value = bags == null ? null : bags.get(field);
            if (value != null && value.canConvertToInt()) {
                minimum = minimum == null ? value.asInt() : Math.min(minimum, value.asInt());
            }
        }
        return minimum;
    }

    private static void allowance(JsonNode bags, String path) {
        if (bags == null || bags.isNull()) {
            return;
        }
        if (!bags.isObject()) {
            throw invalid(path, "must be an object");
        }
        for (String field : List.of("quantity", "weight")) {
            JsonNode value = bags.get(field);
            if (value != null && !value.isNull() && !(value.isIntegralNumber() && value.asInt() >= 0)) {
                throw invalid(path + "." + field, "must be a whole number of 0 or more");
            }
        }
    }

    /** lastTicketingDateTime, else lastTicketingDate; see the class comment for the zone. */
    static Instant expiresAt(JsonNode offer) {
        String dateTime = optionalString(offer, "lastTicketingDateTime", "lastTicketingDateTime");
        if (dateTime != null) {
            Instant instant = earliestInstant(dateTime);
            if (instant == null) {
                throw invalid("lastTicketingDateTime", "must be a date-time such as \"2025-12-10T23:59:00\", got "
                        + quote(dateTime));
            }
            return instant;
        }
        String date = optionalString(offer, "lastTicketingDate", "lastTicketingDate");
        if (date == null) {
            return null;
        }
        try {
            return LocalDate.parse(date).plusDays(1).atStartOfDay(EARLIEST_OFFSET).toInstant();
        } catch (DateTimeParseException e) {
            throw invalid("lastTicketingDate", "must be a date such as \"2025-12-10\", got " + quote(date));
        }
    }

    /**
     * A date-time Amadeus gives without a zone, at the earliest instant it can mean: with an offset, that instant;
     * a local date-time, in UTC+14; a date alone, its start in UTC+14. Null when it is none of these.
     */
    static Instant earliestInstant(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(value).toInstant(EARLIEST_OFFSET);
            } catch (DateTimeParseException notLocal) {
                try {
                    return LocalDate.parse(value).atStartOfDay(EARLIEST_OFFSET).toInstant();
                } catch (DateTimeParseException notDate) {
                    return null;
                }
            }
        }
    }

    private static String passengerType(String travelerType, String path) {
        return switch (travelerType) {
            case "ADULT", "SENIOR", "YOUNG", "STUDENT" -> "adult";
            case "CHILD" -> "child";
            case "HELD_INFANT", "SEATED_INFANT" -> "infant";
            default -> throw invalid(path, "must be one of ADULT, CHILD, SENIOR, YOUNG, HELD_INFANT, SEATED_INFANT, "
                    + "STUDENT; got " + quote(travelerType));
        };
    }

    private static String airport(JsonNode endpoint, String path) {
        String code = requiredString(endpoint, "iataCode", path);
        if (!code.matches("[A-Z]{3}")) {
            throw invalid(path, "must be a 3-letter IATA code, got " + quote(code));
        }
        return code;
    }

    private static String carrier(String code, String path) {
        if (!code.matches("[A-Z0-9]{2,3}")) {
            throw invalid(path, "must be a 2-character IATA airline code, got " + quote(code));
        }
        return code;
    }

    private static String localTime(JsonNode endpoint, String path) {
        String at = requiredString(endpoint, "at", path);
        try {
            LocalDateTime.parse(at);
        } catch (DateTimeParseException notLocal) {
            try {
                OffsetDateTime.parse(at);
            } catch (DateTimeParseException notOffset) {
                throw invalid(path, "must be a date-time such as \"2025-12-15T08:00:00\", got " + quote(at));
            }
        }
        return at;
    }

    static Currency currency(JsonNode price, String path) {
        String code = requiredString(price, "currency", path);
        try {
            Currency currency = Currency.getInstance(code);
            if (currency.getDefaultFractionDigits() < 0) {
                throw invalid(path, "must be a currency with minor units, got " + quote(code));
            }
            return currency;
        } catch (IllegalArgumentException e) {
            throw invalid(path, "must be an ISO 4217 currency code, got " + quote(code));
        }
    }

    /** An Amadeus amount (a decimal string, or a JSON number) in {@code currency}, exactly. */
    static Money money(JsonNode parent, String field, String path, Currency currency, boolean required) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw invalid(path, "is missing");
            }
            return null;
        }
        BigDecimal amount;
        if (node.isNumber()) {
            amount = node.decimalValue();
        } else if (node.isString()) {
            try {
                amount = new BigDecimal(node.stringValue().trim());
            } catch (NumberFormatException e) {
                throw invalid(path, "must be a decimal amount such as \"299.00\", got " + quote(node.stringValue()));
            }
        } else {
            throw invalid(path, "must be a decimal amount such as \"299.00\"");
        }
        try {
            return Money.of(amount, currency);
        } catch (IllegalArgumentException e) {
            throw invalid(path, e.getMessage());
        }
    }

    private static List<String> strings(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw invalid(path, "must be an array of airline codes");
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String value = string(node.get(i));
            if (value == null) {
                throw invalid(path + "[" + i + "]", "must be an airline code");
            }
            values.add(carrier(value, path + "[" + i + "]"));
        }
        return values;
    }

    private static boolean bool(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw invalid(field, "must be true or false");
        }
        return node.booleanValue();
    }

    static JsonNode object(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            throw invalid(path, "is missing");
        }
        if (!node.isObject()) {
            throw invalid(path, "must be an object");
        }
        return node;
    }

    static JsonNode array(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            throw invalid(path, "is missing");
        }
        if (!node.isArray()) {
            throw invalid(path, "must be an array");
        }
        return node;
    }

    private static String requiredString(JsonNode parent, String field, String path) {
        String value = optionalString(parent, field, path);
        if (value == null) {
            throw invalid(path, "is missing");
        }
        return value;
    }

    private static String requiredId(JsonNode parent, String path) {
        return requiredId(parent, path, "id");
    }

    /** Ids are strings in Amadeus's answers; numbers are accepted as their text. */
    private static String requiredId(JsonNode parent, String path, String field) {
        JsonNode node = parent.get(field);
        if (node != null && node.isIntegralNumber()) {
            return node.asString();
        }
        return requiredString(parent, field, path);
    }

    private static String optionalString(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            throw invalid(path, "must be a string");
        }
        String value = node.stringValue().strip();
        if (value.isEmpty()) {
            throw invalid(path, "must not be blank");
        }
        return value;
    }

    /** A string node's value; null for anything else. */
    static String string(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isString()) {
            return node.stringValue();
        }
        return node.isIntegralNumber() ? node.asString() : null;
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static String quote(String value) {
        String shown = value.length() > 40 ? value.substring(0, 40) + "…" : value;
        return "\"" + shown + "\"";
    }

    static OfferPayloadException invalid(String path, String problem) {
        return new OfferPayloadException("The Amadeus flight-offer cannot be read", path + ": " + problem);
    }
}
