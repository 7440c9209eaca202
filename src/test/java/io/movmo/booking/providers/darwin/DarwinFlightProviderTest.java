package io.movmo.booking.providers.darwin;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.movmo.booking.providers.adapter.ProviderFixtures.JSON;
import static io.movmo.booking.providers.adapter.ProviderFixtures.json;
import static io.movmo.booking.providers.adapter.ProviderFixtures.offerJson;
import static io.movmo.booking.providers.adapter.ProviderFixtures.text;
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
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Darwin adapter against WireMock speaking the contract in {@code docs/providers/darwin.md}, with that document's
 * examples ({@code src/test/resources/darwin/}) as the bodies on both sides.
 */
class DarwinFlightProviderTest {

    @RegisterExtension
    static WireMockExtension darwin = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final String API_KEY = "dar_live_4f1c9e7a2b8d6053e1f4a9c7b2d8e6f0";
    static final String REFERENCE = "66666666-6666-6666-6666-666666666666";
    static final String IDEMPOTENCY_KEY = "booking:66666666-6666-6666-6666-666666666666:order:1";
    static final String JANE = "pas_dar_00009hj8USM7Ncg31cBCL";
    static final String MARCO = "pas_dar_00009hj8USM7Ncg31cBCM";
    static final String ORDER = "ord_dar_77xP1z";
    static final String REQUEST_ID = "req_dar_8KfQ2mZp";

    private DarwinFlightProvider provider;

    @BeforeAll
    static void warmUp() {
        // A fresh JVM's first exchange can take longer than the short timeouts the tests run with.
        darwin.stubFor(get(urlPathEqualTo("/v1/bookings/" + ORDER)).willReturn(answer(200, "darwin/booking-ticketed.json")));
        providerFor(darwin.baseUrl(), Duration.ofSeconds(30)).findOrder(ORDER).block();
    }

    @BeforeEach
    void provider() {
        darwin.resetAll();
        provider = providerFor(darwin.baseUrl() + "/", Duration.ofMillis(800));
    }

    // ---- normalize -------------------------------------------------------------------------------------------------

    @Test
    void normalizesTheAvailabilityResponseToTheOfferShapeExactly() {
        NormalizedOffer offer = provider.normalize(offer());

        assertThat(provider.id()).isEqualTo(ProviderId.DARWIN);
        assertThat(offer.providerOfferId()).isEqualTo("off_dar_5iA9kC");
        assertThat(offer.expiresAt()).isEqualTo(Instant.parse("2026-08-20T12:30:00Z"));
        assertThat(offer.total()).isEqualTo(Money.of("1245.00", "USD"));
        assertThat(offer.base()).isEqualTo(Money.of("1099.00", "USD"));
        assertThat(offer.tax()).as("taxes 132.40 + fees 13.60").isEqualTo(Money.of("146.00", "USD"));
        assertThat(offer.total().amount().toPlainString()).isEqualTo("1245.00");
        assertThat(offer.passengerIdentityDocumentsRequired()).isFalse();
        assertThat(offer.supportedLoyaltyProgrammes()).containsExactly("DA");
        assertThat(offerJson(offer)).isEqualTo(json("darwin/normalized-offer.json"));
    }

    @Test
    void normalizeIsPureAndRepeatable() {
        ObjectNode raw = offer();
        ObjectNode before = raw.deepCopy();

        assertThat(provider.normalize(raw)).isEqualTo(provider.normalize(raw));
        assertThat(raw).isEqualTo(before);
        assertThat(darwin.getAllServeEvents()).isEmpty();
    }

    @Test
    void anOfferWithAPrivateFareKeepsItsCodesAndASeatFeeIsShownAsAString() {
        NormalizedOffer offer = provider.normalize(offer(o -> {
            o.putArray("private_fares").addObject().put("corporate_code", "AVIARE01").put("tour_code", "IT26DA");
            ((ObjectNode) o.get("fares").get(0).get("seat_selection")).putObject("fee").put("amount", "15.00")
                    .put("currency", "USD");
        }));

        assertThat(offer.privateFares().toString()).isEqualTo("[{\"corporate_code\":\"AVIARE01\",\"tour_code\":\"IT26DA\"}]");
        assertThat(offer.fareClassMetadata().get("seat_selection_fee").stringValue()).isEqualTo("15.00");
        assertThat(offer.fareClassMetadata().get("seat_selection_currency").stringValue()).isEqualTo("USD");
    }

