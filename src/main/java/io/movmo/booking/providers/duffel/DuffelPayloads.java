package io.movmo.booking.providers.duffel;

import io.movmo.booking.providers.port.NormalizedOffer;
import io.movmo.booking.providers.port.ProviderOrder;
import io.movmo.booking.providers.port.SeatMap;
import io.movmo.booking.shared.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads Duffel's v2 payloads: offers into {@link NormalizedOffer}, seat maps into {@link SeatMap}s, orders into
 * {@link ProviderOrder}s. Pure: no network, no clock. Anything it cannot read is a {@link Malformed} naming the exact
 * field ({@code slices[0].segments[1].departing_at is missing}); amounts are Duffel's decimal strings read exactly
 * into {@link Money} (never a double), so an amount with more decimals than its currency has is malformed, not
 * rounded.
 */
final class DuffelPayloads {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private DuffelPayloads() {}

    /** A payload that breaks Duffel's documented shape; {@link #getMessage()} is the field path and the fault. */
    static final class Malformed extends RuntimeException {

        Malformed(String detail) {
            super(detail, null, false, false);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // offers

    /** The offer object itself, whether given as Duffel's {@code {"data": offer}} envelope or bare. */
    static JsonNode offerObject(JsonNode raw) {
        if (raw == null || !raw.isObject()) {
            throw new Malformed("the offer payload must be a JSON object");
        }
        JsonNode data = raw.get("data");
        if (data != null && data.isObject() && !raw.has("id")) {
            return data;
        }
        return raw;
    }

    /** Duffel's offer id ({@code off_…}) of a raw offer. */
    static String offerId(JsonNode raw) {
        return text(offerObject(raw), "id", "id");
    }

    static NormalizedOffer normalize(JsonNode raw) {
        JsonNode offer = offerObject(raw);
        String id = text(offer, "id", "id");
        Instant expiresAt = instant(offer, "expires_at", "expires_at");
        Money total = money(offer, "total_amount", "total_currency", "");
        Money base = optionalMoney(offer, "base_amount", "base_currency", "");
        Money tax = optionalMoney(offer, "tax_amount", "tax_currency", "");
        String emissions = optionalScalar(offer, "total_emissions_kg", "total_emissions_kg");
        boolean documentsRequired = optionalBoolean(offer, "passenger_identity_documents_required",
                "passenger_identity_documents_required");
        List<String> documentTypes = offer.has("supported_passenger_identity_document_types")
                ? strings(offer, "supported_passenger_identity_document_types")
                : strings(offer, "allowed_passenger_identity_document_types");
        List<String> loyaltyProgrammes = strings(offer, "supported_loyalty_programmes");
        JsonNode owner = owner(offer);
        ArrayNode passengers = passengers(offer);
        ArrayNode slices = slices(offer);
        JsonNode conditions = conditions(offer.get("conditions"), "conditions");
        JsonNode paymentRequirements = paymentRequirements(offer.get("payment_requirements"));
        JsonNode privateFares = nonEmptyArrayCopy(offer.get("private_fares"), "private_fares");
        JsonNode services = availableServices(offer.get("available_services"));
        return new NormalizedOffer(id, expiresAt, total, base, tax, emissions, documentsRequired, documentTypes,
                loyaltyProgrammes, owner, passengers, slices, conditions, paymentRequirements, privateFares, services,
                null);
    }

    private static JsonNode owner(JsonNode offer) {
        JsonNode owner = object(offer, "owner", "owner");
        text(owner, "iata_code", "owner.iata_code");
        return owner.deepCopy();
    }

    /** {@code [{id, type: adult|child|infant, age?}]}; Duffel's {@code infant_without_seat} is an infant. */
    private static ArrayNode passengers(JsonNode offer) {
        JsonNode passengers = nonEmptyArray(offer, "passengers", "passengers");
        ArrayNode out = NODES.arrayNode();
        for (int i = 0; i < passengers.size(); i++) {
            String path = "passengers[" + i + "]";
            JsonNode passenger = element(passengers, i, path);
            ObjectNode normalized = out.addObject();
            normalized.put("id", text(passenger, "id", path + ".id"));
            Integer age = optionalInt(passenger, "age", path + ".age");
            normalized.put("type", passengerType(passenger, age, path));
            if (age != null) {
                normalized.put("age", age);
            }
        }
        return out;
    }

    /**
     * Duffel's passenger type, or — when the search named an age instead — the type that age makes: under 2 an
     * infant, under 18 a child (Duffel's own bands).
     */
    private static String passengerType(JsonNode passenger, Integer age, String path) {
        JsonNode type = passenger.get("type");
        if (type == null || type.isNull()) {
            if (age == null) {
                throw new Malformed(path + ".type is missing (and so is " + path + ".age)");
            }
            return age < 2 ? "infant" : age < 18 ? "child" : "adult";
        }
        if (!type.isString()) {
            throw new Malformed(path + ".type is not a string");
        }
        return switch (type.stringValue()) {
            case "adult" -> "adult";
            case "child" -> "child";
            case "infant_without_seat", "infant" -> "infant";
            default -> throw new Malformed(path + ".type is not adult, child or infant_without_seat");
        };
    }

    private static ArrayNode slices(JsonNode offer) {
        JsonNode slices = nonEmptyArray(offer, "slices", "slices");
        ArrayNode out = NODES.arrayNode();
        for (int i = 0; i < slices.size(); i++) {
            String path = "slices[" + i + "]";
            JsonNode slice = element(slices, i, path);
            ObjectNode normalized = out.addObject();
            normalized.put("id", text(slice, "id", path + ".id"));
            normalized.put("origin", iataCode(slice, "origin", path));
            normalized.put("destination", iataCode(slice, "destination", path));
            JsonNode segments = nonEmptyArray(slice, "segments", path + ".segments");
            ArrayNode normalizedSegments = NODES.arrayNode();
            for (int j = 0; j < segments.size(); j++) {
                normalizedSegments.add(segment(element(segments, j, path + ".segments[" + j + "]"),
                        path + ".segments[" + j + "]"));
            }
            normalized.put("departing_at", normalizedSegments.get(0).get("departing_at").stringValue());
            normalized.put("arriving_at",
                    normalizedSegments.get(normalizedSegments.size() - 1).get("arriving_at").stringValue());
            putOptionalScalar(normalized, "duration", slice, path);
            putOptionalScalar(normalized, "fare_brand_name", slice, path);
            normalized.set("segments", normalizedSegments);
            JsonNode conditions = conditions(slice.get("conditions"), path + ".conditions");
            if (conditions != null) {
                normalized.set("conditions", conditions);
            }
        }
        return out;
    }

    private static ObjectNode segment(JsonNode segment, String path) {
        ObjectNode out = NODES.objectNode();
        out.put("id", text(segment, "id", path + ".id"));
        out.put("origin", iataCode(segment, "origin", path));
        out.put("destination", iataCode(segment, "destination", path));
        out.put("departing_at", dateTime(segment, "departing_at", path + ".departing_at"));
        out.put("arriving_at", dateTime(segment, "arriving_at", path + ".arriving_at"));
        String marketing = iataCode(segment, "marketing_carrier", path);
        out.put("marketing_carrier", marketing);
        JsonNode operating = segment.get("operating_carrier");
        out.put("operating_carrier", operating == null || operating.isNull() ? marketing
                : iataCode(segment, "operating_carrier", path));
        out.put("flight_number", text(segment, "marketing_carrier_flight_number",
                path + ".marketing_carrier_flight_number"));
        String operatingNumber = optionalScalar(segment, "operating_carrier_flight_number",
                path + ".operating_carrier_flight_number");
        if (operatingNumber != null) {
            out.put("operating_carrier_flight_number", operatingNumber);
        }
        JsonNode aircraft = segment.get("aircraft");
        if (aircraft == null || aircraft.isNull()) {
            out.putNull("aircraft");
        } else if (!aircraft.isObject()) {
            throw new Malformed(path + ".aircraft is not an object");
        } else {
            out.put("aircraft", optionalScalar(aircraft, "name", path + ".aircraft.name"));
            String aircraftCode = optionalScalar(aircraft, "iata_code", path + ".aircraft.iata_code");
            if (aircraftCode != null) {
                out.put("aircraft_iata_code", aircraftCode);
            }
        }
        putOptionalScalar(out, "origin_terminal", segment, path);
        putOptionalScalar(out, "destination_terminal", segment, path);
        putOptionalScalar(out, "duration", segment, path);
        JsonNode passengers = segment.get("passengers");
        String cabinClass = null;
        if (passengers != null && !passengers.isNull()) {
            if (!passengers.isArray()) {
                throw new Malformed(path + ".passengers is not an array");
            }
            ArrayNode normalizedPassengers = out.putArray("passengers");
            for (int k = 0; k < passengers.size(); k++) {
                String passengerPath = path + ".passengers[" + k + "]";
                JsonNode passenger = element(passengers, k, passengerPath);
                ObjectNode normalized = normalizedPassengers.addObject();
                for (String field : List.of("passenger_id", "cabin_class", "cabin_class_marketing_name",
                        "fare_basis_code")) {
                    putOptionalScalar(normalized, field, passenger, passengerPath);
                }
                JsonNode baggages = passenger.get("baggages");
                if (baggages != null && baggages.isArray()) {
                    normalized.set("baggages", baggages.deepCopy());
                }
                if (cabinClass == null) {
                    cabinClass = optionalScalar(passenger, "cabin_class", passengerPath + ".cabin_class");
                }
            }
        }
        out.put("cabin_class", cabinClass);
        return out;
    }

    /** {@code change_before_departure}/{@code refund_before_departure} with their penalties read as money. */
    private static JsonNode conditions(JsonNode conditions, String path) {
        if (conditions == null || conditions.isNull()) {
            return null;
        }
        if (!conditions.isObject()) {
            throw new Malformed(path + " is not an object");
        }
        ObjectNode out = NODES.objectNode();
        for (Map.Entry<String, JsonNode> entry : conditions.properties()) {
            JsonNode condition = entry.getValue();
            String conditionPath = path + "." + entry.getKey();
            if (condition.isObject() && condition.has("penalty_amount")) {
                ObjectNode copy = (ObjectNode) condition.deepCopy();
                Money penalty = optionalMoney(condition, "penalty_amount", "penalty_currency", conditionPath + ".");
                if (penalty == null) {
                    copy.putNull("penalty_amount");
                } else {
                    copy.put("penalty_amount", penalty.amount().toPlainString());
                    copy.put("penalty_currency", penalty.currency().getCurrencyCode());
                }
                out.set(entry.getKey(), copy);
            } else {
                out.set(entry.getKey(), condition.deepCopy());
            }
        }
        return out;
    }

    private static JsonNode paymentRequirements(JsonNode requirements) {
        if (requirements == null || requirements.isNull()) {
            return null;
        }
        if (!requirements.isObject()) {
            throw new Malformed("payment_requirements is not an object");
        }
        optionalInstant(requirements, "payment_required_by", "payment_requirements.payment_required_by");
        optionalInstant(requirements, "price_guarantee_expires_at",
                "payment_requirements.price_guarantee_expires_at");
        return requirements.deepCopy();
    }

    /** The seed's {@code available_services} items; omitted (null) when Duffel offers none. */
    private static JsonNode availableServices(JsonNode services) {
        if (services == null || services.isNull()) {
            return null;
        }
        if (!services.isArray()) {
            throw new Malformed("available_services is not an array");
        }
        if (services.isEmpty()) {
            return null;
        }
        ArrayNode out = NODES.arrayNode();
        for (int i = 0; i < services.size(); i++) {
            String path = "available_services[" + i + "]";
            JsonNode service = element(services, i, path);
            ObjectNode normalized = out.addObject();
            normalized.put("id", text(service, "id", path + ".id"));
            String type = text(service, "type", path + ".type");
            normalized.put("type", type);
            Money price = money(service, "total_amount", "total_currency", path + ".");
            normalized.put("total_amount", price.amount().toPlainString());
            normalized.put("total_currency", price.currency().getCurrencyCode());
            normalized.set("segment_ids", stringArray(service, "segment_ids", path + ".segment_ids"));
            normalized.set("passenger_ids", stringArray(service, "passenger_ids", path + ".passenger_ids"));
            Integer maximum = optionalInt(service, "maximum_quantity", path + ".maximum_quantity");
            if (maximum != null) {
                normalized.put("maximum_quantity", maximum);
            }
            JsonNode metadata = service.get("metadata");
            if (metadata != null && metadata.isObject()) {
                baggageMetadata(normalized, type, metadata, path + ".metadata");
            }
        }
        return out;
    }

    private static void baggageMetadata(ObjectNode normalized, String type, JsonNode metadata, String path) {
        if (!"baggage".equals(type)) {
            return;
        }
        String bagType = optionalScalar(metadata, "type", path + ".type");
        if ("checked".equals(bagType)) {
            normalized.put("name", "Checked bag");
        } else if ("carry_on".equals(bagType)) {
            normalized.put("name", "Carry-on bag");
        }
        BigDecimal weight = optionalDecimal(metadata, "maximum_weight_kg", path + ".maximum_weight_kg");
        if (weight != null) {
            BigDecimal whole = weight.stripTrailingZeros();
            if (whole.scale() <= 0 && whole.abs().compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0) {
                normalized.put("weight", whole.intValueExact());
            } else {
                normalized.put("weight", weight);
            }
            normalized.put("weight_unit", "kg");
        }
        Integer length = optionalInt(metadata, "maximum_length_cm", path + ".maximum_length_cm");
        Integer width = optionalInt(metadata, "maximum_depth_cm", path + ".maximum_depth_cm");
        Integer height = optionalInt(metadata, "maximum_height_cm", path + ".maximum_height_cm");
        if (length != null || width != null || height != null) {
            ObjectNode dimensions = normalized.putObject("dimensions");
            if (length != null) {
                dimensions.put("length", length);
            }
            if (width != null) {
                dimensions.put("width", width);
            }
            if (height != null) {
                dimensions.put("height", height);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // seat maps

    /**
     * Duffel's seat maps ({@code data} of {@code GET /air/seat_maps}), one {@link SeatMap} each. A seat element is
     * available when it has at least one {@code available_services} entry (Duffel's rule); Duffel does not say whether
     * an unavailable seat is occupied or blocked, so it is reported occupied. A seat's price is the lowest of its
     * per-passenger services (they normally agree; the order names the exact service per passenger).
     */
    static List<SeatMap> seatMaps(JsonNode data) {
        if (data == null || !data.isArray()) {
            throw new Malformed("data is not an array of seat maps");
        }
        List<SeatMap> maps = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            String path = "data[" + i + "]";
            JsonNode map = element(data, i, path);
            String segmentId = text(map, "segment_id", path + ".segment_id");
            Map<String, SeatMap.Seat> seats = new LinkedHashMap<>();
            Map<String, SeatMap.SeatPrice> pricing = new LinkedHashMap<>();
            JsonNode cabins = array(map, "cabins", path + ".cabins");
            for (int c = 0; c < cabins.size(); c++) {
                String cabinPath = path + ".cabins[" + c + "]";
                JsonNode rows = array(element(cabins, c, cabinPath), "rows", cabinPath + ".rows");
                for (int r = 0; r < rows.size(); r++) {
                    String rowPath = cabinPath + ".rows[" + r + "]";
                    JsonNode sections = array(element(rows, r, rowPath), "sections", rowPath + ".sections");
                    for (int s = 0; s < sections.size(); s++) {
                        String sectionPath = rowPath + ".sections[" + s + "]";
                        JsonNode elements = array(element(sections, s, sectionPath), "elements",
                                sectionPath + ".elements");
                        for (int e = 0; e < elements.size(); e++) {
                            String elementPath = sectionPath + ".elements[" + e + "]";
                            JsonNode element = element(elements, e, elementPath);
                            if ("seat".equals(optionalScalar(element, "type", elementPath + ".type"))) {
                                seat(element, elementPath, seats, pricing);
                            }
                        }
                    }
                }
            }
            maps.add(new SeatMap(segmentId, seats, pricing));
        }
        return maps;
    }

    private static void seat(JsonNode element, String path, Map<String, SeatMap.Seat> seats,
            Map<String, SeatMap.SeatPrice> pricing) {
        String designator = text(element, "designator", path + ".designator");
        int split = 0;
        while (split < designator.length() && Character.isDigit(designator.charAt(split))) {
            split++;
        }
        String row = split == 0 ? null : designator.substring(0, split);
        String column = split == designator.length() ? null : designator.substring(split);
        JsonNode services = element.get("available_services");
        Money cheapest = null;
        if (services != null && !services.isNull()) {
            if (!services.isArray()) {
                throw new Malformed(path + ".available_services is not an array");
            }
            for (int i = 0; i < services.size(); i++) {
                String servicePath = path + ".available_services[" + i + "]";
                JsonNode service = element(services, i, servicePath);
                text(service, "id", servicePath + ".id");
                Money price = money(service, "total_amount", "total_currency", servicePath + ".");
                boolean cheaper = cheapest != null && price.currency().equals(cheapest.currency())
                        && cheapest.isGreaterThan(price);
                if (cheapest == null || cheaper) {
                    cheapest = price;
                }
            }
        }
        boolean available = cheapest != null;
        String name = optionalScalar(element, "name", path + ".name");
        List<String> disclosures = element.has("disclosures") && !element.get("disclosures").isNull()
                ? strings(element, "disclosures") : List.of();
        seats.put(designator, new SeatMap.Seat(designator, row, column, available, !available, false,
                name == null || name.isBlank() ? "seat" : name, disclosures));
        if (available) {
            pricing.put(designator, new SeatMap.SeatPrice(cheapest.amount(), cheapest.currency().getCurrencyCode()));
        }
    }

    /**
     * The id of the seat service Duffel sells for {@code designator} on {@code segmentId} to {@code passengerId}, or
     * null when that seat is not for sale to that passenger.
     */
    static String seatServiceId(JsonNode seatMaps, String segmentId, String designator, String passengerId) {
        for (JsonNode map : seatMaps) {
            if (!segmentId.equals(map.path("segment_id").asString(null))) {
                continue;
            }
            for (JsonNode cabin : map.path("cabins")) {
                for (JsonNode row : cabin.path("rows")) {
                    for (JsonNode section : row.path("sections")) {
                        for (JsonNode element : section.path("elements")) {
                            if (!"seat".equals(element.path("type").asString(null))
                                    || !designator.equalsIgnoreCase(element.path("designator").asString(""))) {
                                continue;
                            }
                            for (JsonNode service : element.path("available_services")) {
                                if (passengerId.equals(service.path("passenger_id").asString(null))
                                        && service.path("id").isString()) {
                                    return service.path("id").stringValue();
                                }
                            }
                        }
                    }
                }
            }
        }
        return null;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // orders

    /**
     * An order as the engine tracks it: {@code cancelled} when Duffel has {@code cancelled_at}, {@code held} while
     * {@code payment_status.awaiting_payment}, {@code confirmed} otherwise (paid; ticketed or ticketing).
     */
    static ProviderOrder providerOrder(JsonNode order) {
        if (order == null || !order.isObject()) {
            throw new Malformed("data is not an order object");
        }
        String id = text(order, "id", "id");
        String bookingReference = optionalScalar(order, "booking_reference", "booking_reference");
        Money total = money(order, "total_amount", "total_currency", "");
        JsonNode paymentStatus = order.path("payment_status");
        boolean awaitingPayment = paymentStatus.path("awaiting_payment").asBoolean(false);
        JsonNode cancelledAt = order.get("cancelled_at");
        String status = cancelledAt != null && !cancelledAt.isNull() ? "cancelled"
                : awaitingPayment ? "held" : "confirmed";
        Instant paymentRequiredBy = awaitingPayment && paymentStatus.isObject()
                ? optionalInstant(paymentStatus, "payment_required_by", "payment_status.payment_required_by") : null;
        return new ProviderOrder(id, bookingReference, reference(order), status, total, paymentRequiredBy);
    }

    /** Our reference as stored in the order's metadata, or null. */
    static String reference(JsonNode order) {
        JsonNode reference = order.path("metadata").path(DuffelFlightProvider.METADATA_REFERENCE);
        return reference.isString() ? reference.stringValue() : null;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // field readers; every failure names the field's path

    static JsonNode object(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            throw new Malformed(path + " is missing");
        }
        if (!node.isObject()) {
            throw new Malformed(path + " is not an object");
        }
        return node;
    }

    static JsonNode array(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            throw new Malformed(path + " is missing");
        }
        if (!node.isArray()) {
            throw new Malformed(path + " is not an array");
        }
        return node;
    }

    private static JsonNode nonEmptyArray(JsonNode parent, String field, String path) {
        JsonNode node = array(parent, field, path);
        if (node.isEmpty()) {
            throw new Malformed(path + " is empty");
        }
        return node;
    }

    private static JsonNode element(JsonNode array, int index, String path) {
        JsonNode node = array.get(index);
        if (node == null || !node.isObject()) {
            throw new Malformed(path + " is not an object");
        }
        return node;
    }

    static String text(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            throw new Malformed(path + " is missing");
        }
        if (!node.isString()) {
            throw new Malformed(path + " is not a string");
        }
        if (node.stringValue().isBlank()) {
            throw new Malformed(path + " is blank");
        }
        return node.stringValue();
    }

    /** A string (or number) field as text; null when absent or null. */
    static String optionalScalar(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isString()) {
            return node.stringValue();
        }
        if (node.isNumber()) {
            return node.decimalValue().toPlainString();
        }
        throw new Malformed(path + " is not a string");
    }

    private static void putOptionalScalar(ObjectNode out, String field, JsonNode source, String path) {
        String value = optionalScalar(source, field, path + "." + field);
        if (value != null) {
            out.put(field, value);
        }
    }

    private static boolean optionalBoolean(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw new Malformed(path + " is not a boolean");
        }
        return node.booleanValue();
    }

