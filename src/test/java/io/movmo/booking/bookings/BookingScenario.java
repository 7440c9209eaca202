package io.movmo.booking.bookings;

import io.movmo.booking.testing.Partners;
import io.movmo.booking.testing.SignedInUser;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The partner's side of a booking, as the booking tests play it: a Duffel offer, a saved card, the seed's request. */
public final class BookingScenario {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private BookingScenario() {}

    /** Duffel's published offer example, on sale until tomorrow, with a sandbox scenario (null for none). */
    public static ObjectNode duffelOffer(String scenario) {
        try (InputStream in = BookingScenario.class.getResourceAsStream("/duffel/offer.json")) {
            ObjectNode offer = (ObjectNode) JSON.readTree(in);
            ObjectNode data = offer.has("data") ? (ObjectNode) offer.get("data") : offer;
            data.put("expires_at", Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString());
            if (scenario != null) {
                data.put("sandbox_scenario", scenario);
            }
            return data;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Creates the offer with the sandbox partner's key; answers its id. */
    public static String offer(WebTestClient client, String scenario) {
        String created = client.post().uri("/v1/flights/providers/duffel/offers").header("x-api-key", Partners.SANDBOX_KEY)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(duffelOffer(scenario)).exchange()
                .expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody();
        return JSON.readTree(created).path("offer_id").asString();
    }

    /** The body that saves {@code stripePaymentMethod} as a Visa card of the user's own Stripe customer. */
    public static Map<String, Object> visaBody(SignedInUser user, String stripePaymentMethod) {
        Map<String, Object> body = new HashMap<>();
        body.put("customerId", customer(user));
        body.put("paymentMethodId", stripePaymentMethod);
        body.put("methodType", "credit_card");
        body.put("token", "tok_Test411111");
        body.put("last4", "4242");
        body.put("brand", "visa");
        body.put("expMonth", 12);
        body.put("expYear", 2030);
        body.put("isDefault", false);
        return body;
    }

    /** Saves the card; answers the Movmo payment method id. */
    public static String card(SignedInUser user, String stripePaymentMethod) {
        return user.create("/v1/users/" + user.userId() + "/payment-methods", visaBody(user, stripePaymentMethod));
    }

    /** A saved card that authorizes like pm_card_visa (each user saves one of their own). */
    public static String visa() {
        return "pm_" + UUID.randomUUID().toString().replace("-", "");
    }

    /** The user's own Stripe customer (each user has one). */
    public static String customer(SignedInUser user) {
        return "cus_" + user.userId().replace("-", "");
    }

    /** A booking request for every passenger of the offer, each with a passport, as the seed shapes it. */
    public static Map<String, Object> request(WebTestClient client, SignedInUser user, String offerId, String card) {
        JsonNode offer = JSON.readTree(client.get().uri("/v1/flights/providers/duffel/offers/" + offerId)
                .header("x-api-key", Partners.SANDBOX_KEY).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
        List<Map<String, Object>> passengers = new ArrayList<>();
        int n = 0;
        for (JsonNode p : offer.path("passengers")) {
            Map<String, Object> passenger = new LinkedHashMap<>();
            String type = p.path("type").asString();
            passenger.put("provider_passenger_id", p.path("id").asString());
            passenger.put("first_name", "Jane");
            passenger.put("last_name", "Traveler" + (char) ('a' + n++));
            passenger.put("born_on", switch (type) {
                case "infant" -> "2026-01-10";
                case "child" -> "2018-03-04";
                default -> "1988-07-12";
            });
            passenger.put("gender", "female");
            passenger.put("traveler_type", type);
            passenger.put("identity_documents", List.of(Map.of("type", "passport", "unique_identifier",
                    "P" + UUID.randomUUID().toString().substring(0, 8), "issuing_country_code", "GB",
                    "expires_on", "2031-01-01")));
            passengers.add(passenger);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("offer_id", offerId);
        body.put("passengers", passengers);
        body.put("contact_info", Map.of("email", "jane.traveler@example.com", "phone_number", "+15550142",
                "first_name", "Jane", "last_name", "Traveler"));
        body.put("payment_method_id", card);
        body.put("customer_id", customer(user));
        body.put("currency", offer.path("total_currency").asString());
        body.put("user_id", user.userId());
        body.put("idempotency_key", UUID.randomUUID().toString());
        body.put("metadata", Map.of("trip", "summer"));
        return body;
    }
}