    static Stream<Arguments> malformedOffers() {
        return Stream.of(
                malformed("the object type", o -> o.put("object", "booking"),
                        "object: must be one of [availability_response]"),
                malformed("no carrier", o -> o.remove("carrier"), "carrier: is required"),
                malformed("no total", o -> price(o).remove("total"), "price.total: is required"),
                malformed("a numeric total", o -> price(o).put("total", new BigDecimal("1245.00")),
                        "price.total: must be a decimal string, e.g. \"1245.00\""),
                malformed("a total with a tenth of a cent", o -> price(o).put("total", "1245.001"),
                        "price.total: has more decimal digits than USD has (2)"),
                malformed("a total that is not the sum", o -> price(o).put("total", "1244.00"),
                        "price.total: must equal base + taxes + fees"),
                malformed("a lower-case currency", o -> price(o).put("currency", "usd"),
                        "price.currency: must be an ISO 4217 currency code, e.g. USD"),
                malformed("a share of an unknown passenger",
                        o -> ((ObjectNode) price(o).get("per_passenger").get(1)).put("passenger_id", "pas_dar_nobody"),
                        "price.per_passenger[1].passenger_id: names no passenger of this offer"),
                malformed("shares that do not add up", o -> {
                    ObjectNode share = (ObjectNode) price(o).get("per_passenger").get(1);
                    share.put("base", "549.49").put("total", "622.49");
                }, "price.per_passenger: totals must add up to price.total"),
                malformed("an expiry without offset", o -> o.put("expires_at", "2026-08-20T12:30:00"),
                        "expires_at: must be an ISO-8601 date-time with an offset, e.g. 2026-09-01T08:00:00-07:00"),
                malformed("no passengers", o -> o.putArray("passengers"), "passengers: must not be empty"),
                malformed("a repeated passenger id",
                        o -> ((ObjectNode) o.get("passengers").get(1)).put("id", JANE),
                        "passengers[1].id: repeats another passenger's id"),
                malformed("an unknown passenger type",
                        o -> ((ObjectNode) o.get("passengers").get(0)).put("type", "senior"),
                        "passengers[0].type: must be one of [adult, child, infant]"),
                malformed("no adult", o -> {
                    ((ObjectNode) o.get("passengers").get(0)).put("type", "child");
                    ((ObjectNode) o.get("passengers").get(1)).put("type", "child");
                }, "passengers: must include at least one adult"),
                malformed("a segment without departure time",
                        o -> ((ObjectNode) segment(o, 1, 0).get("departure")).remove("at"),
                        "itineraries[1].segments[0].departure.at: is required"),
                malformed("a segment arriving before it departs",
                        o -> ((ObjectNode) segment(o, 1, 1).get("arrival")).put("at", "2026-09-08T12:00:00-05:00"),
                        "itineraries[1].segments[1].arrival.at: must be after departure.at"),
                malformed("a flight number with the carrier code",
                        o -> segment(o, 0, 0).put("flight_number", "DA1201"),
                        "itineraries[0].segments[0].flight_number: must be the flight number without the carrier code, e.g. 1201"),
                malformed("a duration that is not the journey's",
                        o -> ((ObjectNode) o.get("itineraries").get(0)).put("duration", "PT5H"),
                        "itineraries[0].duration: must be the time from the first departure to the last arrival (PT5H25M)"),
                malformed("an itinerary without fare",
                        o -> ((ObjectNode) o.get("fares").get(1)).put("itinerary_id", "itn_dar_other"),
                        "itineraries[1].id: has no fare (no fares[].itinerary_id names it)"),
                malformed("a cabin class Darwin does not sell",
                        o -> ((ObjectNode) o.get("fares").get(0)).put("cabin_class", "first"),
                        "fares[0].cabin_class: must be one of [business, economy, premium_economy]"),
                malformed("a currency Darwin does not sell in", o -> price(o).put("currency", "JPY"),
                        "price.currency: must be one of [EUR, GBP, USD] (the currencies Darwin sells in)"),
                malformed("an unknown document type",
                        o -> ((ArrayNode) o.get("documents").get("supported_types")).set(0, "visa"),
                        "documents.supported_types[0]: must be one of [known_traveler_number, passenger_redress_number, passport, tax_id]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedOffers")
    void aMalformedPayloadIsAnOfferPayloadExceptionNamingThePath(String what, Consumer<ObjectNode> change,
            String details) {
        assertThatThrownBy(() -> provider.normalize(offer(change)))
                .isInstanceOfSatisfying(OfferPayloadException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("The Darwin availability response is invalid");
                    assertThat(e.details()).isEqualTo(details);
                });
    }

    @Test
    void aPayloadThatIsNotAnObjectIsRefused() {
        assertThatThrownBy(() -> provider.normalize(JSON.readTree("[1, 2]")))
                .isInstanceOfSatisfying(OfferPayloadException.class,
                        e -> assertThat(e.details()).isEqualTo("(root): must be a JSON object"));
        assertThatThrownBy(() -> provider.normalize(null)).isInstanceOf(OfferPayloadException.class);
    }

    // ---- price, passengers, seat maps ------------------------------------------------------------------------------

    @Test
    void pricingAnswersTheOfferAsItIsWithoutCallingDarwin() {
        ObjectNode raw = offer();

        PricingOutcome outcome = provider.price(raw).block();

        assertThat(outcome).isEqualTo(new PricingOutcome.Priced(raw, provider.normalize(raw)));
        assertThat(darwin.getAllServeEvents()).isEmpty();
        assertThatThrownBy(() -> provider.price(offer(o -> o.remove("price"))).block())
                .isInstanceOf(OfferPayloadException.class);
    }

    @Test
    void aPassengerUpdateLeavesTheOfferAsItIsBecauseDarwinTakesTheDetailsWithTheBooking() {
        ObjectNode raw = offer();
        OfferPassengerUpdate update = new OfferPassengerUpdate(null, null, null, null, null, "987654321",
                List.of(new OfferPassengerUpdate.LoyaltyAccount("DA", "9000000001")), List.of());

        assertThat(provider.updatePassenger(raw, MARCO, update).block()).isSameAs(raw);
        assertThatThrownBy(() -> provider.updatePassenger(raw, "pas_dar_nobody", update).block())
                .isInstanceOfSatisfying(OfferPayloadException.class, e -> assertThat(e.details())
                        .isEqualTo("passengers: no passenger of this offer has the id pas_dar_nobody"));
        assertThat(darwin.getAllServeEvents()).isEmpty();
    }

    @Test
    void seatMapsAreReadForTheSegmentsWhoseFareAllowsSeatSelection() {
        darwin.stubFor(get(urlEqualTo("/v1/offers/off_dar_5iA9kC/seat-maps"))
                .withHeader("Authorization", equalTo("Bearer " + API_KEY))
                .withHeader("Accept", equalTo("application/json"))
                .willReturn(answer(200, "darwin/seat-maps.json")));

        List<SeatMap> maps = provider.seatMaps(offer()).block();

        assertThat(maps).containsExactly(new SeatMap("seg_darwin_LAXJFK_001",
                Map.of("14A", new SeatMap.Seat("14A", "14", "A", true, false, false, "exit_row",
                                List.of("Must be 15 or older and able to assist in an evacuation")),
                        "14B", new SeatMap.Seat("14B", "14", "B", false, true, false, "exit_row", List.of()),
                        "14C", new SeatMap.Seat("14C", "14", "C", false, false, true, "aisle", List.of()),
                        "15A", new SeatMap.Seat("15A", "15", "A", true, false, false, "window", List.of())),
                Map.of("14A", new SeatMap.SeatPrice(new BigDecimal("49.99"), "USD"))));
        assertThat(maps.get(0).seatMap().keySet()).containsExactly("14A", "14B", "14C", "15A");
    }

    @Test
    void anOfferWhoseFaresAllowNoSeatSelectionHasNoSeatMapsAndDarwinIsNotAsked() {
        ObjectNode raw = offer(o -> ((ObjectNode) o.get("fares").get(0).get("seat_selection")).put("allowed", false));

        assertThat(provider.seatMaps(raw).block()).isEmpty();
        assertThat(darwin.getAllServeEvents()).isEmpty();
    }

    @Test
    void seatMapsOfAnExpiredOfferFailWithDarwinsCode() {
        darwin.stubFor(get(urlEqualTo("/v1/offers/off_dar_5iA9kC/seat-maps"))
                .willReturn(answer(410, "darwin/error-offer-expired.json")));

        assertThatThrownBy(() -> provider.seatMaps(offer()).block())
                .isInstanceOfSatisfying(DarwinApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(410);
                    assertThat(e.code()).isEqualTo("OFFER_EXPIRED");
                    assertThat(e.requestId()).isEqualTo(REQUEST_ID);
                });
    }

