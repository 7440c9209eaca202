package io.movmo.booking.providers.duffel;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.movmo.booking.providers.port.CancellationOutcome;
import io.movmo.booking.providers.port.CancellationQuote;
import io.movmo.booking.providers.port.NormalizedOffer;
import io.movmo.booking.providers.port.OfferPassengerUpdate;
import io.movmo.booking.providers.port.OfferPassengerUpdate.LoyaltyAccount;
import io.movmo.booking.providers.port.OfferPassengerUpdate.TravelDocument;
import io.movmo.booking.providers.port.OfferPayloadException;
import io.movmo.booking.providers.port.OrderOutcome;
import io.movmo.booking.providers.port.OrderRequest;
import io.movmo.booking.providers.port.OrderRequest.Contact;
import io.movmo.booking.providers.port.OrderRequest.OrderPassenger;
import io.movmo.booking.providers.port.OrderRequest.OrderType;
import io.movmo.booking.providers.port.OrderRequest.SeatChoice;
import io.movmo.booking.providers.port.OrderRequest.ServiceChoice;
import io.movmo.booking.providers.port.PricingOutcome;
import io.movmo.booking.providers.port.ProviderOrder;
import io.movmo.booking.providers.port.SeatMap;
import io.movmo.booking.shared.Money;
import io.movmo.booking.shared.ProviderId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Duffel v2 adapter against a WireMock Duffel answering with Duffel's published shapes (fixtures under
 * {@code src/test/resources/duffel/}): what it sends (headers, bodies), how it reads offers, seat maps and orders, and
 * how every answer maps to an outcome — with everything that does not prove the outcome of an order being Unknown.
 */
class DuffelFlightProviderTest {

    @RegisterExtension
    static WireMockExtension duffel = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String TOKEN = "duffel_test_Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MEFCQ0RFRkdISUpL";
    private static final String OFFER_ID = "off_0000AUde3KY1SptM6ABSfS";
    private static final String ADULT = "pas_0000AUde3KY1SptM6ABSfT";
    private static final String CHILD = "pas_0000AUde3KY1SptM6ABSfU";
    private static final String INFANT = "pas_0000AUde3KY1SptM6ABSfV";
    private static final String FIRST_SEGMENT = "seg_0000AUde3KY1SptM6ABSfX";
    private static final String ORDER_ID = "ord_0000AUde3KY1SptM6ABSg1";
    private static final String HOLD_ID = "ord_0000AUde3KY1SptM6ABSg2";
    private static final String REFERENCE = "bkg_7f3c1e2a-5b9d-4c1e-9a77-2c0d9a1e4b11";
    private static final String HOLD_REFERENCE = "bkg_3d1e9f70-0a5b-4b6e-8e2f-9a4c7b1d2e33";
    private static final String PASSPORT = "P98765432";
    private static final Instant NOW = Instant.parse("2026-09-01T12:00:00Z");

    private static final Money GBP_452_30 = Money.of("452.30", "GBP");

    private DuffelFlightProvider provider;

    @BeforeAll
    static void warmUp() {
        // A fresh JVM's first exchange can take longer than the 300 ms read timeout the tests run with.
        duffel.stubFor(get(urlPathEqualTo("/air/orders/ord_warmup")).willReturn(duffelAnswer(404, "error-not-found.json")));
        new DuffelFlightProvider(new DuffelProperties(TOKEN, URI.create(duffel.baseUrl()), Duration.ofSeconds(10),
                Duration.ofSeconds(30), null, 10), WebClient.builder(), Clock.systemUTC())
                .findOrder("ord_warmup").block();
    }

    @BeforeEach
    void provider() {
        duffel.resetAll();
        provider = providerWith(10);
    }

    // ------------------------------------------------------------------------------------------------------------
    // normalize

    @Test
    void normalizesARealisticOfferWithExactMoneyPassengersAndSlices() {
        NormalizedOffer offer = provider.normalize(fixtureJson("offer.json"));

        assertThat(offer.providerOfferId()).isEqualTo(OFFER_ID);
        assertThat(offer.expiresAt()).isEqualTo(Instant.parse("2026-08-31T12:00:04.162Z"));
        assertThat(offer.total()).isEqualTo(GBP_452_30);
        assertThat(offer.total().amount()).isEqualTo(new BigDecimal("452.30"));
        assertThat(offer.base()).isEqualTo(Money.of("380.00", "GBP"));
        assertThat(offer.tax()).isEqualTo(Money.of("72.30", "GBP"));
        assertThat(offer.totalEmissionsKg()).isEqualTo("1245");
        assertThat(offer.passengerIdentityDocumentsRequired()).isTrue();
        assertThat(offer.supportedPassengerIdentityDocumentTypes()).containsExactly("passport");
        assertThat(offer.supportedLoyaltyProgrammes()).containsExactly("BA", "AA", "IB");
        assertThat(offer.owner().get("iata_code").asString()).isEqualTo("BA");
        assertThat(offer.owner().get("name").asString()).isEqualTo("British Airways");
        assertThat(offer.passengers()).isEqualTo(json("""
                [{"id":"%s","type":"adult"},{"id":"%s","type":"child","age":9},{"id":"%s","type":"infant"}]
                """.formatted(ADULT, CHILD, INFANT)));

        assertThat(offer.slices()).hasSize(2);
        JsonNode outbound = offer.slices().get(0);
        assertThat(outbound.get("id").asString()).isEqualTo("sli_0000AUde3KY1SptM6ABSfW");
        assertThat(outbound.get("origin").asString()).isEqualTo("LHR");
        assertThat(outbound.get("destination").asString()).isEqualTo("JFK");
        assertThat(outbound.get("duration").asString()).isEqualTo("PT8H5M");
        assertThat(outbound.get("conditions")).isEqualTo(json("""
                {"change_before_departure":{"allowed":true,"penalty_amount":"100.00","penalty_currency":"GBP"}}"""));
        JsonNode inbound = offer.slices().get(1);
        assertThat(inbound.get("departing_at").asString()).isEqualTo("2026-10-08T16:00:00");
        assertThat(inbound.get("arriving_at").asString()).isEqualTo("2026-10-09T06:50:00");
        assertThat(inbound.get("segments")).hasSize(2);
        JsonNode codeshare = inbound.get("segments").get(0);
        assertThat(codeshare.get("id").asString()).isEqualTo("seg_0000AUde3KY1SptM6ABSfZ");
        assertThat(codeshare.get("origin").asString()).isEqualTo("JFK");
        assertThat(codeshare.get("destination").asString()).isEqualTo("BOS");
        assertThat(codeshare.get("departing_at").asString()).isEqualTo("2026-10-08T16:00:00");
        assertThat(codeshare.get("arriving_at").asString()).isEqualTo("2026-10-08T17:20:00");
        assertThat(codeshare.get("marketing_carrier").asString()).isEqualTo("BA");
        assertThat(codeshare.get("operating_carrier").asString()).isEqualTo("AA");
        assertThat(codeshare.get("flight_number").asString()).isEqualTo("6110");
        assertThat(codeshare.get("operating_carrier_flight_number").asString()).isEqualTo("2170");
        assertThat(codeshare.get("aircraft").asString()).isEqualTo("Airbus A321");
        assertThat(codeshare.get("cabin_class").asString()).isEqualTo("economy");
        assertThat(inbound.get("segments").get(1).get("destination").asString()).isEqualTo("LHR");

        // Money-derived strings: Duffel's "50" and "35.5" come out at the currency's scale.
        assertThat(offer.conditions().get("change_before_departure").get("penalty_amount").asString())
                .isEqualTo("50.00");
        assertThat(offer.conditions().get("refund_before_departure").get("allowed").asBoolean()).isTrue();
        assertThat(offer.paymentRequirements().get("requires_instant_payment").asBoolean()).isFalse();
        assertThat(offer.paymentRequirements().get("payment_required_by").asString()).isEqualTo("2026-09-03T23:59:59Z");
        assertThat(offer.privateFares()).isNull();
        assertThat(offer.availableServices()).isEqualTo(json("""
                [{"id":"ase_00009UhD4ongolulWd9123","type":"baggage","total_amount":"40.00","total_currency":"GBP",
                  "segment_ids":["seg_0000AUde3KY1SptM6ABSfX"],"passenger_ids":["%s"],"maximum_quantity":1,
                  "name":"Checked bag","weight":23,"weight_unit":"kg","dimensions":{"length":75,"width":43,"height":90}},
                 {"id":"ase_00009UhD4ongolulWd9124","type":"baggage","total_amount":"35.50","total_currency":"GBP",
                  "segment_ids":["seg_0000AUde3KY1SptM6ABSfZ","seg_0000AUde3KY1SptM6ABSg0"],"passenger_ids":["%s"],
                  "maximum_quantity":2,"name":"Carry-on bag"}]
                """.formatted(ADULT, CHILD)));
        assertThat(offer.fareClassMetadata()).isNull();
    }