    private static Integer optionalInt(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw new Malformed(path + " is not a whole number");
        }
        return node.intValue();
    }

    private static BigDecimal optionalDecimal(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            return node.isNumber() ? node.decimalValue() : new BigDecimal(node.stringValue());
        } catch (RuntimeException e) {
            throw new Malformed(path + " is not a number");
        }
    }

    private static String iataCode(JsonNode parent, String field, String path) {
        return text(object(parent, field, path + "." + field), "iata_code", path + "." + field + ".iata_code");
    }

    private static List<String> strings(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new Malformed(field + " is not an array");
        }
        List<String> values = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isString()) {
                throw new Malformed(field + "[" + i + "] is not a string");
            }
            values.add(node.get(i).stringValue());
        }
        return List.copyOf(values);
    }

    private static ArrayNode stringArray(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        ArrayNode out = NODES.arrayNode();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isArray()) {
            throw new Malformed(path + " is not an array");
        }
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isString()) {
                throw new Malformed(path + "[" + i + "] is not a string");
            }
            out.add(node.get(i).stringValue());
        }
        return out;
    }

    private static JsonNode nonEmptyArrayCopy(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            throw new Malformed(path + " is not an array");
        }
        return node.isEmpty() ? null : node.deepCopy();
    }

    static Instant instant(JsonNode parent, String field, String path) {
        Instant value = optionalInstant(parent, field, path);
        if (value == null) {
            throw new Malformed(path + " is missing");
        }
        return value;
    }

    static Instant optionalInstant(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            throw new Malformed(path + " is not a string");
        }
        try {
            return OffsetDateTime.parse(node.stringValue()).toInstant();
        } catch (DateTimeParseException e) {
            throw new Malformed(path + " is not an ISO 8601 date-time with an offset");
        }
    }

    /** A segment time: Duffel gives local times at the airport ({@code 2026-06-13T16:38:02}), kept as given. */
    private static String dateTime(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            throw new Malformed(path + " is missing");
        }
        if (!node.isString()) {
            throw new Malformed(path + " is not a string");
        }
        String value = node.stringValue();
        try {
            LocalDateTime.parse(value);
            return value;
        } catch (DateTimeParseException local) {
            try {
                OffsetDateTime.parse(value);
                return value;
            } catch (DateTimeParseException offset) {
                throw new Malformed(path + " is not an ISO 8601 date-time");
            }
        }
    }

    /** {@code <prefix>amount} in {@code <prefix>currency}, required. */
    static Money money(JsonNode parent, String amountField, String currencyField, String prefix) {
        Money money = optionalMoney(parent, amountField, currencyField, prefix);
        if (money == null) {
            throw new Malformed(prefix + amountField + " is missing");
        }
        return money;
    }

    /** Null when the amount is absent or null; malformed when only one of amount and currency is there. */
    static Money optionalMoney(JsonNode parent, String amountField, String currencyField, String prefix) {
        JsonNode amount = parent.get(amountField);
        if (amount == null || amount.isNull()) {
            return null;
        }
        BigDecimal value;
        if (amount.isString()) {
            try {
                value = new BigDecimal(amount.stringValue());
            } catch (NumberFormatException e) {
                throw new Malformed(prefix + amountField + " is not a decimal amount");
            }
        } else if (amount.isNumber()) {
            value = amount.decimalValue();
        } else {
            throw new Malformed(prefix + amountField + " is not a decimal amount");
        }
        JsonNode currencyNode = parent.get(currencyField);
        if (currencyNode == null || currencyNode.isNull()) {
            throw new Malformed(prefix + currencyField + " is missing");
        }
        if (!currencyNode.isString()) {
            throw new Malformed(prefix + currencyField + " is not a string");
        }
        Currency currency;
        try {
            currency = Currency.getInstance(currencyNode.stringValue().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Malformed(prefix + currencyField + " is not an ISO 4217 currency code");
        }
        try {
            return Money.of(value, currency);
        } catch (IllegalArgumentException e) {
            throw new Malformed(prefix + amountField + ": " + e.getMessage());
        }
    }
}
