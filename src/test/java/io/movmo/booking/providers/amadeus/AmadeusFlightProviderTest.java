package io.movmo.booking.providers.amadeus;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.noContent;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
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
import io.movmo.booking.providers.port.OfferPayloadException;
import io.movmo.booking.providers.port.OrderOutcome;
import io.movmo.booking.providers.port.OrderRequest;
import io.movmo.booking.providers.port.PricingOutcome;
import io.movmo.booking.providers.port.ProviderOrder;
import io.movmo.booking.providers.port.SeatMap;
import io.movmo.booking.shared.Money;
import io.movmo.booking.shared.ProviderId;
import io.movmo.booking.testing.MutableClock;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
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
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The Amadeus Self-Service adapter against WireMock, with payloads shaped like Amadeus's published examples. */
class AmadeusFlightProviderTest {

    @RegisterExtension
    static WireMockExtension amadeus = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String TOKEN_PATH = "/v1/security/oauth2/token";
    static final String PRICING = "/v1/shopping/flight-offers/pricing";
    static final String SEAT_MAPS = "/v1/shopping/seatmaps";
    static final String ORDERS = "/v1/booking/flight-orders";
    static final String ORDER_ID = "eJzTd9cPN%2FMM83cHAAtUAmg%3D";
    static final String ORDER_PATH = ORDERS + "/" + ORDER_ID;
    static final String REFERENCE = "6f1c2a4e-9b1d-4c55-8d0a-2a7e5b3c9d11";
    static final String TOKEN_ONE = "AMADEUS-TOKEN-ONE-0000000000";
    static final String TOKEN_TWO = "AMADEUS-TOKEN-TWO-1111111111";
    static final String SECRET = "amadeus-secret-value-42";
    static final String PASSPORT_NUMBER = "PAA1234567";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-02-28T10:00:00Z"));
    private AmadeusFlightProvider provider;