    @Test
    void normalizeReadsTheBareOfferObjectAsWellAsTheDataEnvelope() {
        JsonNode bare = fixtureJson("offer.json").get("data");

        assertThat(provider.normalize(bare)).isEqualTo(provider.normalize(fixtureJson("offer.json")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            /slices/1/segments/1/departing_at    | REMOVE    | slices[1].segments[1].departing_at is missing
            /slices/0/segments/0/arriving_at     | tomorrow  | slices[0].segments[0].arriving_at is not an ISO 8601 date-time
            /slices/0/segments/0/marketing_carrier/iata_code | REMOVE | slices[0].segments[0].marketing_carrier.iata_code is missing
            /slices/1/segments                   | EMPTY     | slices[1].segments is empty
            /total_amount                        | 12.345    | total_amount: GBP has 2 decimal digits, so 12.345 is not an amount of it
            /total_amount                        | twelve    | total_amount is not a decimal amount
            /total_amount                        | -1.00     | total_amount: an amount of money is never negative: GBP -1.00
            /total_currency                      | ZZZ       | total_currency is not an ISO 4217 currency code
            /tax_currency                        | REMOVE    | tax_currency is missing
            /expires_at                          | REMOVE    | expires_at is missing
            /id                                  | REMOVE    | id is missing
            /passengers                          | EMPTY     | passengers is empty
            /passengers/2/type                   | seated    | passengers[2].type is not adult, child or infant_without_seat
            /available_services/1/total_amount   | 35.555    | available_services[1].total_amount: GBP has 2 decimal digits, so 35.555 is not an amount of it
            /conditions/refund_before_departure/penalty_currency | REMOVE | conditions.refund_before_departure.penalty_currency is missing
            /payment_requirements/payment_required_by | soon | payment_requirements.payment_required_by is not an ISO 8601 date-time with an offset
            """)
    void aMalformedOfferIsAnOfferPayloadExceptionNamingTheField(String pointer, String change, String details) {
        JsonNode offer = fixtureJson("offer.json");
        mutate((ObjectNode) offer.get("data"), pointer, change);

        assertThatThrownBy(() -> provider.normalize(offer)).isInstanceOfSatisfying(OfferPayloadException.class,
                e -> assertThat(e.details()).isEqualTo(details));
    }

    @Test
    void aPayloadThatIsNotAnObjectIsAnOfferPayloadException() {
        assertThatThrownBy(() -> provider.normalize(json("[1,2]"))).isInstanceOfSatisfying(OfferPayloadException.class,
                e -> assertThat(e.details()).isEqualTo("the offer payload must be a JSON object"));
    }

    // ------------------------------------------------------------------------------------------------------------
    // price

    @Test
    void pricingReReadsTheOfferWithItsServicesAndSendsDuffelsHeaders() {
        duffel.stubFor(get(urlPathEqualTo("/air/offers/" + OFFER_ID))
                .willReturn(duffelAnswer(200, "offer-repriced.json")));

        PricingOutcome outcome = provider.price(fixtureJson("offer.json")).block();

        assertThat(outcome).isInstanceOfSatisfying(PricingOutcome.Priced.class, priced -> {
            assertThat(priced.offer().total()).isEqualTo(Money.of("470.10", "GBP"));
            assertThat(priced.offer().expiresAt()).isEqualTo(Instant.parse("2026-08-31T12:20:00Z"));
            assertThat(priced.rawOffer().get("total_amount").asString()).isEqualTo("470.10");
        });
        LoggedRequest request = onlyRequest();
        assertThat(request.getUrl()).isEqualTo("/air/offers/" + OFFER_ID + "?return_available_services=true");
        assertDuffelHeaders(request);
    }

    @ParameterizedTest
    @CsvSource({"404, error-not-found.json", "422, error-offer-no-longer-available.json", "422, error-offer-expired.json"})
    void pricingAnOfferDuffelNoLongerSellsIsOfferGone(int status, String error) {
        duffel.stubFor(get(urlPathEqualTo("/air/offers/" + OFFER_ID)).willReturn(duffelAnswer(status, error)));

        assertThat(provider.price(fixtureJson("offer.json")).block()).isInstanceOf(PricingOutcome.OfferGone.class);
    }

    @Test
    void pricingWithoutAnAnswerIsUnknown() {
        duffel.stubFor(get(urlPathEqualTo("/air/offers/" + OFFER_ID)).willReturn(duffelAnswer(500, "error-internal.json")));
        assertThat(provider.price(fixtureJson("offer.json")).block()).isInstanceOfSatisfying(PricingOutcome.Unknown.class,
                u -> assertThat(u.reason()).contains("500").contains("internal_server_error")
                        .contains("FZW0H3HdJwKk5HMAAKxF"));

        duffel.stubFor(get(urlPathEqualTo("/air/offers/" + OFFER_ID))
                .willReturn(duffelAnswer(200, "offer-repriced.json").withFixedDelay(3_000)));
        assertThat(provider.price(fixtureJson("offer.json")).block()).isInstanceOf(PricingOutcome.Unknown.class);
    }

    @Test
    void pricingAnOfferWithoutAnIdIsAnOfferPayloadExceptionAndCallsNobody() {
        JsonNode offer = fixtureJson("offer.json");
        ((ObjectNode) offer.get("data")).remove("id");

        assertThatThrownBy(() -> provider.price(offer).block()).isInstanceOfSatisfying(OfferPayloadException.class,
                e -> assertThat(e.details()).isEqualTo("id is missing"));
        assertThat(duffel.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    // ------------------------------------------------------------------------------------------------------------
    // seat maps

    @Test
    void seatMapsArePerSegmentWithAvailabilityAndTheCheapestPrice() {
        duffel.stubFor(get(urlPathEqualTo("/air/seat_maps")).willReturn(duffelAnswer(200, "seat-maps.json")));

        List<SeatMap> maps = provider.seatMaps(fixtureJson("offer.json")).block();

        assertThat(onlyRequest().getUrl()).isEqualTo("/air/seat_maps?offer_id=" + OFFER_ID);
        assertThat(maps).extracting(SeatMap::segmentId).containsExactly(FIRST_SEGMENT, "seg_0000AUde3KY1SptM6ABSg0");
        SeatMap first = maps.get(0);
        assertThat(first.seatMap()).containsOnlyKeys("1A", "1B", "1E", "1F", "12A", "12F");
        assertThat(first.seatMap().get("1A")).isEqualTo(new SeatMap.Seat("1A", "1", "A", true, false, false,
                "Exit row seat", List.of("Do not seat children in exit row seats")));
        assertThat(first.seatMap().get("1F")).isEqualTo(new SeatMap.Seat("1F", "1", "F", false, true, false, "seat",
                List.of()));
        assertThat(first.seatMap().get("12A").row()).isEqualTo("12");
        assertThat(first.pricing()).containsOnlyKeys("1A", "1B", "1E", "12A");
        assertThat(first.pricing().get("1A")).isEqualTo(new SeatMap.SeatPrice(new BigDecimal("25.00"), "GBP"));
        assertThat(first.pricing().get("1B")).isEqualTo(new SeatMap.SeatPrice(new BigDecimal("0.00"), "GBP"));
        assertThat(first.pricing().get("12A")).isEqualTo(new SeatMap.SeatPrice(new BigDecimal("12.50"), "GBP"));
        assertThat(maps.get(1).pricing().get("31K")).isEqualTo(new SeatMap.SeatPrice(new BigDecimal("18.00"), "GBP"));
    }

    @Test
    void noSeatMapsFromDuffelIsAnEmptyList() {
        duffel.stubFor(get(urlPathEqualTo("/air/seat_maps")).willReturn(duffelAnswer(200, "seat-maps-none.json")));

        assertThat(provider.seatMaps(fixtureJson("offer.json")).block()).isEmpty();
    }

    @Test
    void seatMapsWithoutAnAnswerAreUnavailableAndARefusalIsRefused() {
        duffel.stubFor(get(urlPathEqualTo("/air/seat_maps")).willReturn(duffelAnswer(503, "error-service-unavailable.json")));
        assertThatThrownBy(() -> provider.seatMaps(fixtureJson("offer.json")).block())
                .isInstanceOf(DuffelUnavailableException.class).hasMessageContaining("503");

        duffel.stubFor(get(urlPathEqualTo("/air/seat_maps")).willReturn(duffelAnswer(404, "error-not-found.json")));
        assertThatThrownBy(() -> provider.seatMaps(fixtureJson("offer.json")).block())
                .isInstanceOfSatisfying(DuffelRefusedException.class, e -> assertThat(e.code()).isEqualTo("not_found"));
    }

    // ------------------------------------------------------------------------------------------------------------
    // offer passengers

    @Test
    void aPassengerUpdatePatchesNamesAndLoyaltyAccountsAndAnswersTheOfferWithThem() {
        duffel.stubFor(patch(urlEqualTo("/air/offers/" + OFFER_ID + "/passengers/" + ADULT))
                .willReturn(duffelAnswer(200, "offer-passenger.json")));

        JsonNode updated = provider.updatePassenger(fixtureJson("offer.json"), ADULT, new OfferPassengerUpdate("Amelia",
                "Mary", "Earhart", LocalDate.of(1987, 7, 24), "f", "KTN123456",
                List.of(new LoyaltyAccount("BA", "12901014")), List.of())).block();

        LoggedRequest request = onlyRequest();
        assertDuffelHeaders(request);
        assertThat(request.getHeader("Content-Type")).startsWith("application/json");
        assertThat(body(request)).isEqualTo(json("""
                {"data":{"given_name":"Amelia Mary","family_name":"Earhart",
                  "loyalty_programme_accounts":[{"airline_iata_code":"BA","account_number":"12901014"}]}}"""));
        assertThat(updated.get("id").asString()).isEqualTo(OFFER_ID);
        assertThat(updated.get("passengers").get(0).get("loyalty_programme_accounts")).isEqualTo(json("""
                [{"airline_iata_code":"BA","account_number":"12901014"}]"""));
        assertThat(updated.get("passengers").get(0).get("given_name").asString()).isEqualTo("Amelia Mary");
        assertThat(provider.normalize(updated).total()).isEqualTo(GBP_452_30);
    }

    @Test
    void documentsAndBirthDatesStayForTheOrderSoSuchAnUpdateCallsNobody() {
        JsonNode offer = fixtureJson("offer.json");

        JsonNode same = provider.updatePassenger(offer, ADULT, new OfferPassengerUpdate(null, null, null,
                LocalDate.of(1987, 7, 24), "f", "KTN123456", List.of(),
                List.of(new TravelDocument("passport", PASSPORT, "GB", LocalDate.of(2031, 1, 1))))).block();

        assertThat(same).isEqualTo(offer.get("data"));
        assertThat(duffel.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void duffelsRefusalOfAPassengerUpdateIsAnOfferPayloadExceptionWithItsCode() {
        duffel.stubFor(patch(urlPathEqualTo("/air/offers/" + OFFER_ID + "/passengers/" + ADULT))
                .willReturn(duffelAnswer(422, "error-invalid-loyalty-card.json")));

        assertThatThrownBy(() -> provider.updatePassenger(fixtureJson("offer.json"), ADULT, loyaltyUpdate()).block())
                .isInstanceOfSatisfying(OfferPayloadException.class, e -> assertThat(e.details())
                        .contains("invalid_loyalty_card").contains("FZW0H3HdJwKk5HMAAKxM")
                        .doesNotContain("Earhart").doesNotContain("12901014"));
    }

    @Test
    void aPassengerUpdateWithoutAnAnswerIsUnavailable() {
        duffel.stubFor(patch(urlPathEqualTo("/air/offers/" + OFFER_ID + "/passengers/" + ADULT))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThatThrownBy(() -> provider.updatePassenger(fixtureJson("offer.json"), ADULT, loyaltyUpdate()).block())
                .isInstanceOf(DuffelUnavailableException.class);
    }

    @Test
    void aPassengerTheOfferDoesNotHaveIsAnOfferPayloadException() {
        assertThatThrownBy(() -> provider.updatePassenger(fixtureJson("offer.json"), "pas_unknown", loyaltyUpdate())
                .block()).isInstanceOfSatisfying(OfferPayloadException.class,
                        e -> assertThat(e.details()).isEqualTo("passengers has no passenger with id pas_unknown"));
    }

    // ------------------------------------------------------------------------------------------------------------
    // create order

    @Test
    void anInstantOrderSendsPassengersServicesTheBalancePaymentAndOurReference() {
        duffel.stubFor(get(urlPathEqualTo("/air/seat_maps")).willReturn(duffelAnswer(200, "seat-maps.json")));
        duffel.stubFor(post(urlEqualTo("/air/orders")).willReturn(duffelAnswer(201, "order-instant.json")));

        OrderOutcome outcome = provider.createOrder(instantOrder()).block();

        assertThat(outcome).isEqualTo(new OrderOutcome.Created(ORDER_ID, "RZPNX8", Money.of("522.30", "GBP"), false,
                null));
        List<LoggedRequest> orders = duffel.findAll(postRequestedFor(urlEqualTo("/air/orders")));
        assertThat(orders).hasSize(1);
        LoggedRequest request = orders.get(0);
        assertDuffelHeaders(request);
        assertThat(request.getHeader("Content-Type")).startsWith("application/json");
        assertThat(request.containsHeader("Idempotency-Key")).as("Duffel documents no idempotency key").isFalse();
        assertThat(body(request)).isEqualTo(json("""
                {"data":{
                  "type":"instant",
                  "selected_offers":["%s"],
                  "passengers":[
                    {"id":"%s","title":"mrs","given_name":"Amelia Mary","family_name":"Earhart","born_on":"1987-07-24",
                     "gender":"f","email":"amelia@example.com","phone_number":"+442080160509",
                     "infant_passenger_id":"%s",
                     "identity_documents":[{"type":"passport","unique_identifier":"P98765432",
                                            "issuing_country_code":"GB","expires_on":"2031-01-01"}]},
                    {"id":"%s","title":"mr","given_name":"Fred","family_name":"Earhart","born_on":"2017-03-02",
                     "gender":"m","email":"bookings@example.com","phone_number":"+442080160500",
                     "identity_documents":[{"type":"passport","unique_identifier":"P11111111",
                                            "issuing_country_code":"GB","expires_on":"2029-05-05"}]},
                    {"id":"%s","title":"miss","given_name":"Ada","family_name":"Earhart","born_on":"2026-01-10",
                     "gender":"f","email":"bookings@example.com","phone_number":"+442080160500",
                     "identity_documents":[{"type":"passport","unique_identifier":"P22222222",
                                            "issuing_country_code":"GB","expires_on":"2031-01-10"}]}],
                  "metadata":{"reference":"%s"},
                  "payments":[{"type":"balance","amount":"522.30","currency":"GBP"}],
                  "services":[{"id":"ase_00009UhD4ongolulWd9123","quantity":1},
                              {"id":"ase_00009UhD4ongolulWAAA1A","quantity":1}]}}
                """.formatted(OFFER_ID, ADULT, INFANT, CHILD, INFANT, REFERENCE)));
        assertThat(duffel.findAll(getRequestedFor(urlPathEqualTo("/air/seat_maps"))).get(0).getUrl())
                .isEqualTo("/air/seat_maps?offer_id=" + OFFER_ID);
    }

    @Test
    void aSeatWithItsServiceIdNeedsNoSeatMapAndAnUnsellableSeatIsRejectedBeforeAnyOrder() {
        duffel.stubFor(post(urlEqualTo("/air/orders")).willReturn(duffelAnswer(201, "order-instant.json")));
        OrderRequest known = withSeats(instantOrder(), List.of(new SeatChoice(FIRST_SEGMENT, ADULT, "1A",
                "ase_00009UhD4ongolulWAAA1A", Money.of("30.00", "GBP"))));
        assertThat(provider.createOrder(known).block()).isInstanceOf(OrderOutcome.Created.class);
        assertThat(duffel.findAll(getRequestedFor(urlPathEqualTo("/air/seat_maps")))).isEmpty();

        duffel.resetAll();
        duffel.stubFor(get(urlPathEqualTo("/air/seat_maps")).willReturn(duffelAnswer(200, "seat-maps.json")));
        OrderRequest taken = withSeats(instantOrder(), List.of(new SeatChoice(FIRST_SEGMENT, ADULT, "1F", null,
                Money.of("30.00", "GBP"))));
        assertThat(provider.createOrder(taken).block()).isEqualTo(new OrderOutcome.Rejected("seat_unavailable: seat 1F"
                + " on segment " + FIRST_SEGMENT + " is not for sale to passenger " + ADULT));
        assertThat(duffel.findAll(postRequestedFor(urlEqualTo("/air/orders")))).isEmpty();
    }

    @Test
    void aHoldOrderCarriesNoPaymentAndAnswersThePaymentDeadline() {
        duffel.stubFor(post(urlEqualTo("/air/orders")).willReturn(duffelAnswer(201, "order-hold.json")));

        OrderOutcome outcome = provider.createOrder(holdOrder()).block();

        assertThat(outcome).isEqualTo(new OrderOutcome.Created(HOLD_ID, "RZPNX8", GBP_452_30, true,
                Instant.parse("2026-09-03T23:59:59Z")));
        JsonNode data = body(onlyRequest()).get("data");
        assertThat(data.get("type").asString()).isEqualTo("hold");
        assertThat(data.has("payments")).isFalse();
        assertThat(data.has("services")).isFalse();
        assertThat(data.get("metadata")).isEqualTo(json("{\"reference\":\"" + HOLD_REFERENCE + "\"}"));
    }

    @Test
    void aHoldWithServicesIsRejectedWithoutCallingDuffel() {
        OrderRequest hold = holdOrder();
        OrderRequest withBag = new OrderRequest(hold.reference(), hold.rawOffer(), OrderType.HOLD, hold.passengers(),
                List.of(), List.of(new ServiceChoice("ase_00009UhD4ongolulWd9123", 1, Money.of("40.00", "GBP"))),
                hold.contact(), null, null, "idem-1");

        assertThat(provider.createOrder(withBag).block()).isInstanceOf(OrderOutcome.Rejected.class);
        assertThat(duffel.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void aPriceChangeReReadsTheOfferAndAnswersItsNewTotalWithTheAcceptedExtras() {
        duffel.stubFor(get(urlPathEqualTo("/air/seat_maps")).willReturn(duffelAnswer(200, "seat-maps.json")));
        duffel.stubFor(post(urlEqualTo("/air/orders")).willReturn(duffelAnswer(422, "error-price-changed.json")));
        duffel.stubFor(get(urlPathEqualTo("/air/offers/" + OFFER_ID)).willReturn(duffelAnswer(200, "offer-repriced.json")));

        OrderOutcome outcome = provider.createOrder(instantOrder()).block();

        // 470.10 for the re-priced offer, plus the bag (40.00) and seat (30.00) the customer accepted.
        assertThat(outcome).isInstanceOfSatisfying(OrderOutcome.PriceChanged.class, changed -> {
            assertThat(changed.newTotal()).isEqualTo(Money.of("540.10", "GBP"));
            assertThat(changed.providerOrderId()).as("a Duffel retry is a fresh order").isNull();
            assertThat(changed.expiresAt()).isEqualTo(Instant.parse("2026-08-31T12:20:00Z"));
            assertThat(changed.message()).contains("price_changed").contains("FZW0H3HdJwKk5HMAAKxB");
        });
        assertThat(duffel.findAll(postRequestedFor(urlEqualTo("/air/orders")))).hasSize(1);
        assertThat(duffel.findAll(getRequestedFor(urlPathEqualTo("/air/offers/" + OFFER_ID))).get(0).getUrl())
                .isEqualTo("/air/offers/" + OFFER_ID + "?return_available_services=true");
    }

    @Test
    void aPriceChangeWhoseOfferIsThenGoneIsOfferGone() {
        duffel.stubFor(post(urlEqualTo("/air/orders")).willReturn(duffelAnswer(422, "error-price-changed.json")));
        duffel.stubFor(get(urlPathEqualTo("/air/offers/" + OFFER_ID)).willReturn(duffelAnswer(404, "error-not-found.json")));

        assertThat(provider.createOrder(holdOrder()).block()).isInstanceOf(OrderOutcome.OfferGone.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"error-offer-no-longer-available.json", "error-offer-expired.json"})
    void anOfferDuffelNoLongerSellsIsOfferGone(String error) {
        duffel.stubFor(post(urlEqualTo("/air/orders")).willReturn(duffelAnswer(422, error)));

        assertThat(provider.createOrder(holdOrder()).block()).isInstanceOf(OrderOutcome.OfferGone.class);
    }

    @Test
    void orderNotCreatedWithA502IsRejectedBecauseDuffelGuaranteesNoOrder() {
        duffel.stubFor(post(urlEqualTo("/air/orders")).willReturn(duffelAnswer(502, "error-order-not-created.json")));

        assertThat(provider.createOrder(holdOrder()).block()).isInstanceOfSatisfying(OrderOutcome.Rejected.class,
                r -> assertThat(r.reason()).startsWith("order_not_created").contains("502")
                        .contains("FZW0H3HdJwKk5HMAAKxE"));
    }

    @Test
    void aValidationErrorIsRejectedWithoutEchoingPassengerData() {
        duffel.stubFor(post(urlEqualTo("/air/orders")).willReturn(duffelAnswer(422, "error-validation.json")));

        assertThat(provider.createOrder(holdOrder()).block()).isInstanceOfSatisfying(OrderOutcome.Rejected.class,
                r -> assertThat(r.reason()).contains("422 validation_error/validation_format")
                        .contains("FZW0H3HdJwKk5HMAAKxH").doesNotContain("Amelia").doesNotContain("phone_number"));
    }

    @ParameterizedTest
    @CsvSource({"500, error-internal.json", "503, error-service-unavailable.json", "504, ''", "502, ''",
            "502, error-internal.json", "200, ''", "201, error-validation.json"})
    void anyOtherServerErrorOrUnreadableSuccessIsUnknownAndIsNotRetried(int status, String error) {
        duffel.stubFor(post(urlEqualTo("/air/orders")).willReturn(error.isEmpty()
                ? aResponse().withStatus(status).withBody("<html>Bad gateway</html>")
                : duffelAnswer(status, error)));

        assertThat(provider.createOrder(holdOrder()).block()).isInstanceOfSatisfying(OrderOutcome.Unknown.class,
                u -> assertThat(u.reason()).contains(String.valueOf(status)));
        assertThat(duffel.findAll(postRequestedFor(urlEqualTo("/air/orders")))).hasSize(1);
    }

    @Test
    void aDuplicateBookingMayBeOursSoItIsUnknown() {
        duffel.stubFor(post(urlEqualTo("/air/orders")).willReturn(duffelAnswer(422, "error-duplicate-booking.json")));

        assertThat(provider.createOrder(holdOrder()).block()).isInstanceOf(OrderOutcome.Unknown.class);
    }

    @Test
    void a202AcceptedIsUnknownAndNamesDuffelsOrderWhenItGivesOne() {
        duffel.stubFor(post(urlEqualTo("/air/orders")).willReturn(duffelAnswer(202, "order-hold.json")));

        assertThat(provider.createOrder(holdOrder()).block()).isInstanceOfSatisfying(OrderOutcome.Unknown.class,
                u -> assertThat(u.reason()).contains("202").contains(HOLD_ID));
    }

    @Test
    void aTimeoutIsUnknownWithinTheDeadlineAndIsNotRetried() {
        duffel.stubFor(post(urlEqualTo("/air/orders")).willReturn(duffelAnswer(201, "order-hold.json")
                .withFixedDelay(3_000)));

        long started = System.nanoTime();
        assertThat(provider.createOrder(holdOrder()).block()).isInstanceOf(OrderOutcome.Unknown.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2_000));
        assertThat(duffel.findAll(postRequestedFor(urlEqualTo("/air/orders")))).hasSize(1);
    }

    @Test
    void aConnectionResetOrRefusedConnectionIsUnknown() throws Exception {
        duffel.stubFor(post(urlEqualTo("/air/orders")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        assertThat(provider.createOrder(holdOrder()).block()).isInstanceOf(OrderOutcome.Unknown.class);

        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        DuffelFlightProvider unreachable = new DuffelFlightProvider(new DuffelProperties(TOKEN,
                URI.create("http://127.0.0.1:" + closedPort), Duration.ofSeconds(2), Duration.ofMillis(300), null, 10),
                WebClient.builder(), Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(unreachable.createOrder(holdOrder()).block()).isInstanceOf(OrderOutcome.Unknown.class);
    }

    @Test
    void rateLimitingIsUnknownWithTheResetTimeAndIsNotRetried() {
        duffel.stubFor(post(urlEqualTo("/air/orders")).willReturn(duffelAnswer(429, "error-rate-limit.json")
                .withHeader("ratelimit-limit", "60").withHeader("ratelimit-remaining", "0")
                .withHeader("ratelimit-reset", "Tue, 01 Sep 2026 12:00:05 GMT")));

        assertThat(provider.createOrder(holdOrder()).block()).isInstanceOfSatisfying(OrderOutcome.Unknown.class,
                u -> assertThat(u.reason()).contains("429").contains("rate_limit_exceeded")
                        .contains("ratelimit-reset=Tue, 01 Sep 2026 12:00:05 GMT").contains("FZW0H3HdJwKk5HMAAKxG"));
        assertThat(duffel.findAll(postRequestedFor(urlEqualTo("/air/orders")))).hasSize(1);
    }

    @Test
    void requestsDuffelCannotTakeAreRejectedWithoutCallingIt() {
        OrderRequest order = instantOrder();
        assertRejectedLocally(new OrderRequest(order.reference(), order.rawOffer(), OrderType.INSTANT,
                order.passengers(), order.seats(), order.services(), order.contact(), null, null, "k"),
                "an instant order needs the expected total to pay");
        assertRejectedLocally(new OrderRequest(order.reference(), order.rawOffer(), OrderType.INSTANT,
                order.passengers(), order.seats(), order.services(), order.contact(), Money.of("522.30", "USD"), null,
                "k"), "the expected total is in USD but the offer is priced in GBP");
        assertRejectedLocally(new OrderRequest(" ", order.rawOffer(), OrderType.INSTANT, order.passengers(),
                order.seats(), order.services(), order.contact(), order.expectedTotal(), null, "k"),
                "the order has no reference, so a lost answer could never be reconciled");
        OrderPassenger adult = order.passengers().get(0);
        OrderPassenger noPassport = new OrderPassenger(adult.providerPassengerId(), "adult", "Mrs", "Amelia", null,
                "Earhart", adult.dateOfBirth(), "f", null, null,
                List.of(new TravelDocument("known_traveler_number", "KTN1", "US", null)), List.of());
        assertRejectedLocally(new OrderRequest(order.reference(), order.rawOffer(), OrderType.INSTANT,
                List.of(noPassport, order.passengers().get(1), order.passengers().get(2)), List.of(), order.services(),
                order.contact(), order.expectedTotal(), null, "k"),
                "passengers[0] needs an identity document of a type the offer accepts [passport]");
        OrderPassenger unknownGender = new OrderPassenger(adult.providerPassengerId(), "adult", null, "Amelia", null,
                "Earhart", adult.dateOfBirth(), "x", null, null, adult.identityDocuments(), List.of());
        assertRejectedLocally(new OrderRequest(order.reference(), order.rawOffer(), OrderType.INSTANT,
                List.of(unknownGender, order.passengers().get(1), order.passengers().get(2)), List.of(),
                order.services(), order.contact(), order.expectedTotal(), null, "k"),
                "passengers[0].gender must be m or f for Duffel");
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void neverLogsTheTokenPassengerDataOrBodiesEvenAtDebugOrTrace(CapturedOutput output) {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level previous = root.getLevel();
        root.setLevel(Level.DEBUG);
        // Codecs log values they encode or decode (whole at TRACE); exchanges log headers at TRACE.
        List<Logger> http = List.of("org.springframework.core.codec", "org.springframework.http.codec",
                "org.springframework.web.reactive.function.client", "reactor.netty.http.client").stream()
                .map(name -> (Logger) LoggerFactory.getLogger(name)).toList();
        http.forEach(logger -> logger.setLevel(Level.TRACE));
        try {
            duffel.stubFor(get(urlPathEqualTo("/air/seat_maps")).willReturn(duffelAnswer(200, "seat-maps.json")));
            duffel.stubFor(post(urlEqualTo("/air/orders")).willReturn(duffelAnswer(201, "order-instant.json")));
            assertThat(provider.createOrder(instantOrder()).block()).isInstanceOf(OrderOutcome.Created.class);
            duffel.stubFor(post(urlEqualTo("/air/orders")).willReturn(duffelAnswer(422, "error-validation.json")));
            assertThat(provider.createOrder(instantOrder()).block()).isInstanceOf(OrderOutcome.Rejected.class);
            duffel.stubFor(get(urlPathEqualTo("/air/orders/" + ORDER_ID)).willReturn(duffelAnswer(200,
                    "order-instant.json")));
            assertThat(provider.findOrder(ORDER_ID).block()).isPresent();
        } finally {
            root.setLevel(previous);
            http.forEach(logger -> logger.setLevel(null));
        }

        assertThat(output.getAll()).contains("Duffel order " + ORDER_ID + " created").contains("Writing ")
                .doesNotContain(TOKEN).doesNotContain(TOKEN.substring("duffel_test_".length()))
                .doesNotContain("Earhart").doesNotContain("Amelia").doesNotContain(PASSPORT)
                .doesNotContain("amelia@example.com").doesNotContain("+442080160509").doesNotContain("1987-07-24")
                .doesNotContain("RZPNX8");
    }

    // ------------------------------------------------------------------------------------------------------------
    // pay a hold

    @Test
    void payingAHoldPaysTheBalanceAndAnswersTheConfirmedOrder() {
        duffel.stubFor(post(urlEqualTo("/air/payments")).willReturn(duffelAnswer(201, "payment.json")));
        duffel.stubFor(get(urlEqualTo("/air/orders/" + HOLD_ID)).willReturn(duffelAnswer(200, "order-hold-paid.json")));

        OrderOutcome outcome = provider.payHold(HOLD_ID, GBP_452_30, "booking:1:pay").block();

        assertThat(outcome).isEqualTo(new OrderOutcome.Created(HOLD_ID, "RZPNX8", GBP_452_30, false, null));
        LoggedRequest payment = duffel.findAll(postRequestedFor(urlEqualTo("/air/payments"))).get(0);
        assertDuffelHeaders(payment);
        assertThat(body(payment)).isEqualTo(json("""
                {"data":{"order_id":"%s","payment":{"type":"balance","amount":"452.30","currency":"GBP"}}}"""
                .formatted(HOLD_ID)));
    }

    @Test
    void aPaidHoldWhoseOrderCannotBeReReadIsStillCreated() {
        duffel.stubFor(post(urlEqualTo("/air/payments")).willReturn(duffelAnswer(201, "payment.json")));
        duffel.stubFor(get(urlEqualTo("/air/orders/" + HOLD_ID)).willReturn(duffelAnswer(500, "error-internal.json")));

        assertThat(provider.payHold(HOLD_ID, GBP_452_30, "k").block())
                .isEqualTo(new OrderOutcome.Created(HOLD_ID, null, GBP_452_30, false, null));
    }

    @Test
    void aHoldWhosePriceChangedAnswersTheOrdersNewTotalAndItsGuarantee() {
        duffel.stubFor(post(urlEqualTo("/air/payments")).willReturn(duffelAnswer(422, "error-price-changed-payment.json")));
        duffel.stubFor(get(urlEqualTo("/air/orders/" + HOLD_ID)).willReturn(duffelAnswer(200, "order-hold-repriced.json")));

        OrderOutcome outcome = provider.payHold(HOLD_ID, GBP_452_30, "k").block();

        assertThat(outcome).isInstanceOfSatisfying(OrderOutcome.PriceChanged.class, changed -> {
            assertThat(changed.newTotal()).isEqualTo(Money.of("468.90", "GBP"));
            assertThat(changed.providerOrderId()).isEqualTo(HOLD_ID);
            assertThat(changed.expiresAt()).isEqualTo(Instant.parse("2026-09-01T18:00:00Z"));
        });
    }

    @Test
    void aPaymentWithoutAnAnswerIsUnknownAndIsNotRetried() {
        duffel.stubFor(post(urlEqualTo("/air/payments")).willReturn(duffelAnswer(500, "error-internal.json")));
        assertThat(provider.payHold(HOLD_ID, GBP_452_30, "k").block()).isInstanceOf(OrderOutcome.Unknown.class);

        duffel.stubFor(post(urlEqualTo("/air/payments")).willReturn(duffelAnswer(201, "payment.json")
                .withFixedDelay(3_000)));
        assertThat(provider.payHold(HOLD_ID, GBP_452_30, "k").block()).isInstanceOf(OrderOutcome.Unknown.class);

        duffel.stubFor(post(urlEqualTo("/air/payments")).willReturn(duffelAnswer(202, "payment.json")));
        assertThat(provider.payHold(HOLD_ID, GBP_452_30, "k").block()).isInstanceOf(OrderOutcome.Unknown.class);
        assertThat(duffel.findAll(postRequestedFor(urlEqualTo("/air/payments")))).hasSize(3);
    }

    // ------------------------------------------------------------------------------------------------------------
    // find orders

    @Test
    void findOrderReadsStatusFromDuffelsFields() {
        duffel.stubFor(get(urlEqualTo("/air/orders/" + ORDER_ID)).willReturn(duffelAnswer(200, "order-instant.json")));
        assertThat(provider.findOrder(ORDER_ID).block()).contains(new ProviderOrder(ORDER_ID, "RZPNX8", REFERENCE,
                "confirmed", Money.of("522.30", "GBP"), null));
        assertDuffelHeaders(onlyRequest());

        duffel.stubFor(get(urlEqualTo("/air/orders/" + HOLD_ID)).willReturn(duffelAnswer(200, "order-hold.json")));
        assertThat(provider.findOrder(HOLD_ID).block()).contains(new ProviderOrder(HOLD_ID, "RZPNX8", HOLD_REFERENCE,
                "held", GBP_452_30, Instant.parse("2026-09-03T23:59:59Z")));

        duffel.stubFor(get(urlEqualTo("/air/orders/" + ORDER_ID)).willReturn(duffelAnswer(200, "order-cancelled.json")));
        assertThat(provider.findOrder(ORDER_ID).block()).hasValueSatisfying(
                order -> assertThat(order.status()).isEqualTo("cancelled"));
    }

    @Test
    void anOrderDuffelDoesNotKnowIsEmpty() {
        duffel.stubFor(get(urlEqualTo("/air/orders/ord_missing")).willReturn(duffelAnswer(404, "error-not-found.json")));

        assertThat(provider.findOrder("ord_missing").block()).isEmpty();
    }

    @Test
    void findOrderWithoutAnAnswerIsUnavailableNotEmpty() {
        duffel.stubFor(get(urlEqualTo("/air/orders/" + ORDER_ID)).willReturn(duffelAnswer(503,
                "error-service-unavailable.json")));

        assertThatThrownBy(() -> provider.findOrder(ORDER_ID).block()).isInstanceOf(DuffelUnavailableException.class);
    }

    @Test
    void findOrderByReferenceListsRecentOrdersAndMatchesOurMetadata() {
        stubOrderPages();

        Optional<ProviderOrder> order = provider.findOrderByReference(HOLD_REFERENCE).block();

        assertThat(order).contains(new ProviderOrder(HOLD_ID, "RZPNX8", HOLD_REFERENCE, "held", GBP_452_30,
                Instant.parse("2026-09-03T23:59:59Z")));
        List<LoggedRequest> pages = duffel.findAll(getRequestedFor(urlPathEqualTo("/air/orders")));
        assertThat(pages).hasSize(2);
        assertThat(pages.get(0).queryParameter("created_at[after]").firstValue()).isEqualTo("2026-08-29T12:00:00Z");
        assertThat(pages.get(0).queryParameter("limit").firstValue()).isEqualTo("200");
        assertThat(pages.get(0).queryParameter("after").isPresent()).isFalse();
        assertThat(pages.get(1).queryParameter("after").firstValue())
                .isEqualTo("g2wAAAACbQAAABBBZXJvbWlzdC1LaGFya2l2bQAAAB=");
        assertDuffelHeaders(pages.get(0));
    }

    @Test
    void aReferenceNoRecentOrderCarriesIsEmptyButAnUnfinishedSearchIsAnError() {
        stubOrderPages();
        assertThat(provider.findOrderByReference("bkg_never-created").block()).isEmpty();

        assertThatThrownBy(() -> providerWith(1).findOrderByReference("bkg_never-created").block())
                .isInstanceOf(DuffelUnavailableException.class).hasMessageContaining("order-lookup-max-pages");
    }

    // ------------------------------------------------------------------------------------------------------------
    // cancellation

    @Test
    void cancellationIsQuotedThenConfirmed() {
        duffel.stubFor(post(urlEqualTo("/air/order_cancellations")).willReturn(duffelAnswer(201,
                "order-cancellation.json")));
        duffel.stubFor(post(urlEqualTo("/air/order_cancellations/ore_00009qzZWzjDipIkqpaUAj/actions/confirm"))
                .willReturn(duffelAnswer(200, "order-cancellation-confirmed.json")));

        CancellationQuote quote = provider.quoteCancellation(ORDER_ID).block();
        assertThat(quote).isEqualTo(new CancellationQuote(ORDER_ID, "ore_00009qzZWzjDipIkqpaUAj",
                Money.of("90.80", "GBP"), Instant.parse("2026-09-05T09:40:01Z")));
        LoggedRequest quoteRequest = duffel.findAll(postRequestedFor(urlEqualTo("/air/order_cancellations"))).get(0);
        assertThat(body(quoteRequest)).isEqualTo(json("{\"data\":{\"order_id\":\"" + ORDER_ID + "\"}}"));
        assertDuffelHeaders(quoteRequest);

        CancellationOutcome outcome = provider.confirmCancellation(ORDER_ID, quote, "booking:1:cancel").block();

        assertThat(outcome).isEqualTo(new CancellationOutcome.Cancelled(ORDER_ID, Money.of("90.80", "GBP")));
        assertThat(duffel.findAll(postRequestedFor(urlEqualTo(
                "/air/order_cancellations/ore_00009qzZWzjDipIkqpaUAj/actions/confirm")))).hasSize(1);
    }

    @Test
    void confirmingWithoutAQuoteIsRefusedWithoutCallingDuffel() {
        assertThat(provider.confirmCancellation(ORDER_ID, null, "k").block())
                .isInstanceOf(CancellationOutcome.Refused.class);
        assertThat(provider.confirmCancellation(ORDER_ID, new CancellationQuote("ord_other", "ore_1", null, null), "k")
                .block()).isInstanceOf(CancellationOutcome.Refused.class);
        assertThat(duffel.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"422, error-unsupported-action.json, Refused", "422, error-already-cancelled.json, Unknown",
            "500, error-internal.json, Unknown", "429, error-rate-limit.json, Unknown"})
    void aCancellationConfirmationMapsDuffelsAnswers(int status, String error, String expected) {
        duffel.stubFor(post(urlPathEqualTo("/air/order_cancellations/ore_00009qzZWzjDipIkqpaUAj/actions/confirm"))
                .willReturn(duffelAnswer(status, error)));
        CancellationQuote quote = new CancellationQuote(ORDER_ID, "ore_00009qzZWzjDipIkqpaUAj",
                Money.of("90.80", "GBP"), Instant.parse("2026-09-05T09:40:01Z"));

        CancellationOutcome outcome = provider.confirmCancellation(ORDER_ID, quote, "k").block();

        assertThat(outcome.getClass().getSimpleName()).isEqualTo(expected);
    }

    @Test
    void aConfirmationThatTimesOutIsUnknown() {
        duffel.stubFor(post(urlPathEqualTo("/air/order_cancellations/ore_1/actions/confirm"))
                .willReturn(duffelAnswer(200, "order-cancellation-confirmed.json").withFixedDelay(3_000)));

        assertThat(provider.confirmCancellation(ORDER_ID, new CancellationQuote(ORDER_ID, "ore_1", null, null), "k")
                .block()).isInstanceOf(CancellationOutcome.Unknown.class);
    }

    @Test
    void aQuoteDuffelRefusesIsRefusedWithItsCode() {
        duffel.stubFor(post(urlEqualTo("/air/order_cancellations")).willReturn(duffelAnswer(422,
                "error-already-cancelled.json")));

        assertThatThrownBy(() -> provider.quoteCancellation(ORDER_ID).block())
                .isInstanceOfSatisfying(DuffelRefusedException.class,
                        e -> assertThat(e.code()).isEqualTo("already_cancelled"));
    }

    @Test
    void theProviderIsDuffel() {
        assertThat(provider.id()).isEqualTo(ProviderId.DUFFEL);
    }

    // ------------------------------------------------------------------------------------------------------------
    // helpers and object mothers

    private static DuffelFlightProvider providerWith(int maxPages) {
        return new DuffelFlightProvider(new DuffelProperties(TOKEN, URI.create(duffel.baseUrl() + "/"),
                Duration.ofSeconds(2), Duration.ofMillis(300), Duration.ofHours(72), maxPages), WebClient.builder(),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static void stubOrderPages() {
        duffel.stubFor(get(urlPathEqualTo("/air/orders")).withQueryParam("created_at[after]", equalTo("2026-08-29T12:00:00Z"))
                .willReturn(duffelAnswer(200, "orders-page-1.json")));
        duffel.stubFor(get(urlPathEqualTo("/air/orders")).withQueryParam("after",
                equalTo("g2wAAAACbQAAABBBZXJvbWlzdC1LaGFya2l2bQAAAB=")).willReturn(duffelAnswer(200, "orders-page-2.json")));
    }

    private static OfferPassengerUpdate loyaltyUpdate() {
        return new OfferPassengerUpdate("Amelia", null, "Earhart", null, null, null,
                List.of(new LoyaltyAccount("BA", "12901014")), List.of());
    }

    /** Amelia (adult, travelling with the infant), Fred (a child by age) and Ada (an infant on Amelia's lap). */
    private static OrderRequest instantOrder() {
        OrderPassenger amelia = new OrderPassenger(ADULT, "adult", "Mrs", "Amelia", "Mary", "Earhart",
                LocalDate.of(1987, 7, 24), "female", "amelia@example.com", "+442080160509",
                List.of(new TravelDocument("known_traveler_number", "KTN123456", "US", null),
                        new TravelDocument("passport", PASSPORT, "GB", LocalDate.of(2031, 1, 1))),
                List.of(new LoyaltyAccount("BA", "12901014")));
        OrderPassenger fred = new OrderPassenger(CHILD, "child", null, "Fred", null, "Earhart",
                LocalDate.of(2017, 3, 2), "m", null, null,
                List.of(new TravelDocument("passport", "P11111111", "GB", LocalDate.of(2029, 5, 5))), List.of());
        OrderPassenger ada = new OrderPassenger(INFANT, "infant", "Miss", "Ada", null, "Earhart",
                LocalDate.of(2026, 1, 10), "F", null, null,
                List.of(new TravelDocument("passport", "P22222222", "GB", LocalDate.of(2031, 1, 10))), List.of());
        return new OrderRequest(REFERENCE, fixtureJson("offer.json"), OrderType.INSTANT, List.of(amelia, fred, ada),
                List.of(new SeatChoice(FIRST_SEGMENT, ADULT, "1A", null, Money.of("30.00", "GBP"))),
                List.of(new ServiceChoice("ase_00009UhD4ongolulWd9123", 1, Money.of("40.00", "GBP"))),
                new Contact("bookings@example.com", "+442080160500"), Money.of("522.30", "GBP"), null,
                "booking:" + REFERENCE + ":order");
    }

    private static OrderRequest holdOrder() {
        OrderRequest instant = instantOrder();
        return new OrderRequest(HOLD_REFERENCE, instant.rawOffer(), OrderType.HOLD, instant.passengers(), List.of(),
                List.of(), instant.contact(), null, null, "booking:" + HOLD_REFERENCE + ":order");
    }

    private static OrderRequest withSeats(OrderRequest order, List<SeatChoice> seats) {
        return new OrderRequest(order.reference(), order.rawOffer(), order.type(), order.passengers(), seats,
                order.services(), order.contact(), order.expectedTotal(), order.retryOrderId(), order.idempotencyKey());
    }

    private void assertRejectedLocally(OrderRequest request, String reason) {
        assertThat(provider.createOrder(request).block()).isEqualTo(new OrderOutcome.Rejected(reason));
        assertThat(duffel.findAll(postRequestedFor(urlEqualTo("/air/orders")))).isEmpty();
    }

    private static void assertDuffelHeaders(LoggedRequest request) {
        assertThat(request.getHeader("Duffel-Version")).isEqualTo("v2");
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(request.getHeader("Accept")).isEqualTo("application/json");
    }

    private static LoggedRequest onlyRequest() {
        List<LoggedRequest> requests = duffel.findAll(anyRequestedFor(anyUrl()));
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    private static ResponseDefinitionBuilder duffelAnswer(int status, String fixture) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withHeader("x-request-id", "FZW0H3HdJwKk5HMAAKxZ").withBody(fixture(fixture));
    }

    private static JsonNode body(LoggedRequest request) {
        return json(request.getBodyAsString());
    }

    static String fixture(String name) {
        try (InputStream in = DuffelFlightProviderTest.class.getResourceAsStream("/duffel/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode fixtureJson(String name) {
        return json(fixture(name));
    }

    static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    /** REMOVE the field at {@code pointer}, make it an EMPTY array, or set it to the given string. */
    private static void mutate(ObjectNode root, String pointer, String change) {
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = slash == 0 ? root : root.at(pointer.substring(0, slash));
        String field = pointer.substring(slash + 1);
        Consumer<JsonNode> apply = node -> {
            if (node instanceof ObjectNode object) {
                switch (change) {
                    case "REMOVE" -> object.remove(field);
                    case "EMPTY" -> object.set(field, JSON.createArrayNode());
                    default -> object.put(field, change);
                }
            } else if (node instanceof ArrayNode array) {
                array.set(Integer.parseInt(field), JSON.getNodeFactory().stringNode(change));
            }
        };
        assertThat(parent.isMissingNode()).as("fixture has %s", pointer).isFalse();
        apply.accept(parent);
    }
}