    // ---- createOrder -----------------------------------------------------------------------------------------------

    @Test
    void aBookingSendsTheDocumentedRequestWithOurReferenceAndIsTicketed() {
        stubBooking(answer(201, "darwin/booking-ticketed.json"));

        OrderOutcome outcome = provider.createOrder(order()).block();

        assertThat(outcome).isEqualTo(new OrderOutcome.Created(ORDER, "AVRA1B", Money.of("1294.99", "USD"), false,
                null));
        LoggedRequest request = onlyBookingRequest();
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + API_KEY);
        assertThat(request.getHeader("Idempotency-Key")).isEqualTo(IDEMPOTENCY_KEY);
        assertThat(request.getHeader("Content-Type")).startsWith("application/json");
        assertThat(request.getHeader("Accept")).isEqualTo("application/json");
        assertThat(JSON.readTree(request.getBodyAsString())).isEqualTo(json("darwin/booking-request.json"));
        assertThat(JSON.readTree(request.getBodyAsString()).get("client_reference").stringValue()).isEqualTo(REFERENCE);
    }

    @Test
    void aBookingStillTicketingIsCreated() {
        stubBooking(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody(text("darwin/booking-ticketed.json").replace("\"ticketed\"", "\"ticketing\"")));

        assertThat(provider.createOrder(order()).block()).isInstanceOf(OrderOutcome.Created.class);
    }

    static Stream<Arguments> bookingAnswers() {
        return Stream.of(
                Arguments.of(202, "darwin/booking-pending.json", OrderOutcome.Unknown.class,
                        "Darwin answered 202: it accepted the booking and is still ticketing it (request req_dar_8KfQ2mZp)"),
                Arguments.of(409, "darwin/error-sold-out.json", OrderOutcome.OfferGone.class,
                        "Darwin answered 409 SOLD_OUT (request req_dar_8KfQ2mZp)"),
                Arguments.of(410, "darwin/error-offer-expired.json", OrderOutcome.OfferGone.class,
                        "Darwin answered 410 OFFER_EXPIRED (request req_dar_8KfQ2mZp)"),
                Arguments.of(404, "{\"error\":{\"code\":\"OFFER_NOT_FOUND\",\"message\":\"x\"}}",
                        OrderOutcome.OfferGone.class, "Darwin answered 404 OFFER_NOT_FOUND (request req_dar_8KfQ2mZp)"),
                Arguments.of(400, "darwin/error-validation.json", OrderOutcome.Rejected.class,
                        "Darwin answered 400 VALIDATION_ERROR [passengers[1].born_on: required] (request req_dar_8KfQ2mZp)"),
                Arguments.of(422, "{\"error\":{\"code\":\"SEAT_UNAVAILABLE\",\"message\":\"x\"}}",
                        OrderOutcome.Rejected.class, "Darwin answered 422 SEAT_UNAVAILABLE (request req_dar_8KfQ2mZp)"),
                Arguments.of(401, "{\"error\":{\"code\":\"UNAUTHORIZED\",\"message\":\"x\"}}",
                        OrderOutcome.Rejected.class, "Darwin answered 401 UNAUTHORIZED (request req_dar_8KfQ2mZp)"),
                Arguments.of(409, "darwin/error-duplicate-reference.json", OrderOutcome.Unknown.class,
                        "Darwin answered 409 DUPLICATE_CLIENT_REFERENCE (request req_dar_8KfQ2mZp)"),
                Arguments.of(422, "{\"error\":{\"code\":\"IDEMPOTENCY_KEY_MISMATCH\",\"message\":\"x\"}}",
                        OrderOutcome.Unknown.class,
                        "Darwin answered 422 IDEMPOTENCY_KEY_MISMATCH (request req_dar_8KfQ2mZp)"),
                Arguments.of(429, "{\"error\":{\"code\":\"RATE_LIMITED\",\"message\":\"x\"}}", OrderOutcome.Unknown.class,
                        "Darwin answered 429 RATE_LIMITED (request req_dar_8KfQ2mZp)"),
                Arguments.of(500, "{\"error\":{\"code\":\"INTERNAL_ERROR\",\"message\":\"x\"}}",
                        OrderOutcome.Unknown.class, "Darwin answered 500 INTERNAL_ERROR (request req_dar_8KfQ2mZp)"),
                Arguments.of(502, "<html>bad gateway</html>", OrderOutcome.Unknown.class,
                        "Darwin answered 502 (request req_dar_8KfQ2mZp)"),
                Arguments.of(503, "", OrderOutcome.Unknown.class, "Darwin answered 503 (request req_dar_8KfQ2mZp)"),
                Arguments.of(409, "{\"error\":{\"code\":\"SOMETHING_NEW\"}}", OrderOutcome.Unknown.class,
                        "Darwin answered 409 SOMETHING_NEW (request req_dar_8KfQ2mZp)"),
                Arguments.of(422, "not json", OrderOutcome.Rejected.class, "Darwin answered 422 (request req_dar_8KfQ2mZp)"),
                Arguments.of(200, "{\"booking\":{\"id\":\"ord_dar_77xP1z\"}}", OrderOutcome.Unknown.class,
                        "Darwin answered 200 with an unreadable booking (request req_dar_8KfQ2mZp)"),
                Arguments.of(201, "not json", OrderOutcome.Unknown.class,
                        "Darwin answered 201 with an unreadable booking (request req_dar_8KfQ2mZp)"),
                Arguments.of(201, "darwin/booking-pending.json", OrderOutcome.Unknown.class,
                        "Darwin answered booking ord_dar_77xP1z as pending (request req_dar_8KfQ2mZp)"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("bookingAnswers")
    void eachBookingAnswerHasItsOutcomeAndIsNeverRetried(int status, String body, Class<? extends OrderOutcome> type,
            String reason) {
        stubBooking(aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withHeader("X-Request-Id", REQUEST_ID).withBody(body.endsWith(".json") ? text(body) : body));

        OrderOutcome outcome = provider.createOrder(order()).block();

        assertThat(outcome).isInstanceOf(type);
        assertThat(reason(outcome)).isEqualTo(reason);
        onlyBookingRequest();
    }

    @Test
    void aPriceChangeCarriesTheNewTotalAndNoOrderBecauseDarwinCreatedNone() {
        stubBooking(answer(409, "darwin/error-price-changed.json"));

        OrderOutcome outcome = provider.createOrder(order()).block();

        assertThat(outcome).isEqualTo(new OrderOutcome.PriceChanged(Money.of("1336.19", "USD"), null, null,
                "Darwin now prices the booking at USD 1336.19 instead of USD 1294.99"));
    }

    @Test
    void aPriceChangeWithoutANewTotalIsUnknown() {
        stubBooking(aResponse().withStatus(409).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"PRICE_CHANGED\",\"new_total\":{\"amount\":1336.19,\"currency\":\"USD\"}}}"));

        assertThat(provider.createOrder(order()).block()).isEqualTo(
                new OrderOutcome.Unknown("Darwin answered 409 PRICE_CHANGED without a readable new_total"));
    }

    @Test
    void aBookingAnsweredForAnotherReferenceIsUnknown() {
        stubBooking(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody(text("darwin/booking-ticketed.json").replace(REFERENCE, "77777777-7777-7777-7777-777777777777")));

        assertThat(provider.createOrder(order()).block()).isEqualTo(
                new OrderOutcome.Unknown("Darwin answered a booking that carries another client_reference"));
    }

    @Test
    void noAnswerWithinTheBookingTimeoutIsUnknown() {
        stubBooking(answer(201, "darwin/booking-ticketed.json").withFixedDelay(3_000));

        long started = System.nanoTime();
        OrderOutcome outcome = provider.createOrder(order()).block();

        assertThat(outcome).isInstanceOf(OrderOutcome.Unknown.class);
        assertThat(reason(outcome)).startsWith("no answer from Darwin (");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2_500));
        onlyBookingRequest();
    }

    @Test
    void anAnswerTricklingPastTheDeadlineIsUnknown() {
        // Each chunk arrives well within the read timeout; the exchange as a whole must still end at the deadline.
        stubBooking(answer(201, "darwin/booking-ticketed.json").withChunkedDribbleDelay(30, 9_000));

        long started = System.nanoTime();
        OrderOutcome outcome = provider.createOrder(order()).block();

        assertThat(outcome).isInstanceOf(OrderOutcome.Unknown.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(5_000));
    }

    @Test
    void aConnectionResetOrRefusedIsUnknown() throws Exception {
        stubBooking(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        assertThat(provider.createOrder(order()).block()).isInstanceOf(OrderOutcome.Unknown.class);

        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        assertThat(providerFor("http://127.0.0.1:" + closedPort, Duration.ofMillis(800)).createOrder(order()).block())
                .isInstanceOf(OrderOutcome.Unknown.class);
    }

    static Stream<Arguments> bookingsDarwinCannotMake() {
        OrderRequest order = order();
        return Stream.of(
                Arguments.of("a hold", with(order, r -> new OrderRequest(r.reference(), r.rawOffer(), OrderType.HOLD,
                        r.passengers(), r.seats(), r.services(), r.contact(), r.expectedTotal(), null,
                        r.idempotencyKey())), "Darwin does not hold orders (supports_hold_booking: false)"),
                Arguments.of("a two-phase retry", with(order, r -> new OrderRequest(r.reference(), r.rawOffer(),
                        r.type(), r.passengers(), r.seats(), r.services(), r.contact(), r.expectedTotal(),
                        "ord_dar_77xP1z", r.idempotencyKey())),
                        "Darwin has no two-phase orders: after a price change, book a fresh availability response"),
                Arguments.of("a service", with(order, r -> new OrderRequest(r.reference(), r.rawOffer(), r.type(),
                        r.passengers(), r.seats(), List.of(new ServiceChoice("bag_1", 1, Money.of("35.00", "USD"))),
                        r.contact(), r.expectedTotal(), null, r.idempotencyKey())),
                        "Darwin sells no services with a booking (supports_bag_selection: false)"),
                Arguments.of("a passenger missing", with(order, r -> new OrderRequest(r.reference(), r.rawOffer(),
                        r.type(), r.passengers().subList(0, 1), r.seats(), r.services(), r.contact(), r.expectedTotal(),
                        null, r.idempotencyKey())),
                        "every passenger of the offer must be named (2 in the offer, 1 named)"),
                Arguments.of("a passenger not in the offer", with(order, r -> new OrderRequest(r.reference(),
                        r.rawOffer(), r.type(), List.of(r.passengers().get(0), passenger("pas_dar_nobody")), r.seats(),
                        r.services(), r.contact(), r.expectedTotal(), null, r.idempotencyKey())),
                        "passenger pas_dar_nobody is not in the offer"),
                Arguments.of("another currency", with(order, r -> new OrderRequest(r.reference(), r.rawOffer(),
                        r.type(), r.passengers(), r.seats(), r.services(), r.contact(), Money.of("1294.99", "EUR"),
                        null, r.idempotencyKey())), "the expected total is in EUR but the offer is priced in USD"),
                Arguments.of("a seat where the fare allows none", with(order, r -> new OrderRequest(r.reference(),
                        r.rawOffer(), r.type(), r.passengers(), List.of(new SeatChoice("seg_darwin_JFKORD_002", JANE,
                                "12C", null, Money.of("0.00", "USD"))), r.services(), r.contact(), r.expectedTotal(),
                        null, r.idempotencyKey())),
                        "segment seg_darwin_JFKORD_002 allows no seat selection in this offer"),
                Arguments.of("an unreadable offer", with(order, r -> new OrderRequest(r.reference(),
                        offer(o -> o.remove("availability_id")), r.type(), r.passengers(), r.seats(), r.services(),
                        r.contact(), r.expectedTotal(), null, r.idempotencyKey())),
                        "the offer payload is invalid: availability_id: is required"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bookingsDarwinCannotMake")
    void aBookingDarwinCannotMakeIsRejectedWithoutCallingDarwin(String what, OrderRequest request, String reason) {
        assertThat(provider.createOrder(request).block()).isEqualTo(new OrderOutcome.Rejected(reason));
        assertThat(darwin.getAllServeEvents()).isEmpty();
    }

    @Test
    void nothingIsSentUntilSubscribed() {
        stubBooking(answer(201, "darwin/booking-ticketed.json"));

        provider.createOrder(order());
        provider.confirmCancellation(ORDER, null, "k");
        provider.findOrderByReference(REFERENCE);

        assertThat(darwin.getAllServeEvents()).isEmpty();
    }

    @Test
    void thereIsNoHoldToPay() {
        assertThat(provider.payHold(ORDER, Money.of("1294.99", "USD"), "k").block())
                .isEqualTo(new OrderOutcome.Rejected("Darwin does not hold orders (supports_hold_booking: false)"));
        assertThat(darwin.getAllServeEvents()).isEmpty();
    }

    // ---- lookups ---------------------------------------------------------------------------------------------------

    @Test
    void findsABookingByItsId() {
        darwin.stubFor(get(urlEqualTo("/v1/bookings/" + ORDER)).withHeader("Authorization", equalTo("Bearer " + API_KEY))
                .willReturn(answer(200, "darwin/booking-ticketed.json")));

        assertThat(provider.findOrder(ORDER).block()).contains(new ProviderOrder(ORDER, "AVRA1B", REFERENCE,
                "confirmed", Money.of("1294.99", "USD"), null));
    }

    @Test
    void anUnknownBookingIdIsEmptyAndAFailedLookupIsAnError() {
        darwin.stubFor(get(urlEqualTo("/v1/bookings/ord_dar_nothing")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"BOOKING_NOT_FOUND\",\"message\":\"x\"}}")));
        darwin.stubFor(get(urlEqualTo("/v1/bookings/" + ORDER)).willReturn(aResponse().withStatus(503)
                .withHeader("X-Request-Id", REQUEST_ID)));
        darwin.stubFor(get(urlEqualTo("/v1/bookings/ord_dar_garbled")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"booking\":{\"id\":\"ord_dar_garbled\",\"status\":\"lost\"}}")));

        assertThat(provider.findOrder("ord_dar_nothing").block()).isEmpty();
        assertThatThrownBy(() -> provider.findOrder(ORDER).block())
                .isInstanceOfSatisfying(DarwinApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.getMessage()).isEqualTo("Darwin booking retrieval failed: HTTP 503 (request "
                            + REQUEST_ID + ")");
                });
        assertThatThrownBy(() -> provider.findOrder("ord_dar_garbled").block())
                .isInstanceOfSatisfying(DarwinApiException.class, e -> assertThat(e.getMessage())
                        .isEqualTo("Darwin booking retrieval failed: an answer that breaks the contract "
                                + "(booking.status: must be one of [cancelled, pending, ticketed, ticketing])"));
    }

    @Test
    void findsTheBookingCarryingOurReference() {
        darwin.stubFor(get(urlPathEqualTo("/v1/bookings")).withQueryParam("client_reference", equalTo(REFERENCE))
                .withHeader("Authorization", equalTo("Bearer " + API_KEY))
                .willReturn(answer(200, "darwin/bookings-by-reference.json")));

        assertThat(provider.findOrderByReference(REFERENCE).block()).contains(new ProviderOrder(ORDER, "AVRA1B",
                REFERENCE, "confirmed", Money.of("1294.99", "USD"), null));
    }

    @Test
    void aReferenceWithoutBookingIsEmptyAndAPendingOneIsPending() {
        darwin.stubFor(get(urlPathEqualTo("/v1/bookings")).withQueryParam("client_reference", equalTo(REFERENCE))
                .willReturn(okJson("{\"data\":[],\"has_more\":false}")));
        assertThat(provider.findOrderByReference(REFERENCE).block()).isEmpty();

        ObjectNode pending = json("darwin/booking-pending.json");
        darwin.stubFor(get(urlPathEqualTo("/v1/bookings")).withQueryParam("client_reference", equalTo(REFERENCE))
                .willReturn(okJson("{\"data\":[" + pending.get("booking") + "],\"has_more\":false}")));
        assertThat(provider.findOrderByReference(REFERENCE).block()).contains(new ProviderOrder(ORDER, null, REFERENCE,
                "pending", Money.of("1294.99", "USD"), null));
    }

    @Test
    void aReferenceSearchThatBreaksUniquenessIsAnError() {
        JsonNode booking = json("darwin/bookings-by-reference.json").get("data").get(0);
        darwin.stubFor(get(urlPathEqualTo("/v1/bookings"))
                .willReturn(okJson("{\"data\":[" + booking + "," + booking + "],\"has_more\":false}")));

        assertThatThrownBy(() -> provider.findOrderByReference(REFERENCE).block())
                .isInstanceOfSatisfying(DarwinApiException.class, e -> assertThat(e.getMessage())
                        .isEqualTo("Darwin booking search failed: 2 bookings carry one client_reference"));
    }

    @Test
    void aReferenceSearchWithoutAnswerIsAnError() {
        darwin.stubFor(get(urlPathEqualTo("/v1/bookings")).willReturn(answer(200, "darwin/bookings-by-reference.json")
                .withFixedDelay(3_000)));

        assertThatThrownBy(() -> provider.findOrderByReference(REFERENCE).block())
                .isInstanceOfSatisfying(DarwinApiException.class, e -> assertThat(e.status()).isZero());
    }

    // ---- cancellation ----------------------------------------------------------------------------------------------

    @Test
    void theCancellationQuoteIsAZeroRefundInTheBookingsCurrency() {
        darwin.stubFor(get(urlEqualTo("/v1/bookings/" + ORDER)).willReturn(answer(200, "darwin/booking-ticketed.json")));

        assertThat(provider.quoteCancellation(ORDER).block())
                .isEqualTo(new CancellationQuote(ORDER, null, Money.of("0.00", "USD"), null));
    }

    @Test
    void quotingAnUnknownBookingFails() {
        darwin.stubFor(get(urlEqualTo("/v1/bookings/" + ORDER)).willReturn(aResponse().withStatus(404)));

        assertThatThrownBy(() -> provider.quoteCancellation(ORDER).block())
                .isInstanceOfSatisfying(DarwinApiException.class, e -> assertThat(e.code()).isEqualTo("BOOKING_NOT_FOUND"));
    }

    @Test
    void cancellingPostsUnderTheIdempotencyKeyAndRefundsNothing() {
        darwin.stubFor(post(urlEqualTo("/v1/bookings/" + ORDER + "/cancel"))
                .willReturn(answer(200, "darwin/booking-cancelled.json")));
        CancellationQuote quote = new CancellationQuote(ORDER, null, Money.of("0.00", "USD"), null);

        assertThat(provider.confirmCancellation(ORDER, quote, "booking:6666:cancel").block())
                .isEqualTo(new CancellationOutcome.Cancelled(ORDER, Money.of("0.00", "USD")));
        List<LoggedRequest> requests = darwin.findAll(postRequestedFor(urlEqualTo("/v1/bookings/" + ORDER + "/cancel")));
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).getHeader("Idempotency-Key")).isEqualTo("booking:6666:cancel");
        assertThat(requests.get(0).getHeader("Authorization")).isEqualTo("Bearer " + API_KEY);
        assertThat(requests.get(0).getBodyAsString()).isEqualTo("{}");
    }

    static Stream<Arguments> cancellationAnswers() {
        return Stream.of(
                Arguments.of(409, "darwin/error-not-cancellable.json", new CancellationOutcome.Refused(
                        "Darwin answered 409 NOT_CANCELLABLE (request req_dar_8KfQ2mZp)")),
                Arguments.of(404, "{\"error\":{\"code\":\"BOOKING_NOT_FOUND\"}}", new CancellationOutcome.Refused(
                        "Darwin answered 404 BOOKING_NOT_FOUND (request req_dar_8KfQ2mZp)")),
                Arguments.of(202, "darwin/booking-ticketed.json", new CancellationOutcome.Unknown(
                        "Darwin answered 202 (request req_dar_8KfQ2mZp)")),
                Arguments.of(429, "{\"error\":{\"code\":\"RATE_LIMITED\"}}", new CancellationOutcome.Unknown(
                        "Darwin answered 429 RATE_LIMITED (request req_dar_8KfQ2mZp)")),
                Arguments.of(503, "", new CancellationOutcome.Unknown("Darwin answered 503 (request req_dar_8KfQ2mZp)")),
                Arguments.of(204, "", new CancellationOutcome.Unknown("Darwin answered 204 (request req_dar_8KfQ2mZp)")),
                Arguments.of(422, "{\"error\":{\"code\":\"IDEMPOTENCY_KEY_MISMATCH\"}}", new CancellationOutcome.Unknown(
                        "Darwin answered 422 IDEMPOTENCY_KEY_MISMATCH (request req_dar_8KfQ2mZp)")),
                Arguments.of(200, "darwin/booking-ticketed.json", new CancellationOutcome.Unknown(
                        "Darwin answered booking ord_dar_77xP1z as confirmed (request req_dar_8KfQ2mZp)")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cancellationAnswers")
    void eachCancellationAnswerHasItsOutcome(int status, String body, CancellationOutcome expected) {
        darwin.stubFor(post(urlEqualTo("/v1/bookings/" + ORDER + "/cancel")).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withHeader("X-Request-Id", REQUEST_ID)
                .withBody(body.endsWith(".json") ? text(body) : body)));

        assertThat(provider.confirmCancellation(ORDER, null, "booking:6666:cancel").block()).isEqualTo(expected);
        assertThat(darwin.findAll(postRequestedFor(urlEqualTo("/v1/bookings/" + ORDER + "/cancel")))).hasSize(1);
    }

    @Test
    void aCancellationWithoutAnswerIsUnknown() {
        darwin.stubFor(post(urlEqualTo("/v1/bookings/" + ORDER + "/cancel"))
                .willReturn(answer(200, "darwin/booking-cancelled.json").withFixedDelay(3_000)));

        assertThat(provider.confirmCancellation(ORDER, null, "k").block())
                .isInstanceOf(CancellationOutcome.Unknown.class);
    }

    // ---- hygiene ---------------------------------------------------------------------------------------------------

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void neverLogsTheKeyPassengerDataOrBodiesEvenAtDebug(CapturedOutput output) {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level previous = root.getLevel();
        root.setLevel(Level.DEBUG);
        try {
            stubBooking(answer(201, "darwin/booking-ticketed.json"));
            provider.createOrder(order()).block();
            stubBooking(answer(400, "darwin/error-validation.json"));
            provider.createOrder(order()).block();
            darwin.stubFor(get(urlPathEqualTo("/v1/bookings")).willReturn(answer(200, "darwin/bookings-by-reference.json")));
            provider.findOrderByReference(REFERENCE).block();
        } finally {
            root.setLevel(previous);
        }

        assertThat(output.getAll()).contains("Darwin booking answered 400 VALIDATION_ERROR (request " + REQUEST_ID + ")")
                .doesNotContain(API_KEY).doesNotContain("Jane").doesNotContain("Traveler").doesNotContain("Aviator")
                .doesNotContain("1988-07-12").doesNotContain("123456789").doesNotContain("9000000001")
                .doesNotContain("jane.traveler@example.com").doesNotContain("+15550142")
                .doesNotContain("given_name").doesNotContain("0142345678901");
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    static DarwinFlightProvider providerFor(String baseUrl, Duration timeout) {
        return new DarwinFlightProvider(new DarwinProperties(baseUrl, API_KEY, Duration.ofSeconds(2), timeout, timeout),
                WebClient.builder());
    }

    static ObjectNode offer() {
        return json("darwin/availability-response.json");
    }

    static ObjectNode offer(Consumer<ObjectNode> change) {
        return json("darwin/availability-response.json", change);
    }

    private static Arguments malformed(String what, Consumer<ObjectNode> change, String details) {
        return Arguments.of(what, change, details);
    }

    private static ObjectNode price(ObjectNode offer) {
        return (ObjectNode) offer.get("price");
    }

    private static ObjectNode segment(ObjectNode offer, int itinerary, int segment) {
        return (ObjectNode) offer.get("itineraries").get(itinerary).get("segments").get(segment);
    }

    /** The booking of {@code darwin/booking-request.json}, as the saga would ask for it. */
    static OrderRequest order() {
        return new OrderRequest(REFERENCE, offer(), OrderType.INSTANT,
                List.of(new OrderPassenger(JANE, "adult", "Ms", "Jane", "Ada", "Traveler", LocalDate.of(1988, 7, 12),
                                "female", "jane.traveler@example.com", "+15550142",
                                List.of(new OfferPassengerUpdate.TravelDocument("known_traveler_number", "123456789", "US",
                                        LocalDate.of(2031, 1, 31))),
                                List.of(new OfferPassengerUpdate.LoyaltyAccount("DA", "9000000001"))),
                        new OrderPassenger(MARCO, "adult", "Mr", "Marco", null, "Aviator", LocalDate.of(1990, 5, 20),
                                "male", null, null, List.of(), List.of())),
                List.of(new SeatChoice("seg_darwin_LAXJFK_001", JANE, "14A", null, Money.of("49.99", "USD"))),
                List.of(),
                new Contact("jane.traveler@example.com", "+15550142"),
                Money.of("1294.99", "USD"),
                null,
                IDEMPOTENCY_KEY);
    }

    private static OrderPassenger passenger(String id) {
        return new OrderPassenger(id, "adult", "Mr", "Nobody", null, "Known", LocalDate.of(1980, 1, 1), "male", null,
                null, List.of(), List.of());
    }

    private static OrderRequest with(OrderRequest request, UnaryOperator<OrderRequest> change) {
        return change.apply(request);
    }

    static ResponseDefinitionBuilder answer(int status, String fixture) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withHeader("X-Request-Id", REQUEST_ID).withBody(text(fixture));
    }

    private static ResponseDefinitionBuilder okJson(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static void stubBooking(ResponseDefinitionBuilder response) {
        darwin.stubFor(post(urlEqualTo("/v1/bookings")).willReturn(response));
    }

    private static LoggedRequest onlyBookingRequest() {
        List<LoggedRequest> requests = darwin.findAll(postRequestedFor(urlEqualTo("/v1/bookings")));
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    private static String reason(OrderOutcome outcome) {
        if (outcome instanceof OrderOutcome.Unknown u) {
            return u.reason();
        }
        if (outcome instanceof OrderOutcome.Rejected r) {
            return r.reason();
        }
        if (outcome instanceof OrderOutcome.OfferGone g) {
            return g.reason();
        }
        if (outcome instanceof OrderOutcome.PriceChanged p) {
            return p.message();
        }
        return ((OrderOutcome.Created) outcome).providerOrderId();
    }
}
