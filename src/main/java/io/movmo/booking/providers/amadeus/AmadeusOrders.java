package io.movmo.booking.providers.amadeus;

import io.movmo.booking.providers.port.OfferPassengerUpdate;
import io.movmo.booking.providers.port.OrderRequest;
import io.movmo.booking.providers.port.ProviderOrder;
import io.movmo.booking.shared.Money;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Flight Create Orders bodies and flight-order answers (Flight Create Orders v1, Flight Order Management v1).
 *
 * <ul>
 *   <li><b>Our reference</b> travels as the general remark {@code MOVMO-REF <reference>} (subtype
 *       {@code GENERAL_MISCELLANEOUS}) and is read back from there. Amadeus may upper-case remark text: compare
 *       references without case.</li>
 *   <li><b>Instant or hold</b>: an instant order asks {@code ticketingAgreement {option: CONFIRM}}: it is booked and
 *       to be ticketed (by the consolidator the Self-Service account works with; Self-Service itself issues no
 *       tickets). A hold asks {@code {option: DELAY_TO_CANCEL, delay: "1D"}}: Amadeus cancels it if it is not
 *       ticketed by the next day, and answers the deadline as {@code ticketingAgreement.dateTime}. Self-Service has no
 *       call that pays or confirms a hold ({@link AmadeusFlightProvider#payHold}), so a hold can only lapse or be
 *       cancelled; the catalog says {@code supports_hold_booking: false} for Amadeus.</li>
 *   <li><b>Travelers</b> are built from the order's passengers, by the offer's {@code travelerId}s: name, date of
 *       birth, gender ({@code MALE}/{@code FEMALE}), contact (the passenger's email and phone, else the order's),
 *       documents (passport → {@code PASSPORT} with its issuing country as nationality, known traveler number →
 *       {@code KNOWN_TRAVELER}, redress number → {@code REDRESS}) and loyalty programmes. This is where the KTN,
 *       loyalty accounts and documents of offer passenger updates end up: Amadeus keeps them on the order, not the
 *       offer.</li>
 *   <li><b>Deadlines</b> ({@code ticketingAgreement.dateTime}, local to the office and without a zone) are read in
 *       UTC+14, the earliest instant they can mean.</li>
 * </ul>
 */
final class AmadeusOrders {

    static final String REFERENCE_PREFIX = "MOVMO-REF ";
    static final String HOLD_DELAY = "1D";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Set<String> HELD = Set.of("DELAY_TO_CANCEL", "DELAY_TO_QUEUE");

    /** A request that cannot be sent as made; nothing was sent. Its message names fields, never their values. */
    static final class InvalidOrder extends RuntimeException {
        InvalidOrder(String message) {
            super(message, null, false, false);
        }
    }

    /** What the engine reads from a flight-order. */
    record Order(String id, String bookingReference, String reference, Money total, String option,
            Instant paymentRequiredBy, boolean cancelled, boolean ticketed) {

        boolean held() {
            return option != null && HELD.contains(option);
        }

        String status() {
            return cancelled ? "cancelled" : held() ? "held" : "confirmed";
        }

        ProviderOrder view() {
            return new ProviderOrder(id, bookingReference, reference, status(), total, held() ? paymentRequiredBy : null);
        }
    }

    private AmadeusOrders() {}

    /** {@code {data:{type:"flight-order", flightOffers, travelers, remarks, ticketingAgreement, contacts?}}}. */
    static ObjectNode createBody(OrderRequest request, JsonNode offer) {
        if (request.reference() == null || !request.reference().matches("[A-Za-z0-9-]{1,64}")) {
            throw new InvalidOrder("the order reference must be 1 to 64 letters, digits or hyphens");
        }
        if (request.type() == null) {
            throw new InvalidOrder("the order type (instant or hold) is missing");
        }
        Map<String, String> travelers = AmadeusOffers.travelers(offer);
        List<OrderRequest.OrderPassenger> passengers = request.passengers() == null ? List.of() : request.passengers();
        Set<String> given = new java.util.HashSet<>();
        for (OrderRequest.OrderPassenger passenger : passengers) {
            if (passenger == null || passenger.providerPassengerId() == null
                    || !travelers.containsKey(passenger.providerPassengerId())) {
                throw new InvalidOrder("passenger " + (passenger == null ? null : passenger.providerPassengerId())
                        + " is not a traveler of the offer (travelers " + travelers.keySet() + ")");
            }
            if (!given.add(passenger.providerPassengerId())) {
                throw new InvalidOrder("passenger " + passenger.providerPassengerId() + " is given twice");
            }
        }
        if (!given.equals(travelers.keySet())) {
            throw new InvalidOrder("every traveler of the offer needs a passenger: missing "
                    + travelers.keySet().stream().filter(id -> !given.contains(id)).toList());
        }

        ObjectNode body = JSON.objectNode();
        ObjectNode data = body.putObject("data");
        data.put("type", "flight-order");
        data.putArray("flightOffers").add(offer);
        ArrayNode travelerNodes = data.putArray("travelers");
        for (OrderRequest.OrderPassenger passenger : passengers) {
            travelerNodes.add(traveler(passenger, request.contact()));
        }
        ObjectNode remark = data.putObject("remarks").putArray("general").addObject();
        remark.put("subType", "GENERAL_MISCELLANEOUS");
        remark.put("text", REFERENCE_PREFIX + request.reference());
        ObjectNode agreement = data.putObject("ticketingAgreement");
        if (request.type() == OrderRequest.OrderType.HOLD) {
            agreement.put("option", "DELAY_TO_CANCEL");
            agreement.put("delay", HOLD_DELAY);
        } else {
            agreement.put("option", "CONFIRM");
        }
        OrderRequest.Contact contact = request.contact();
        if (contact != null && (contact.email() != null || contact.phoneNumber() != null)) {
            ObjectNode orderContact = data.putArray("contacts").addObject();
            OrderRequest.OrderPassenger first = passengers.get(0);
            ObjectNode addressee = orderContact.putObject("addresseeName");
            addressee.put("firstName", first.firstName());
            addressee.put("lastName", first.lastName());
            orderContact.put("purpose", "STANDARD");
            if (contact.email() != null) {
                orderContact.put("emailAddress", contact.email());
            }
            if (contact.phoneNumber() != null) {
                orderContact.putArray("phones").add(phone(contact.phoneNumber(), "the order's contact phone"));
            }
        }
        return body;
    }

    private static ObjectNode traveler(OrderRequest.OrderPassenger passenger, OrderRequest.Contact contact) {
        String who = "passenger " + passenger.providerPassengerId();
        if (blank(passenger.firstName()) || blank(passenger.lastName())) {
            throw new InvalidOrder(who + " needs a first and a last name");
        }
        if (passenger.dateOfBirth() == null) {
            throw new InvalidOrder(who + " needs a date of birth");
        }
        ObjectNode traveler = JSON.objectNode();
        traveler.put("id", passenger.providerPassengerId());
        traveler.put("dateOfBirth", passenger.dateOfBirth().toString());
        ObjectNode name = traveler.putObject("name");
        name.put("firstName", passenger.firstName());
        if (!blank(passenger.middleName())) {
            name.put("middleName", passenger.middleName());
        }
        name.put("lastName", passenger.lastName());
        if (passenger.gender() != null) {
            traveler.put("gender", gender(passenger.gender(), who));
        }
        String email = !blank(passenger.email()) ? passenger.email() : contact == null ? null : contact.email();
        String phone = !blank(passenger.phoneNumber()) ? passenger.phoneNumber() : contact == null ? null : contact.phoneNumber();
        if (email != null || phone != null) {
            ObjectNode travelerContact = traveler.putObject("contact");
            if (email != null) {
                travelerContact.put("emailAddress", email);
            }
            if (phone != null) {
                travelerContact.putArray("phones").add(phone(phone, who + "'s phone"));
            }
        }
        List<OfferPassengerUpdate.TravelDocument> documents = passenger.identityDocuments();
        if (documents != null && !documents.isEmpty()) {
            ArrayNode documentNodes = traveler.putArray("documents");
            for (OfferPassengerUpdate.TravelDocument document : documents) {
                documentNodes.add(document(document, who));
            }
        }
        List<OfferPassengerUpdate.LoyaltyAccount> accounts = passenger.loyaltyProgrammeAccounts();
        if (accounts != null && !accounts.isEmpty()) {
            ArrayNode programmes = traveler.putArray("loyaltyPrograms");
            for (OfferPassengerUpdate.LoyaltyAccount account : accounts) {
                programmes.add(loyalty(account, who));
            }
        }
        return traveler;
    }

    static String gender(String gender, String who) {
        return switch (gender.strip().toLowerCase(Locale.ROOT)) {
            case "male", "m" -> "MALE";
            case "female", "f" -> "FEMALE";
            default -> throw new InvalidOrder(who + ": gender must be male or female");
        };
    }

    static ObjectNode document(OfferPassengerUpdate.TravelDocument document, String who) {
        if (document == null || document.type() == null) {
            throw new InvalidOrder(who + ": an identity document has no type");
        }
        String type = switch (document.type()) {
            case "passport" -> "PASSPORT";
            case "known_traveler_number" -> "KNOWN_TRAVELER";
            case "passenger_redress_number" -> "REDRESS";
            default -> throw new InvalidOrder(who + ": Amadeus cannot carry a " + document.type()
                    + " document (it takes " + String.join(", ", AmadeusOffers.DOCUMENT_TYPES) + ")");
        };
        if (blank(document.uniqueIdentifier())) {
            throw new InvalidOrder(who + ": the " + document.type() + " has no number");
        }
        String country = document.issuingCountryCode();
        if (country != null && !country.matches("[A-Za-z]{2}")) {
            throw new InvalidOrder(who + ": the " + document.type() + "'s issuing country must be an ISO 3166-1 alpha-2 code");
        }
        if (type.equals("PASSPORT") && (country == null || document.expiresOn() == null)) {
            throw new InvalidOrder(who + ": a passport needs its issuing country and expiry date");
        }
        ObjectNode node = JSON.objectNode();
        node.put("documentType", type);
        node.put("number", document.uniqueIdentifier());
        if (document.expiresOn() != null) {
            node.put("expiryDate", document.expiresOn().toString());
        }
        if (country != null) {
            node.put("issuanceCountry", country.toUpperCase(Locale.ROOT));
            if (type.equals("PASSPORT")) {
                // Passports are issued by the holder's country; the seed's document has no nationality of its own.
                node.put("nationality", country.toUpperCase(Locale.ROOT));
            }
        }
        node.put("holder", true);
        return node;
    }

    static ObjectNode loyalty(OfferPassengerUpdate.LoyaltyAccount account, String who) {
        if (account == null || account.airlineIataCode() == null || !account.airlineIataCode().matches("[A-Za-z0-9]{2}")
                || blank(account.accountNumber())) {
            throw new InvalidOrder(who + ": a loyalty account needs a 2-character airline code and a number");
        }
        ObjectNode node = JSON.objectNode();
        node.put("programOwner", account.airlineIataCode().toUpperCase(Locale.ROOT));
        node.put("id", account.accountNumber());
        return node;
    }

    /** An E.164 number as Amadeus's {@code {deviceType, countryCallingCode, number}}. */
    static ObjectNode phone(String e164, String what) {
        String[] split = CallingCodes.split(e164);
        if (split == null) {
            throw new InvalidOrder(what + " must be an E.164 number such as +14155550123");
        }
        ObjectNode phone = JSON.objectNode();
        phone.put("deviceType", "MOBILE");
        phone.put("countryCallingCode", split[0]);
        phone.put("number", split[1]);
        return phone;
    }

    /** A flight-order ({@code data} of a create or retrieve answer); null when it has no id. */
    static Order read(JsonNode data, Instant now) {
        if (data == null || !data.isObject()) {
            return null;
        }
        String id = AmadeusOffers.string(data.get("id"));
        if (id == null || id.isBlank()) {
            return null;
        }
        String bookingReference = null;
        JsonNode records = data.get("associatedRecords");
        if (records != null && records.isArray() && !records.isEmpty()) {
            bookingReference = AmadeusOffers.string(records.get(0).get("reference"));
        }
        String reference = null;
        JsonNode general = data.path("remarks").path("general");
        if (general.isArray()) {
            for (JsonNode remark : general) {
                String text = AmadeusOffers.string(remark.get("text"));
                if (text != null && text.regionMatches(true, 0, REFERENCE_PREFIX, 0, REFERENCE_PREFIX.length())) {
                    reference = text.substring(REFERENCE_PREFIX.length()).strip();
                    break;
                }
            }
        }
        // Amadeus's own example answer spells it "ticketingAggreement"; both are read.
        JsonNode agreement = data.has("ticketingAgreement") ? data.get("ticketingAgreement") : data.get("ticketingAggreement");
        String option = agreement == null ? null : AmadeusOffers.string(agreement.get("option"));
        Instant deadline = null;
        if (agreement != null && option != null && HELD.contains(option)) {
            String dateTime = AmadeusOffers.string(agreement.get("dateTime"));
            deadline = dateTime == null ? null : AmadeusOffers.earliestInstant(dateTime);
            if (deadline == null) {
                deadline = fromDelay(AmadeusOffers.string(agreement.get("delay")), now);
            }
        }
        return new Order(id, bookingReference, reference, total(data), option, deadline, cancelled(data), ticketed(data));
    }

    /** Without a dateTime: the start of the day {@code delay} days after today, in UTC+14 (the earliest it can be). */
    static Instant fromDelay(String delay, Instant now) {
        int days = 0;
        if (delay != null && delay.matches("\\d{1,3}D")) {
            days = Integer.parseInt(delay.substring(0, delay.length() - 1));
        }
        LocalDate today = LocalDate.ofInstant(now, AmadeusOffers.EARLIEST_OFFSET);
        return today.plusDays(days).atStartOfDay(AmadeusOffers.EARLIEST_OFFSET).toInstant();
    }

    /** The sum of the order's flight-offers' {@code grandTotal}s (else {@code total}s); null when unreadable. */
    static Money total(JsonNode data) {
        JsonNode offers = data.get("flightOffers");
        if (offers == null || !offers.isArray() || offers.isEmpty()) {
            return null;
        }
        Money total = null;
        try {
            for (JsonNode offer : offers) {
                JsonNode price = offer.get("price");
                if (price == null || !price.isObject()) {
                    return null;
                }
                Currency currency = AmadeusOffers.currency(price, "price.currency");
                Money amount = AmadeusOffers.money(price, "grandTotal", "price.grandTotal", currency, false);
                if (amount == null) {
                    amount = AmadeusOffers.money(price, "total", "price.total", currency, true);
                }
                total = total == null ? amount : total.plus(amount);
            }
            return total;
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    /** Every segment of every flight-offer has {@code bookingStatus: CANCELLED}. */
    private static boolean cancelled(JsonNode data) {
        int segments = 0;
        for (JsonNode offer : data.path("flightOffers")) {
            for (JsonNode itinerary : offer.path("itineraries")) {
                for (JsonNode segment : itinerary.path("segments")) {
                    segments++;
                    if (!"CANCELLED".equalsIgnoreCase(AmadeusOffers.string(segment.get("bookingStatus")))) {
                        return false;
                    }
                }
            }
        }
        return segments > 0;
    }

    /** A ticket has been issued for the order (by the consolidator). */
    private static boolean ticketed(JsonNode data) {
        for (JsonNode ticket : data.path("tickets")) {
            if ("ISSUED".equalsIgnoreCase(AmadeusOffers.string(ticket.get("documentStatus")))) {
                return true;
            }
        }
        return false;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
