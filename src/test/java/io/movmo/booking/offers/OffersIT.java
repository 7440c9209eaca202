package io.movmo.booking.offers;

import static org.assertj.core.api.Assertions.assertThat;

import io.movmo.booking.identity.PartnerAdministration;
import io.movmo.booking.testing.EngineTest;
import io.movmo.booking.testing.Partners;
import io.movmo.booking.testing.SignedInUser;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.json.JsonMapper;

/** Offers over HTTP against the sandbox providers: created from provider payloads, read, replaced, priced, mapped, seated. */
@EngineTest
class OffersIT {

    @Autowired WebTestClient client;
    @Autowired JdbcClient jdbc;
    @Autowired PartnerAdministration partners;

    private final JsonMapper json = JsonMapper.builder().build();

    private ObjectNode fixture(String path) {
        try (InputStream in = getClass().getResourceAsStream("/" + path)) {
            return (ObjectNode) json.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Duffel's published offer example, still on sale (its expiry moved to tomorrow). */
    private ObjectNode duffelOffer() {
        ObjectNode offer = fixture("duffel/offer.json");
        ObjectNode data = offer.has("data") ? (ObjectNode) offer.get("data") : offer;
        data.put("expires_at", Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString());
        return data;
    }

    /** The seed's Amadeus flight-offer, ticketable until next month. */
    private ObjectNode amadeusOffer() {
        ObjectNode offer = fixture("amadeus/seed-flight-offer.json");
        offer.put("lastTicketingDate", LocalDate.now().plusMonths(1).toString());
        return offer;
    }

    private WebTestClient.ResponseSpec createWithKey(String provider, Object payload, String apiKey) {
        return client.post().uri("/v1/flights/providers/{p}/offers", provider).header("x-api-key", apiKey)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(payload).exchange();
    }

    private String create(String provider, Object payload) {
        @SuppressWarnings("unchecked")
        Map<String, Object> created = createWithKey(provider, payload, Partners.SANDBOX_KEY).expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
        return (String) created.get("offer_id");
    }

    private WebTestClient.ResponseSpec getWithKey(String path, String apiKey) {
        return client.get().uri(path).header("x-api-key", apiKey).exchange();
    }

    @Test
    void createsReadsReplacesAndPricesADuffelOffer() {
        String offerId = create("duffel", duffelOffer());
        assertThat(offerId).startsWith("off_duffel_");
        String path = "/v1/flights/providers/duffel/offers/" + offerId;
        getWithKey(path, Partners.SANDBOX_KEY).expectStatus().isOk().expectBody()
                .jsonPath("$.id").isEqualTo(offerId)
                .jsonPath("$.provider_id").isEqualTo("duffel")
                .jsonPath("$.total_amount").isEqualTo("452.30")
                .jsonPath("$.total_currency").isEqualTo("GBP")
                .jsonPath("$.slices.length()").isEqualTo(2)
                .jsonPath("$.passengers.length()").isEqualTo(3)
                .jsonPath("$.raw_offer.total_amount").isEqualTo("452.30");

        SignedInUser user = SignedInUser.signIn(client, "offer.pricer@example.com");
        ObjectNode dearer = duffelOffer();
        dearer.put("total_amount", "499.00");
        user.put(path, dearer).expectStatus().isNoContent();
        getWithKey(path, Partners.SANDBOX_KEY).expectStatus().isOk().expectBody().jsonPath("$.total_amount").isEqualTo("499.00");

        user.post(path + "/pricing", Map.of()).expectStatus().isOk().expectBody()
                .jsonPath("$.id").isEqualTo(offerId).jsonPath("$.total_amount").isEqualTo("499.00");
        assertThat(jdbc.sql("SELECT priced_at IS NOT NULL FROM offer WHERE offer_id = :id").param("id", offerId)
                .query(Boolean.class).single()).isTrue();
    }

    @Test
    void createsAndPricesAnAmadeusOfferFromTheSeedsFlightOffer() {
        String offerId = create("amadeus", amadeusOffer());
        SignedInUser user = SignedInUser.signIn(client, "amadeus.pricer@example.com");
        user.post("/v1/flights/providers/amadeus/offers/" + offerId + "/pricing", Map.of()).expectStatus().isOk()
                .expectBody().jsonPath("$.total_amount").isEqualTo("299.00").jsonPath("$.total_currency").isEqualTo("USD");
    }

    /** Darwin's availability response and Dohop's itinerary (their contracts' examples), still on sale. */
    private ObjectNode contractExample(String provider) {
        ObjectNode offer = fixture(provider.equals("darwin") ? "darwin/availability-response.json" : "dohop/itinerary.json");
        offer.put(provider.equals("darwin") ? "expires_at" : "valid_until",
                Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString());
        return offer;
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"darwin", "dohop"})
    void takesDarwinAndDohopOffersThroughEveryStep(String provider) {
        String offerId = create(provider, contractExample(provider));
        String path = "/v1/flights/providers/" + provider + "/offers/" + offerId;
        getWithKey(path, Partners.SANDBOX_KEY).expectStatus().isOk().expectBody()
                .jsonPath("$.provider_id").isEqualTo(provider).jsonPath("$.slices").isNotEmpty();
        SignedInUser user = SignedInUser.signIn(client, provider + ".traveler@example.com");
        user.post(path + "/pricing", Map.of()).expectStatus().isOk().expectBody().jsonPath("$.id").isEqualTo(offerId);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> passengers = user.get(path + "/passengers").expectStatus().isOk()
                .expectBody(List.class).returnResult().getResponseBody();
        assertThat(passengers).isNotEmpty();
        String saved = user.create("/v1/users/{me}/passengers", Map.of("first_name", "Ana", "last_name", "Voa",
                "gender", "female", "date_of_birth", "1985-02-03"));
        user.post(path + "/passengers", List.of(Map.of("user_passenger_id", saved,
                "provider_passenger_id", passengers.get(0).get("provider_passenger_id")))).expectStatus().isOk();
        user.get(path + "/seat-maps").expectStatus().isOk();
    }

    @Test
    void answersEachPartnerOnlyItsOwnOffers() {
        String offerId = create("duffel", duffelOffer());
        String otherKey = partners.createPartner("Rival Travel " + UUID.randomUUID()).key().apiKey();
        getWithKey("/v1/flights/providers/duffel/offers/" + offerId, otherKey).expectStatus().isNotFound();
        getWithKey("/v1/flights/providers/amadeus/offers/" + offerId, Partners.SANDBOX_KEY).expectStatus().isNotFound();
        getWithKey("/v1/flights/providers/duffel/offers/off_duffel_nope", Partners.SANDBOX_KEY).expectStatus().isNotFound();
    }

    @Test
    void refusesUnknownProvidersMalformedExpiredAndUnknownScenarioPayloads() {
        createWithKey("lufthansa", duffelOffer(), Partners.SANDBOX_KEY).expectStatus().isNotFound();
        ObjectNode broken = duffelOffer();
        broken.remove("slices");
        createWithKey("duffel", broken, Partners.SANDBOX_KEY).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.details").value(d -> assertThat((String) d).contains("slices"));
        createWithKey("duffel", List.of(1, 2), Partners.SANDBOX_KEY).expectStatus().isBadRequest();
        ObjectNode expired = duffelOffer();
        expired.put("expires_at", "2020-01-01T00:00:00Z");
        createWithKey("duffel", expired, Partners.SANDBOX_KEY).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.message").value(m -> assertThat((String) m).contains("expired"));
        ObjectNode typo = duffelOffer();
        typo.put("sandbox_scenario", "price_chnage");
        createWithKey("duffel", typo, Partners.SANDBOX_KEY).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.message").value(m -> assertThat((String) m).contains("sandbox_scenario"));
        assertThat(jdbc.sql("SELECT count(*) FROM offer WHERE expires_at < now()").query(Long.class).single()).isZero();

        // A replace is held to the same rules, and an expired offer takes no more changes.
        SignedInUser user = SignedInUser.signIn(client, "late.replacer@example.com");
        String offerId = create("duffel", duffelOffer());
        String path = "/v1/flights/providers/duffel/offers/" + offerId;
        user.put(path, expired).expectStatus().isBadRequest();
        getWithKey(path, Partners.SANDBOX_KEY).expectStatus().isOk().expectBody()
                .jsonPath("$.expires_at").value(at -> assertThat(Instant.parse((String) at)).isAfter(Instant.now()));
    }

    @Test
    void refusesMorePassengersThanTheProviderBooks() {
        ObjectNode crowd = duffelOffer();
        var passengers = (tools.jackson.databind.node.ArrayNode) crowd.get("passengers");
        for (int i = 0; i < 10; i++) {
            passengers.addObject().put("id", "pas_extra_" + i).put("type", "adult");
        }
        createWithKey("duffel", crowd, Partners.SANDBOX_KEY).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.message").value(m -> assertThat((String) m).contains("max_passengers"));
    }

    @Test
    void servesSeatMapsPerSegmentOrNoneWhenThereAreNone() {
        SignedInUser user = SignedInUser.signIn(client, "seat.picker@example.com");
        String offerId = create("duffel", duffelOffer());
        user.get("/v1/flights/providers/duffel/offers/" + offerId + "/seat-maps").expectStatus().isOk().expectBody()
                .jsonPath("$.length()").isEqualTo(3)
                .jsonPath("$[0].offer_id").isEqualTo(offerId)
                .jsonPath("$[0].segment_id").isEqualTo("seg_0000AUde3KY1SptM6ABSfX")
                .jsonPath("$[0].seat_map['10A'].seat_type").isEqualTo("exit_row")
                .jsonPath("$[0].pricing['10A'].currency").isEqualTo("GBP");
        ObjectNode unavailable = duffelOffer();
        unavailable.put("sandbox_scenario", "seat_map_unavailable");
        String none = create("duffel", unavailable);
        user.get("/v1/flights/providers/duffel/offers/" + none + "/seat-maps").expectStatus().isOk().expectBody()
                .jsonPath("$.length()").isEqualTo(0);
    }

    @Test
    void mapsTheUsersSavedPassengersAndUpdatesOfferPassengers() {
        SignedInUser user = SignedInUser.signIn(client, "offer.traveler@example.com");
        String saved = user.create("/v1/users/{me}/passengers", Map.of("first_name", "Marco", "last_name", "Aviator",
                "gender", "male", "date_of_birth", "1990-05-20"));
        String offerId = create("duffel", duffelOffer());
        String path = "/v1/flights/providers/duffel/offers/" + offerId + "/passengers";

        user.post(path, List.of(Map.of("user_passenger_id", saved, "provider_passenger_id", "pas_0000AUde3KY1SptM6ABSfT"),
                Map.of("provider_passenger_id", "pas_0000AUde3KY1SptM6ABSfU"))).expectStatus().isOk();
        user.get(path).expectStatus().isOk().expectBody()
                .jsonPath("$.length()").isEqualTo(3)
                .jsonPath("$[?(@.provider_passenger_id == 'pas_0000AUde3KY1SptM6ABSfT')].user_passenger_id").isEqualTo(List.of(saved));

        // Only passengers the offer has, each once; only the caller's own saved passengers.
        user.post(path, List.of(Map.of("provider_passenger_id", "pas_nobody"))).expectStatus().isBadRequest();
        user.post(path, List.of(Map.of("provider_passenger_id", "pas_0000AUde3KY1SptM6ABSfT"),
                Map.of("provider_passenger_id", "pas_0000AUde3KY1SptM6ABSfT"))).expectStatus().isBadRequest();
        SignedInUser other = SignedInUser.signIn(client, "offer.stranger@example.com");
        other.post(path, List.of(Map.of("user_passenger_id", saved, "provider_passenger_id", "pas_0000AUde3KY1SptM6ABSfT")))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.fields.user_passenger_id.field").isEqualTo("user_passenger_id");

        user.put(path + "/pas_0000AUde3KY1SptM6ABSfT", Map.of("known_traveler_number", "987654321",
                        "loyalty_programme_accounts", List.of(Map.of("airline_iata_code", "BA", "account_number", "12901473"))))
                .expectStatus().isOk().expectBody().jsonPath("$.id").isEqualTo(offerId)
                .jsonPath("$.raw_offer.sandbox_passenger_updates.pas_0000AUde3KY1SptM6ABSfT.known_traveler_number").isEqualTo("987654321")
                .jsonPath("$.raw_offer.sandbox_passenger_updates.pas_0000AUde3KY1SptM6ABSfT.loyalty_programme_accounts[0].account_number").isEqualTo("12901473");
        // The update reached the stored payload, sealed: the KTN is in no table in clear.
        io.movmo.booking.testing.ClearTextScan.assertStoredNowhere(jdbc, "987654321");
        user.post(path, List.of(Map.of("user_passenger_id", "not-a-uuid", "provider_passenger_id", "pas_0000AUde3KY1SptM6ABSfT")))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.fields.user_passenger_id.field").isEqualTo("user_passenger_id");
        user.put(path + "/pas_0000AUde3KY1SptM6ABSfT", Map.of("known_traveler_number", "12"))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.fields.known_traveler_number").exists();
        user.put(path + "/pas_nobody", Map.of("known_traveler_number", "987654321")).expectStatus().isNotFound();
    }
}