    @BeforeAll
    static void warmUp() {
        // A fresh JVM's first exchange can take longer than the short read timeouts the tests run with.
        amadeus.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(okJson(fixture("token.json"))));
        new AmadeusTokens(new AmadeusProperties("id", "secret", URI.create(amadeus.baseUrl()), Duration.ofSeconds(10),
                Duration.ofSeconds(30), Duration.ofSeconds(30)), new MutableClock(Instant.now())).accessToken().block();
    }

    @BeforeEach
    void provider() {
        amadeus.resetAll();
        amadeus.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(okJson(fixture("token.json"))));
        provider = providerFor(amadeus.baseUrl());
    }

    private AmadeusFlightProvider providerFor(String baseUrl) {
        AmadeusProperties properties = new AmadeusProperties("movmo-api-key", SECRET, URI.create(baseUrl),
                Duration.ofMillis(500), Duration.ofMillis(800), Duration.ofMillis(1500));
        return new AmadeusFlightProvider(properties, new AmadeusTokens(properties, clock), clock);
    }

    // --- normalize --------------------------------------------------------------------------------------------------

    @Test
    void normalizesTheSeedsFlightOfferWithExactMoney() {
        NormalizedOffer offer = provider.normalize(json("seed-flight-offer.json"));

        assertThat(provider.id()).isEqualTo(ProviderId.AMADEUS);
        assertThat(offer.providerOfferId()).isEqualTo("1");
        assertThat(offer.total()).isEqualTo(Money.of("299.00", "USD"));
        assertThat(offer.base()).isEqualTo(Money.of("249.00", "USD"));
        assertThat(offer.tax()).isEqualTo(Money.of("50.00", "USD"));
        assertThat(offer.total().amount()).isEqualByComparingTo(new BigDecimal("299.00"));
        // lastTicketingDate 2025-12-10 ends first in UTC+14: at 2025-12-11T00:00+14:00.
        assertThat(offer.expiresAt()).isEqualTo(Instant.parse("2025-12-10T10:00:00Z"));
        assertThat(offer.owner().get("iata_code").stringValue()).isEqualTo("AA");
        assertThat(offer.passengers()).hasSize(1);
        assertThat(offer.passengers().get(0).get("id").stringValue()).isEqualTo("1");
        assertThat(offer.passengers().get(0).get("type").stringValue()).isEqualTo("adult");
        JsonNode slice = offer.slices().get(0);
        assertThat(slice.get("origin").stringValue()).isEqualTo("LAX");
        assertThat(slice.get("destination").stringValue()).isEqualTo("JFK");
        assertThat(slice.get("departing_at").stringValue()).isEqualTo("2025-12-15T08:00:00");
        assertThat(slice.get("arriving_at").stringValue()).isEqualTo("2025-12-15T16:35:00");
        assertThat(slice.get("duration").stringValue()).isEqualTo("PT5H35M");
        JsonNode segment = slice.get("segments").get(0);
        assertThat(segment.get("id").stringValue()).isEqualTo("1");
        assertThat(segment.get("marketing_carrier").stringValue()).isEqualTo("AA");
        assertThat(segment.get("operating_carrier").stringValue()).isEqualTo("AA");
        assertThat(segment.get("flight_number").stringValue()).isEqualTo("123");
        assertThat(segment.get("aircraft").stringValue()).isEqualTo("321");
        assertThat(segment.get("cabin_class").stringValue()).isEqualTo("economy");
        assertThat(segment.get("fare_basis").stringValue()).isEqualTo("UUA0AFNN");
        assertThat(segment.get("branded_fare").stringValue()).isEqualTo("BASIC");
        assertThat(offer.fareClassMetadata().get("checked_bags").intValue()).isZero();
        assertThat(offer.supportedPassengerIdentityDocumentTypes())
                .containsExactly("passport", "known_traveler_number", "passenger_redress_number");
        assertThat(offer.supportedLoyaltyProgrammes()).containsExactly("AA");
        assertThat(offer.passengerIdentityDocumentsRequired()).isFalse();
        assertThat(offer.paymentRequirements().get("requires_instant_payment").booleanValue()).isFalse();
    }

    @Test
    void normalizesAnAmadeusSearchOfferWithSeveralItinerariesTravelersAndFares() {
        NormalizedOffer offer = provider.normalize(json("flight-offer.json"));

        assertThat(offer.providerOfferId()).isEqualTo("4");
        assertThat(offer.total()).isEqualTo(Money.of("1482.26", "EUR"));
        assertThat(offer.base()).isEqualTo(Money.of("966.00", "EUR"));
        assertThat(offer.tax()).isEqualTo(Money.of("516.26", "EUR"));
        // lastTicketingDateTime wins over lastTicketingDate, read in UTC+14.
        assertThat(offer.expiresAt()).isEqualTo(Instant.parse("2026-03-01T04:30:00Z"));
        assertThat(offer.passengers()).extracting(p -> p.get("id").stringValue() + ":" + p.get("type").stringValue())
                .containsExactly("1:adult", "2:child", "3:infant");
        assertThat(offer.passengers().get(2).get("associated_adult_id").stringValue()).isEqualTo("1");
        assertThat(offer.slices()).hasSize(2);
        JsonNode outbound = offer.slices().get(0);
        assertThat(outbound.get("id").stringValue()).isEqualTo("1");
        assertThat(outbound.get("origin").stringValue()).isEqualTo("MAD");
        assertThat(outbound.get("destination").stringValue()).isEqualTo("JFK");
        assertThat(outbound.get("departing_at").stringValue()).isEqualTo("2026-03-10T07:15:00");
        assertThat(outbound.get("arriving_at").stringValue()).isEqualTo("2026-03-10T14:20:00");
        assertThat(outbound.get("segments")).extracting(s -> s.get("id").stringValue()).containsExactly("11", "12");
        JsonNode codeshare = outbound.get("segments").get(0);
        assertThat(codeshare.get("marketing_carrier").stringValue()).isEqualTo("IB");
        assertThat(codeshare.get("operating_carrier").stringValue()).isEqualTo("BA");
        assertThat(outbound.get("segments").get(1).get("cabin_class").stringValue()).isEqualTo("premium_economy");
        assertThat(outbound.get("segments").get(1).get("operating_carrier").stringValue()).isEqualTo("BA");
        assertThat(offer.slices().get(1).get("segments").get(0).get("aircraft").stringValue()).isEqualTo("359");
        assertThat(offer.owner().get("iata_code").stringValue()).isEqualTo("IB");
        // The infant's 0 pieces is what every passenger is sure of; cabin bags only where given.
        assertThat(offer.fareClassMetadata().get("checked_bags").intValue()).isZero();
        assertThat(offer.fareClassMetadata().get("carry_on_bags").intValue()).isEqualTo(1);
        assertThat(offer.supportedLoyaltyProgrammes()).containsExactly("IB", "BA");
    }

    @Test
    void theUntouchedOfferInsideTheSeedsUnifiedObjectIsPreferred() {
        ObjectNode unified = (ObjectNode) json("seed-flight-offer.json");
        ObjectNode inner = (ObjectNode) json("flight-offer.json");
        unified.set("rawFlightOffer", inner);

        assertThat(provider.normalize(unified).total()).isEqualTo(Money.of("1482.26", "EUR"));
    }

    @Test
    void amountsKeepTheCurrencysDigitsAndAreNeverRounded() {
        ObjectNode yen = (ObjectNode) json("seed-flight-offer.json");
        ObjectNode price = (ObjectNode) yen.get("price");
        price.put("currency", "JPY");
        price.put("total", "45230");
        price.put("base", "39000");
        price.put("grandTotal", "45230");
        assertThat(provider.normalize(yen).tax()).isEqualTo(Money.of("6230", "JPY"));

        price.put("total", "45230.5");
        assertPayloadError(yen, "price.total: JPY has 0 decimal digits, so 45230.5 is not an amount of it");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no price            | /price                                                        | price: is missing",
            "total not a number  | /price/total=abc                                              | price.total: must be a decimal amount such as \"299.00\", got \"abc\"",
            "unknown currency    | /price/currency=XYZ                                           | price.currency: must be an ISO 4217 currency code, got \"XYZ\"",
            "base above total    | /price/base=300.00                                            | price.base: is more than price.total (USD 299.00)",
            "no itineraries      | /itineraries                                                  | itineraries: is missing",
            "bad departure time  | /itineraries/0/segments/0/departure/at=tomorrow               | itineraries[0].segments[0].departure.at: must be a date-time such as \"2025-12-15T08:00:00\", got \"tomorrow\"",
            "bad airport         | /itineraries/0/segments/0/arrival/iataCode=jfk                | itineraries[0].segments[0].arrival.iataCode: must be a 3-letter IATA code, got \"jfk\"",
            "no carrier          | /itineraries/0/segments/0/carrierCode                         | itineraries[0].segments[0].carrierCode: is missing",
            "unknown traveler    | /travelerPricings/0/travelerType=ALIEN                        | travelerPricings[0].travelerType: must be one of ADULT",
            "fare of no segment  | /travelerPricings/0/fareDetailsBySegment/0/segmentId=99       | travelerPricings[0].fareDetailsBySegment[0].segmentId: names no segment of the itineraries: \"99\"",
            "bad bag count       | /travelerPricings/0/fareDetailsBySegment/0/includedCheckedBags/quantity=-1 | travelerPricings[0].fareDetailsBySegment[0].includedCheckedBags.quantity: must be a whole number of 0 or more",
            "bad ticketing date  | /lastTicketingDate=10/12/2025                                 | lastTicketingDate: must be a date such as \"2025-12-10\", got \"10/12/2025\"",
            "not a flight-offer  | /type=hotel-offer                                             | type: must be \"flight-offer\", got \"hotel-offer\""})
    void aMalformedOfferIsAPayloadErrorNamingTheField(String name, String change, String details) {
        ObjectNode offer = (ObjectNode) json("seed-flight-offer.json");
        apply(offer, change.strip());

        assertPayloadError(offer, details.strip());
    }

    @Test
    void somethingOtherThanAnObjectIsAPayloadError() {
        assertPayloadError(JSON.createArrayNode(), "(root): must be an Amadeus flight-offer object");
    }

    // --- price ------------------------------------------------------------------------------------------------------

    @Test
    void pricesWithTheGetOverrideAndTheAmadeusOfferAndAnswersTheNewPrice() {
        amadeus.stubFor(post(urlEqualTo(PRICING)).willReturn(amadeusJson(200, fixture("pricing-response.json"))));

        PricingOutcome outcome = provider.price(json("flight-offer.json")).block();

        assertThat(outcome).isInstanceOfSatisfying(PricingOutcome.Priced.class, priced -> {
            assertThat(priced.offer().total()).isEqualTo(Money.of("1519.86", "EUR"));
            assertThat(priced.offer().tax()).isEqualTo(Money.of("519.86", "EUR"));
            assertThat(priced.offer().expiresAt()).isEqualTo(Instant.parse("2026-03-02T10:00:00Z"));
            assertThat(priced.rawOffer().get("price").get("grandTotal").stringValue()).isEqualTo("1519.86");
        });
        LoggedRequest request = only(postRequestedFor(urlEqualTo(PRICING)));
        assertThat(request.getHeader("X-HTTP-Method-Override")).isEqualTo("GET");
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN_ONE);
        assertThat(request.getHeader("Content-Type")).startsWith("application/vnd.amadeus+json");
        JsonNode body = body(request);
        assertThat(body.get("data").get("type").stringValue()).isEqualTo("flight-offers-pricing");
        assertThat(body.get("data").get("flightOffers").get(0)).isEqualTo(json("flight-offer.json"));
    }

    @Test
    void theSeedsUnifiedObjectIsSentAsTheAmadeusOfferItCameFrom() {
        amadeus.stubFor(post(urlEqualTo(PRICING)).willReturn(amadeusJson(200, fixture("pricing-response.json"))));

        provider.price(json("seed-flight-offer.json")).block();

        JsonNode sent = body(only(postRequestedFor(urlEqualTo(PRICING)))).get("data").get("flightOffers").get(0);
        assertThat(sent.get("id").stringValue()).isEqualTo("1");
        assertThat(sent.has("dataSource")).isFalse();
        assertThat(sent.has("seatMap")).isFalse();
        assertThat(sent.has("seatMapAvailable")).isFalse();
        assertThat(sent.has("seatMapError")).isFalse();
        assertThat(sent.get("travelerPricings").get(0).get("travelerId").stringValue()).isEqualTo("1");
    }

    @Test
    void pricingAnOfferThatIsGoneOrRefused() {
        amadeus.stubFor(post(urlEqualTo(PRICING)).willReturn(error(404, 1797, "NOT FOUND", "no response found")));
        assertThat(provider.price(json("flight-offer.json")).block()).isInstanceOf(PricingOutcome.OfferGone.class);

        amadeus.stubFor(post(urlEqualTo(PRICING)).willReturn(error(400, 4926, "INVALID DATA RECEIVED", "No fare applicable")));
        assertThat(provider.price(json("flight-offer.json")).block()).isInstanceOf(PricingOutcome.OfferGone.class);

        amadeus.stubFor(post(urlEqualTo(PRICING)).willReturn(error(400, 32171, "MANDATORY DATA MISSING", "type needed")));
        assertThat(provider.price(json("flight-offer.json")).block())
                .isInstanceOfSatisfying(PricingOutcome.Rejected.class, rejected -> assertThat(rejected.reason())
                        .isEqualTo("Amadeus pricing answered 400 32171 MANDATORY DATA MISSING at /data/flightOffers[0] "
                                + "(request 0001AMA42)"));
    }

    @Test
    void pricingWithoutADefiniteAnswerIsUnknown() {
        amadeus.stubFor(post(urlEqualTo(PRICING)).willReturn(error(500, 141, "SYSTEM ERROR HAS OCCURRED", null)));
        assertThat(provider.price(json("flight-offer.json")).block()).isInstanceOfSatisfying(PricingOutcome.Unknown.class,
                unknown -> assertThat(unknown.reason()).contains("500 141 SYSTEM ERROR HAS OCCURRED"));

        amadeus.stubFor(post(urlEqualTo(PRICING)).willReturn(aResponse().withStatus(503)));
        assertThat(provider.price(json("flight-offer.json")).block()).isInstanceOf(PricingOutcome.Unknown.class);

        amadeus.stubFor(post(urlEqualTo(PRICING)).willReturn(amadeusJson(200, "{\"data\":{}}")));
        assertThat(provider.price(json("flight-offer.json")).block()).isInstanceOf(PricingOutcome.Unknown.class);

        amadeus.stubFor(post(urlEqualTo(PRICING)).willReturn(amadeusJson(200, fixture("pricing-response.json"))
                .withFixedDelay(2_000)));
        long started = System.nanoTime();
        assertThat(provider.price(json("flight-offer.json")).block()).isInstanceOfSatisfying(PricingOutcome.Unknown.class,
                unknown -> assertThat(unknown.reason()).startsWith("Amadeus pricing failed"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1_900));
    }

    @Test
    void aTricklingAnswerIsCutOffByTheWholeExchangesDeadline() {
        // Each chunk comes well within the read timeout; the whole answer takes far longer than connect + read.
        amadeus.stubFor(post(urlEqualTo(PRICING)).willReturn(amadeusJson(200, fixture("pricing-response.json"))
                .withChunkedDribbleDelay(20, 4_000)));

        long started = System.nanoTime();
        assertThat(provider.price(json("flight-offer.json")).block()).isInstanceOf(PricingOutcome.Unknown.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(3_000));
    }

    @Test
    void anUnreadablePayloadIsRefusedBeforeAnythingIsSent() {
        ObjectNode offer = (ObjectNode) json("flight-offer.json");
        offer.remove("price");

        assertThatThrownBy(() -> provider.price(offer).block()).isInstanceOf(OfferPayloadException.class);
        assertThat(amadeus.findAll(postRequestedFor(urlEqualTo(PRICING)))).isEmpty();
    }

    // --- tokens -----------------------------------------------------------------------------------------------------

    @Test
    void theTokenIsFetchedOnceAndUsedForEveryCall() {
        amadeus.stubFor(post(urlEqualTo(PRICING)).willReturn(amadeusJson(200, fixture("pricing-response.json"))));

        provider.price(json("flight-offer.json")).block();
        provider.price(json("flight-offer.json")).block();

        assertThat(amadeus.findAll(postRequestedFor(urlEqualTo(TOKEN_PATH)))).hasSize(1);
        assertThat(amadeus.findAll(postRequestedFor(urlEqualTo(PRICING))))
                .extracting(r -> r.getHeader("Authorization")).containsOnly("Bearer " + TOKEN_ONE).hasSize(2);
    }

    @Test
    void anExpiredTokenIsRenewedAndTheRequestSentOnceMore() {
        tokensInTurn();
        amadeus.stubFor(post(urlEqualTo(PRICING)).withHeader("Authorization", equalTo("Bearer " + TOKEN_ONE))
                .willReturn(error(401, 38192, "Access token expired", "The access token is expired")));
        amadeus.stubFor(post(urlEqualTo(PRICING)).withHeader("Authorization", equalTo("Bearer " + TOKEN_TWO))
                .willReturn(amadeusJson(200, fixture("pricing-response.json"))));

        assertThat(provider.price(json("flight-offer.json")).block()).isInstanceOf(PricingOutcome.Priced.class);

        assertThat(amadeus.findAll(postRequestedFor(urlEqualTo(TOKEN_PATH)))).hasSize(2);
        List<LoggedRequest> pricings = amadeus.findAll(postRequestedFor(urlEqualTo(PRICING)));
        assertThat(pricings).extracting(r -> r.getHeader("Authorization"))
                .containsExactly("Bearer " + TOKEN_ONE, "Bearer " + TOKEN_TWO);
        assertThat(pricings.get(1).getBodyAsString()).isEqualTo(pricings.get(0).getBodyAsString());
    }

    @Test
    void aTokenRefusedTwiceIsNotTriedAThirdTime() {
        tokensInTurn();
        amadeus.stubFor(post(urlEqualTo(PRICING)).willReturn(error(401, 38190, "Invalid access token", null)));

        assertThat(provider.price(json("flight-offer.json")).block()).isInstanceOf(PricingOutcome.Unknown.class);

        assertThat(amadeus.findAll(postRequestedFor(urlEqualTo(PRICING)))).hasSize(2);
        assertThat(amadeus.findAll(postRequestedFor(urlEqualTo(TOKEN_PATH)))).hasSize(2);
    }

    @Test
    void aMalformedAuthorizationHeaderIsNotATokenProblem() {
        amadeus.stubFor(post(urlEqualTo(PRICING)).willReturn(error(401, 38191, "Invalid HTTP header", null)));

        assertThat(provider.price(json("flight-offer.json")).block()).isInstanceOf(PricingOutcome.Unknown.class);

        assertThat(amadeus.findAll(postRequestedFor(urlEqualTo(PRICING)))).hasSize(1);
        assertThat(amadeus.findAll(postRequestedFor(urlEqualTo(TOKEN_PATH)))).hasSize(1);
    }

    @Test
    void anOrderRefusedForItsTokenIsSentOnceMoreWithANewToken() {
        tokensInTurn();
        amadeus.stubFor(post(urlEqualTo(ORDERS)).withHeader("Authorization", equalTo("Bearer " + TOKEN_ONE))
                .willReturn(error(401, 38193, "Access token revoked", null)));
        amadeus.stubFor(post(urlEqualTo(ORDERS)).withHeader("Authorization", equalTo("Bearer " + TOKEN_TWO))
                .willReturn(amadeusJson(201, fixture("order-confirmed.json"))));

        assertThat(provider.createOrder(order(OrderRequest.OrderType.INSTANT, Money.of("1482.26", "EUR"))).block())
                .isInstanceOf(OrderOutcome.Created.class);
        assertThat(amadeus.findAll(postRequestedFor(urlEqualTo(ORDERS)))).hasSize(2);
    }

    @Test
    void noTokenMeansNoOrderWasSent() {
        amadeus.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_client\",\"code\":38187,\"title\":\"Invalid parameters\"}")));

        assertThat(provider.createOrder(order(OrderRequest.OrderType.INSTANT, null)).block())
                .isInstanceOfSatisfying(OrderOutcome.Rejected.class, rejected -> assertThat(rejected.reason())
                        .contains("401 invalid_client 38187").endsWith("no order was sent"));
        assertThat(amadeus.findAll(postRequestedFor(urlEqualTo(ORDERS)))).isEmpty();
    }

    // --- createOrder ------------------------------------------------------------------------------------------------

    @Test
    void createsAnInstantOrderWithTravelersOurReferenceAndAConfirmAgreement() {
        amadeus.stubFor(post(urlEqualTo(ORDERS)).willReturn(amadeusJson(201, fixture("order-confirmed.json"))));

        OrderOutcome outcome = provider.createOrder(order(OrderRequest.OrderType.INSTANT, Money.of("1482.26", "EUR"))).block();

        assertThat(outcome).isEqualTo(new OrderOutcome.Created(ORDER_ID, "KLM7QZ", Money.of("1482.26", "EUR"), false, null));
        LoggedRequest request = only(postRequestedFor(urlEqualTo(ORDERS)));
        assertThat(request.containsHeader("X-HTTP-Method-Override")).isFalse();
        assertThat(request.getHeader("Content-Type")).startsWith("application/vnd.amadeus+json");
        JsonNode data = body(request).get("data");
        assertThat(data.get("type").stringValue()).isEqualTo("flight-order");
        assertThat(data.get("flightOffers").get(0)).isEqualTo(json("flight-offer.json"));
        assertThat(data.get("remarks").get("general")).hasSize(1);
        assertThat(data.get("remarks").get("general").get(0)).isEqualTo(JSON.readTree(
                "{\"subType\":\"GENERAL_MISCELLANEOUS\",\"text\":\"MOVMO-REF " + REFERENCE + "\"}"));
        assertThat(data.get("ticketingAgreement")).isEqualTo(JSON.readTree("{\"option\":\"CONFIRM\"}"));

        JsonNode travelers = data.get("travelers");
        assertThat(travelers).extracting(t -> t.get("id").stringValue()).containsExactly("1", "2", "3");
        assertThat(travelers.get(0)).isEqualTo(JSON.readTree("""
                {"id":"1","dateOfBirth":"1984-07-02","name":{"firstName":"Alba","middleName":"Maria","lastName":"Prueba"},
                 "gender":"FEMALE",
                 "contact":{"emailAddress":"alba.prueba@example.com",
                            "phones":[{"deviceType":"MOBILE","countryCallingCode":"34","number":"600111222"}]},
                 "documents":[{"documentType":"PASSPORT","number":"PAA1234567","expiryDate":"2031-05-31",
                               "issuanceCountry":"ES","nationality":"ES","holder":true},
                              {"documentType":"KNOWN_TRAVELER","number":"987654321","issuanceCountry":"US","holder":true}],
                 "loyaltyPrograms":[{"programOwner":"IB","id":"IB-55501234"}]}"""));
        // Passengers without contact details of their own get the order's.
        assertThat(travelers.get(1).get("contact")).isEqualTo(JSON.readTree("""
                {"emailAddress":"bookings@example.com",
                 "phones":[{"deviceType":"MOBILE","countryCallingCode":"1","number":"4155550123"}]}"""));
        assertThat(travelers.get(2).get("gender").stringValue()).isEqualTo("FEMALE");
        assertThat(data.get("contacts").get(0).get("purpose").stringValue()).isEqualTo("STANDARD");
        assertThat(data.get("contacts").get(0).get("emailAddress").stringValue()).isEqualTo("bookings@example.com");
    }

    @Test
    void aHoldAsksToCancelUnlessTicketedAndAnswersItsDeadline() {
        amadeus.stubFor(post(urlEqualTo(ORDERS)).willReturn(amadeusJson(201, fixture("order-held.json"))));

        OrderOutcome outcome = provider.createOrder(order(OrderRequest.OrderType.HOLD, Money.of("1482.26", "EUR"))).block();

        // dateTime 2026-03-01T00:00:00 (office-local, no zone) is read in UTC+14.
        assertThat(outcome).isEqualTo(new OrderOutcome.Created(ORDER_ID, "KLM7QZ", Money.of("1482.26", "EUR"), true,
                Instant.parse("2026-02-28T10:00:00Z")));
        assertThat(body(only(postRequestedFor(urlEqualTo(ORDERS)))).get("data").get("ticketingAgreement"))
                .isEqualTo(JSON.readTree("{\"option\":\"DELAY_TO_CANCEL\",\"delay\":\"1D\"}"));
    }

    @Test
    void aPriceDiscrepancyIsPricedAgainAndAnsweredAsThePriceChange() {
        amadeus.stubFor(post(urlEqualTo(ORDERS)).willReturn(error(400, 37200, "PRICE DISCREPANCY",
                "Current grandTotal price (1519.86) is different from request one (1482.26)")));
        amadeus.stubFor(post(urlEqualTo(PRICING)).willReturn(amadeusJson(200, fixture("pricing-response.json"))));

        OrderOutcome outcome = provider.createOrder(order(OrderRequest.OrderType.INSTANT, Money.of("1482.26", "EUR"))).block();

        assertThat(outcome).isInstanceOfSatisfying(OrderOutcome.PriceChanged.class, changed -> {
            assertThat(changed.newTotal()).isEqualTo(Money.of("1519.86", "EUR"));
            assertThat(changed.providerOrderId()).isNull();
            assertThat(changed.expiresAt()).isEqualTo(Instant.parse("2026-03-02T10:00:00Z"));
            assertThat(changed.message()).contains("37200 PRICE DISCREPANCY").doesNotContain("Current grandTotal");
        });
        assertThat(amadeus.findAll(postRequestedFor(urlEqualTo(ORDERS)))).hasSize(1);
        assertThat(amadeus.findAll(postRequestedFor(urlEqualTo(PRICING)))).hasSize(1);
    }

    @Test
    void ordersAreGivenTheirOwnLongerTimeout() {
        // Slower than the read timeout (800 ms) but within the order timeout (1.5 s).
        amadeus.stubFor(post(urlEqualTo(ORDERS)).willReturn(amadeusJson(201, fixture("order-confirmed.json"))
                .withFixedDelay(1_100)));

        assertThat(provider.createOrder(order(OrderRequest.OrderType.INSTANT, null)).block())
                .isInstanceOf(OrderOutcome.Created.class);
    }

    @Test
    void anOfferDearerThanAgreedIsAPriceChangeAndIsNotBooked() {
        OrderOutcome outcome = provider.createOrder(order(OrderRequest.OrderType.INSTANT, Money.of("1400.00", "EUR"))).block();

        assertThat(outcome).isInstanceOfSatisfying(OrderOutcome.PriceChanged.class, changed -> {
            assertThat(changed.newTotal()).isEqualTo(Money.of("1482.26", "EUR"));
            assertThat(changed.providerOrderId()).isNull();
        });
        assertThat(amadeus.findAll(postRequestedFor(urlEqualTo(ORDERS)))).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1} → rejected")
    @CsvSource({"400, 34651, SEGMENT SELL FAILURE", "400, 4926, INVALID DATA RECEIVED", "400, 477, INVALID FORMAT",
            "429, 38194, Too many requests", "403, 38197, Forbidden"})
    void definiteRefusalsAreRejectedWithCodeAndTitle(int status, long code, String title) {
        amadeus.stubFor(post(urlEqualTo(ORDERS)).willReturn(error(status, code, title, "ALBA PRUEBA could not be booked")));

        OrderOutcome outcome = provider.createOrder(order(OrderRequest.OrderType.INSTANT, null)).block();

        assertThat(outcome).isInstanceOfSatisfying(OrderOutcome.Rejected.class, rejected -> assertThat(rejected.reason())
                .startsWith("Amadeus answered " + status + " " + code + " " + title)
                .contains("(request 0001AMA42)").doesNotContain("ALBA"));
        assertThat(amadeus.findAll(postRequestedFor(urlEqualTo(ORDERS)))).hasSize(1);
    }

    @Test
    void noDefiniteAnswerIsUnknownAndNeverRetried() {
        List<ResponseDefinitionBuilder> indefinite = List.of(
                error(500, 141, "SYSTEM ERROR HAS OCCURRED", null),
                error(400, 141, "SYSTEM ERROR HAS OCCURRED", null),
                aResponse().withStatus(502),
                aResponse().withStatus(504).withBody("<html>gateway</html>"),
                aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
                amadeusJson(201, "{\"data\":{\"type\":\"flight-order\"}}"),
                amadeusJson(201, fixture("order-confirmed.json")).withFixedDelay(2_500));
        for (ResponseDefinitionBuilder answer : indefinite) {
            amadeus.resetRequests();
            amadeus.stubFor(post(urlEqualTo(ORDERS)).willReturn(answer));

            OrderOutcome outcome = provider.createOrder(order(OrderRequest.OrderType.INSTANT, null)).block();

            assertThat(outcome).isInstanceOf(OrderOutcome.Unknown.class);
            assertThat(amadeus.findAll(postRequestedFor(urlEqualTo(ORDERS)))).hasSize(1);
            assertThat(amadeus.findAll(postRequestedFor(urlEqualTo(PRICING)))).isEmpty();
        }
    }

    @Test
    void requestsAmadeusCannotTakeAreRejectedBeforeAnythingIsSent() {
        OrderRequest valid = order(OrderRequest.OrderType.INSTANT, null);
        List<OrderRequest> invalid = List.of(
                withPassengers(valid, valid.passengers().subList(0, 2)),
                withPassengers(valid, List.of(valid.passengers().get(0), valid.passengers().get(1), passenger("9", "Dario", "male", null))),
                withPassengers(valid, List.of(valid.passengers().get(0), valid.passengers().get(1), passenger("3", "Clara", "x", null))),
                withPassengers(valid, List.of(valid.passengers().get(0), valid.passengers().get(1),
                        passenger("3", "Clara", "female", new OfferPassengerUpdate.TravelDocument("tax_id", "X1", "ES", null)))),
                new OrderRequest(REFERENCE, valid.rawOffer(), valid.type(), valid.passengers(), List.of(),
                        List.of(new OrderRequest.ServiceChoice("bag-1", 1, Money.of("40.00", "EUR"))), valid.contact(),
                        null, null, "key"),
                new OrderRequest("booking #1", valid.rawOffer(), valid.type(), valid.passengers(), List.of(), List.of(),
                        valid.contact(), null, null, "key"),
                new OrderRequest(REFERENCE, valid.rawOffer(), valid.type(), valid.passengers(), List.of(), List.of(),
                        valid.contact(), Money.of("1482.26", "USD"), null, "key"));
        for (OrderRequest request : invalid) {
            assertThat(provider.createOrder(request).block()).isInstanceOfSatisfying(OrderOutcome.Rejected.class,
                    rejected -> assertThat(rejected.reason()).endsWith("no order was sent"));
        }
        assertThat(amadeus.findAll(postRequestedFor(urlEqualTo(ORDERS)))).isEmpty();
        assertThat(amadeus.findAll(postRequestedFor(urlEqualTo(TOKEN_PATH)))).isEmpty();
    }

    @Test
    void seatsArePricedIntoTheOfferBeforeTheOrder() {
        amadeus.stubFor(post(urlEqualTo(PRICING)).willReturn(amadeusJson(200, fixture("pricing-response.json"))));
        amadeus.stubFor(post(urlEqualTo(ORDERS)).willReturn(amadeusJson(201, fixture("order-confirmed.json"))));
        OrderRequest plain = order(OrderRequest.OrderType.INSTANT, Money.of("1519.86", "EUR"));
        OrderRequest withSeat = new OrderRequest(REFERENCE, plain.rawOffer(), plain.type(), plain.passengers(),
                List.of(new OrderRequest.SeatChoice("12", "1", "60K", null, Money.of("72.00", "EUR"))), List.of(),
                plain.contact(), plain.expectedTotal(), null, "key");

        assertThat(provider.createOrder(withSeat).block()).isInstanceOf(OrderOutcome.Created.class);

        JsonNode priced = body(only(postRequestedFor(urlEqualTo(PRICING)))).get("data").get("flightOffers").get(0);
        assertThat(priced.get("travelerPricings").get(0).get("fareDetailsBySegment").get(1).get("additionalServices")
                .get("chargeableSeatNumber").stringValue()).isEqualTo("60K");
        JsonNode booked = body(only(postRequestedFor(urlEqualTo(ORDERS)))).get("data").get("flightOffers").get(0);
        assertThat(booked.get("price").get("grandTotal").stringValue()).isEqualTo("1519.86");
    }

    @ParameterizedTest(name = "{0} → {1} {2}")
    @CsvSource({"+14155550123, 1, 4155550123", "+447700900123, 44, 7700900123", "+353851234567, 353, 851234567",
            "+971501234567, 971, 501234567", "+79161234567, 7, 9161234567", "+8613812345678, 86, 13812345678",
            "+85291234567, 852, 91234567"})
    void phonesAreSplitAtTheirCountryCallingCode(String e164, String countryCallingCode, String number) {
        JsonNode phone = AmadeusOrders.phone(e164, "phone");

        assertThat(phone.get("countryCallingCode").stringValue()).isEqualTo(countryCallingCode);
        assertThat(phone.get("number").stringValue()).isEqualTo(number);
    }

    @Test
    void holdsCannotBePaidThroughAmadeus() {
        assertThat(provider.payHold(ORDER_ID, Money.of("1482.26", "EUR"), "key").block())
                .isInstanceOfSatisfying(OrderOutcome.Rejected.class,
                        rejected -> assertThat(rejected.reason()).startsWith("not supported"));
        assertThat(amadeus.getAllServeEvents()).isEmpty();
    }

    // --- seat maps --------------------------------------------------------------------------------------------------

    @Test
    void seatMapsPerSegmentWithAvailabilityForEveryTravelerAndPrices() {
        amadeus.stubFor(post(urlEqualTo(SEAT_MAPS)).willReturn(amadeusJson(200, fixture("seatmaps.json"))));

        List<SeatMap> maps = provider.seatMaps(json("flight-offer.json")).block();

        assertThat(maps).extracting(SeatMap::segmentId).containsExactly("11", "12");
        SeatMap first = maps.get(0);
        assertThat(first.seatMap()).containsOnlyKeys("12A", "14C", "14B", "15F");
        assertThat(first.seatMap().get("12A")).isEqualTo(new SeatMap.Seat("12A", "12", "A", false, false, true,
                "exit_row", List.of("CH", "E", "W", "1A")));
        assertThat(first.seatMap().get("14C")).isEqualTo(new SeatMap.Seat("14C", "14", "C", true, false, false,
                "aisle", List.of("A", "CH", "LS")));
        assertThat(first.seatMap().get("14B")).isEqualTo(new SeatMap.Seat("14B", "14", "B", false, true, false,
                "middle", List.of("9", "LS")));
        assertThat(first.seatMap().get("15F").available()).isTrue();
        assertThat(first.pricing()).containsOnlyKeys("12A", "14C");
        assertThat(first.pricing().get("14C")).isEqualTo(new SeatMap.SeatPrice(new BigDecimal("17.50"), "EUR"));
        assertThat(maps.get(1).seatMap().get("60K").seatType()).isEqualTo("window");
        LoggedRequest request = only(postRequestedFor(urlEqualTo(SEAT_MAPS)));
        assertThat(request.getHeader("X-HTTP-Method-Override")).isEqualTo("GET");
        assertThat(body(request).get("data").get(0)).isEqualTo(json("flight-offer.json"));
    }

    @Test
    void noSeatMapIsAnEmptyList() {
        amadeus.stubFor(post(urlEqualTo(SEAT_MAPS)).willReturn(amadeusJson(200, "{\"meta\":{\"count\":0},\"data\":[]}")));
        assertThat(provider.seatMaps(json("flight-offer.json")).block()).isEmpty();

        amadeus.stubFor(post(urlEqualTo(SEAT_MAPS)).willReturn(error(400, 8791,
                "SEAT MAP DISPLAY REQUEST IS OUTSIDE SYSTEM DATE RANGE", null)));
        assertThat(provider.seatMaps(json("flight-offer.json")).block()).isEmpty();
    }

    @Test
    void seatMapsWithoutAnAnswerFail() {
        amadeus.stubFor(post(urlEqualTo(SEAT_MAPS)).willReturn(error(500, 141, "SYSTEM ERROR HAS OCCURRED", null)));

        assertThatThrownBy(() -> provider.seatMaps(json("flight-offer.json")).block())
                .isInstanceOfSatisfying(AmadeusException.class, e -> assertThat(e.kind()).isEqualTo(AmadeusException.Kind.UNAVAILABLE));
    }

    // --- passengers -------------------------------------------------------------------------------------------------

    @Test
    void passengerUpdatesStayWithTheEngineAndAreCheckedNow() {
        JsonNode offer = json("flight-offer.json");
        OfferPassengerUpdate update = new OfferPassengerUpdate(null, null, null, null, "female", "987654321",
                List.of(new OfferPassengerUpdate.LoyaltyAccount("IB", "IB-55501234")),
                List.of(new OfferPassengerUpdate.TravelDocument("passport", PASSPORT_NUMBER, "ES", LocalDate.of(2031, 5, 31))));

        assertThat(provider.updatePassenger(offer, "1", update).block()).isSameAs(offer);

        assertThatThrownBy(() -> provider.updatePassenger(offer, "7", update).block())
                .isInstanceOfSatisfying(OfferPayloadException.class, e -> assertThat(e.details())
                        .isEqualTo("passenger_id: must be one of the offer's travelerIds [1, 2, 3]"));
        OfferPassengerUpdate taxId = new OfferPassengerUpdate(null, null, null, null, null, null, null,
                List.of(new OfferPassengerUpdate.TravelDocument("tax_id", "X-1", "ES", null)));
        assertThatThrownBy(() -> provider.updatePassenger(offer, "1", taxId).block())
                .isInstanceOfSatisfying(OfferPayloadException.class, e -> assertThat(e.details())
                        .startsWith("passenger 1: Amadeus cannot carry a tax_id document"));
        assertThat(amadeus.getAllServeEvents()).isEmpty();
    }

    // --- orders after the fact --------------------------------------------------------------------------------------

    @Test
    void findsAnOrderByItsIdAsAmadeusGaveIt() {
        amadeus.stubFor(get(urlEqualTo(ORDER_PATH)).willReturn(amadeusJson(200, fixture("order-held.json"))));

        Optional<ProviderOrder> order = provider.findOrder(ORDER_ID).block();

        assertThat(order).contains(new ProviderOrder(ORDER_ID, "KLM7QZ", REFERENCE.toUpperCase(), "held",
                Money.of("1482.26", "EUR"), Instant.parse("2026-02-28T10:00:00Z")));
        assertThat(only(getRequestedFor(urlEqualTo(ORDER_PATH))).getUrl()).isEqualTo(ORDER_PATH);
    }

    @Test
    void anOrderAmadeusDoesNotKnowIsEmpty() {
        amadeus.stubFor(get(urlEqualTo(ORDER_PATH)).willReturn(error(404, 1797, "NOT FOUND", null)));

        assertThat(provider.findOrder(ORDER_ID).block()).isEmpty();
    }

    @Test
    void anOrderWhoseSegmentsAreAllCancelledIsCancelled() {
        ObjectNode answer = (ObjectNode) json("order-confirmed.json");
        for (JsonNode itinerary : answer.get("data").get("flightOffers").get(0).get("itineraries")) {
            for (JsonNode segment : itinerary.get("segments")) {
                ((ObjectNode) segment).put("bookingStatus", "CANCELLED");
            }
        }
        amadeus.stubFor(get(urlEqualTo(ORDER_PATH)).willReturn(amadeusJson(200, answer.toString())));

        assertThat(provider.findOrder(ORDER_ID).block()).hasValueSatisfying(
                order -> assertThat(order.status()).isEqualTo("cancelled"));
    }

    @Test
    void anOrderLookupWithoutAnAnswerFails() {
        amadeus.stubFor(get(urlEqualTo(ORDER_PATH)).willReturn(aResponse().withStatus(503)));

        assertThatThrownBy(() -> provider.findOrder(ORDER_ID).block()).isInstanceOfSatisfying(AmadeusException.class,
                e -> assertThat(e.kind()).isEqualTo(AmadeusException.Kind.UNAVAILABLE));
    }

    @Test
    void ordersCannotBeFoundByOurReferenceAndSaySoInsteadOfAnsweringNone() {
        assertThatThrownBy(() -> provider.findOrderByReference(REFERENCE).block())
                .isInstanceOfSatisfying(AmadeusException.class, e -> {
                    assertThat(e.kind()).isEqualTo(AmadeusException.Kind.UNSUPPORTED);
                    assertThat(e.getMessage()).contains("MOVMO-REF " + REFERENCE);
                });
        assertThat(amadeus.getAllServeEvents()).isEmpty();
    }

    // --- cancellation -----------------------------------------------------------------------------------------------

    @Test
    void anUnticketedOrderIsQuotedItsWholeTotalAndCancelledByDelete() {
        amadeus.stubFor(get(urlEqualTo(ORDER_PATH)).willReturn(amadeusJson(200, fixture("order-confirmed.json"))));
        amadeus.stubFor(delete(urlEqualTo(ORDER_PATH)).willReturn(noContent().withHeader("ama-request-id", "0001DEL")));

        CancellationQuote quote = provider.quoteCancellation(ORDER_ID).block();
        CancellationOutcome outcome = provider.confirmCancellation(ORDER_ID, quote, "booking:1:cancel").block();

        assertThat(quote).isEqualTo(new CancellationQuote(ORDER_ID, null, Money.of("1482.26", "EUR"), null));
        assertThat(outcome).isEqualTo(new CancellationOutcome.Cancelled(ORDER_ID, Money.of("1482.26", "EUR")));
        assertThat(amadeus.findAll(deleteRequestedFor(urlEqualTo(ORDER_PATH)))).hasSize(1);
    }

    @Test
    void aTicketedOrderRefundsNothingHereTheConsolidatorSettlesIt() {
        ObjectNode answer = (ObjectNode) json("order-confirmed.json");
        ArrayNode tickets = ((ObjectNode) answer.get("data")).putArray("tickets");
        tickets.addObject().put("documentType", "ETICKET").put("documentNumber", "075-1234567890")
                .put("documentStatus", "ISSUED").put("travelerId", "1");
        amadeus.stubFor(get(urlEqualTo(ORDER_PATH)).willReturn(amadeusJson(200, answer.toString())));
        amadeus.stubFor(delete(urlEqualTo(ORDER_PATH)).willReturn(noContent()));

        assertThat(provider.confirmCancellation(ORDER_ID, null, "booking:1:cancel").block())
                .isEqualTo(new CancellationOutcome.Cancelled(ORDER_ID, Money.zero(java.util.Currency.getInstance("EUR"))));
    }

    @Test
    void cancellingAnOrderAmadeusDoesNotKnowIsRefusedAndAnOutageIsUnknown() {
        CancellationQuote quote = new CancellationQuote(ORDER_ID, null, Money.of("1482.26", "EUR"), null);
        amadeus.stubFor(delete(urlEqualTo(ORDER_PATH)).willReturn(error(404, 1797, "NOT FOUND", null)));
        assertThat(provider.confirmCancellation(ORDER_ID, quote, "k").block())
                .isInstanceOfSatisfying(CancellationOutcome.Refused.class,
                        refused -> assertThat(refused.reason()).contains("404 1797 NOT FOUND").endsWith("no such order"));

        amadeus.stubFor(delete(urlEqualTo(ORDER_PATH)).willReturn(error(500, 141, "SYSTEM ERROR HAS OCCURRED", null)));
        assertThat(provider.confirmCancellation(ORDER_ID, quote, "k").block()).isInstanceOf(CancellationOutcome.Unknown.class);

        amadeus.stubFor(delete(urlEqualTo(ORDER_PATH)).willReturn(noContent().withFixedDelay(2_500)));
        assertThat(provider.confirmCancellation(ORDER_ID, quote, "k").block()).isInstanceOf(CancellationOutcome.Unknown.class);

        amadeus.stubFor(get(urlEqualTo(ORDER_PATH)).willReturn(error(404, 1797, "NOT FOUND", null)));
        assertThat(provider.confirmCancellation(ORDER_ID, null, "k").block()).isInstanceOf(CancellationOutcome.Refused.class);
    }

    // --- logs -------------------------------------------------------------------------------------------------------

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void neverLogsTokensSecretsPassengersOrBodiesEvenAtDebug(CapturedOutput output) {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level previous = root.getLevel();
        root.setLevel(Level.DEBUG);
        try {
            tokensInTurn();
            amadeus.stubFor(post(urlEqualTo(ORDERS)).withHeader("Authorization", equalTo("Bearer " + TOKEN_ONE))
                    .willReturn(error(401, 38192, "Access token expired", null)));
            amadeus.stubFor(post(urlEqualTo(ORDERS)).withHeader("Authorization", equalTo("Bearer " + TOKEN_TWO))
                    .willReturn(error(400, 4926, "INVALID DATA RECEIVED", "Passport PAA1234567 of ALBA PRUEBA expired")));
            provider.createOrder(order(OrderRequest.OrderType.INSTANT, null)).block();
            amadeus.stubFor(post(urlEqualTo(PRICING)).willReturn(amadeusJson(200, fixture("pricing-response.json"))));
            provider.price(json("flight-offer.json")).block();
        } finally {
            root.setLevel(previous);
        }

        assertThat(output.getAll())
                .contains("Amadeus order creation answered 400 4926 INVALID DATA RECEIVED (request 0001AMA42)")
                .doesNotContain(TOKEN_ONE).doesNotContain(TOKEN_TWO).doesNotContain(SECRET)
                .doesNotContain(PASSPORT_NUMBER).doesNotContain("Alba").doesNotContain("ALBA").doesNotContain("Prueba")
                .doesNotContain("alba.prueba@example.com").doesNotContain("600111222").doesNotContain("1984-07-02")
                .doesNotContain("IB-55501234").doesNotContain("OJN0NAB5");
    }

    // --- helpers ----------------------------------------------------------------------------------------------------

    /** The first token request answers TOKEN_ONE, every later one TOKEN_TWO. */
    private static void tokensInTurn() {
        amadeus.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario("tokens").whenScenarioStateIs("Started")
                .willReturn(okJson(fixture("token.json"))).willSetStateTo("renewed"));
        amadeus.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario("tokens").whenScenarioStateIs("renewed")
                .willReturn(okJson(fixture("token.json").replace(TOKEN_ONE, TOKEN_TWO))));
    }

    static OrderRequest order(OrderRequest.OrderType type, Money expectedTotal) {
        OrderRequest.OrderPassenger alba = new OrderRequest.OrderPassenger("1", "adult", "ms", "Alba", "Maria", "Prueba",
                LocalDate.of(1984, 7, 2), "female", "alba.prueba@example.com", "+34600111222",
                List.of(new OfferPassengerUpdate.TravelDocument("passport", PASSPORT_NUMBER, "es", LocalDate.of(2031, 5, 31)),
                        new OfferPassengerUpdate.TravelDocument("known_traveler_number", "987654321", "US", null)),
                List.of(new OfferPassengerUpdate.LoyaltyAccount("IB", "IB-55501234")));
        return new OrderRequest(REFERENCE, json("flight-offer.json"), type,
                List.of(alba, passenger("2", "Bruno", "male", null), passenger("3", "Clara", "female", null)),
                List.of(), List.of(), new OrderRequest.Contact("bookings@example.com", "+14155550123"), expectedTotal,
                null, "booking:" + REFERENCE + ":order");
    }

    static OrderRequest.OrderPassenger passenger(String id, String firstName, String gender,
            OfferPassengerUpdate.TravelDocument document) {
        return new OrderRequest.OrderPassenger(id, "child", null, firstName, null, "Prueba", LocalDate.of(2017, 5, 19),
                gender, null, null, document == null ? List.of() : List.of(document), List.of());
    }

    static OrderRequest withPassengers(OrderRequest request, List<OrderRequest.OrderPassenger> passengers) {
        return new OrderRequest(request.reference(), request.rawOffer(), request.type(), passengers, request.seats(),
                request.services(), request.contact(), request.expectedTotal(), null, request.idempotencyKey());
    }

    static ResponseDefinitionBuilder amadeusJson(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/vnd.amadeus+json")
                .withHeader("ama-request-id", "0001AMA42").withBody(body);
    }

    static ResponseDefinitionBuilder error(int status, long code, String title, String detail) {
        String body = "{\"errors\":[{\"status\":" + status + ",\"code\":" + code + ",\"title\":\"" + title + "\""
                + (detail == null ? "" : ",\"detail\":\"" + detail + "\"")
                + (status == 400 && code == 32171 ? ",\"source\":{\"pointer\":\"/data/flightOffers[0]\"}" : "") + "}]}";
        return amadeusJson(status, body);
    }

    private static LoggedRequest only(com.github.tomakehurst.wiremock.matching.RequestPatternBuilder pattern) {
        List<LoggedRequest> requests = amadeus.findAll(pattern);
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    private static JsonNode body(LoggedRequest request) {
        return JSON.readTree(request.getBodyAsString());
    }

    private void assertPayloadError(JsonNode offer, String details) {
        assertThatThrownBy(() -> provider.normalize(offer)).isInstanceOfSatisfying(OfferPayloadException.class,
                e -> assertThat(e.details()).startsWith(details));
    }

    /** {@code /a/0/b=value} sets a value (a number when it is one), {@code /a/0/b} removes the field. */
    private static void apply(ObjectNode offer, String change) {
        String[] pathAndValue = change.split("=", 2);
        String[] steps = pathAndValue[0].substring(1).split("/");
        JsonNode parent = offer;
        for (int i = 0; i < steps.length - 1; i++) {
            parent = parent.isArray() ? parent.get(Integer.parseInt(steps[i])) : parent.get(steps[i]);
        }
        String last = steps[steps.length - 1];
        Consumer<ObjectNode> edit = pathAndValue.length == 1 ? node -> node.remove(last)
                : pathAndValue[1].matches("-?\\d+") ? node -> node.put(last, Integer.parseInt(pathAndValue[1]))
                : node -> node.put(last, pathAndValue[1]);
        edit.accept((ObjectNode) parent);
    }

    static JsonNode json(String name) {
        return JSON.readTree(fixture(name));
    }

    static String fixture(String name) {
        try (InputStream in = AmadeusFlightProviderTest.class.getResourceAsStream("/amadeus/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
