package io.movmo.booking.providers.dohop;

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
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
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
import io.movmo.booking.shared.Money;
import io.movmo.booking.shared.ProviderId;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
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
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Dohop adapter against WireMock speaking the contract in {@code docs/providers/dohop.md}, with that document's
 * examples ({@code src/test/resources/dohop/}) as the bodies on both sides: pricing, the two-phase booking and its
 * price change carrying the order id, lookups by id and by our reference, quoted cancellation.
 */
class DohopFlightProviderTest {

    @RegisterExtension
    static WireMockExtension dohop = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final String API_KEY = "dh_live_7b3e91c04fa2d6e85b1c7a9f30e4d2b6";
    static final String REFERENCE = "77777777-7777-7777-7777-777777777777";
    static final String KEY = "booking:77777777-7777-7777-7777-777777777777:order:1";
    static final String ORDER = "ord_dohop_9b3L2x";
    static final String REQUEST_ID = "req_dh_3xVb7Q";
    static final String RESERVE = "/v1/bookings";
    static final String CONFIRM = "/v1/bookings/" + ORDER + "/confirm";

    private DohopFlightProvider provider;

    @BeforeAll
    static void warmUp() {
        // A fresh JVM's first exchange can take longer than the short timeouts the tests run with.
        dohop.stubFor(get(urlEqualTo("/v1/bookings/" + ORDER)).willReturn(answer(200, "dohop/order-confirmed.json")));
        providerFor(dohop.baseUrl(), Duration.ofSeconds(30)).findOrder(ORDER).block();
    }

    @BeforeEach
    void provider() {
        dohop.resetAll();
        provider = providerFor(dohop.baseUrl() + "/", Duration.ofMillis(800));
    }

    // ---- normalize -------------------------------------------------------------------------------------------------

    @Test
    void normalizesTheItineraryToTheOfferShapeExactly() {
        NormalizedOffer offer = provider.normalize(itinerary());

        assertThat(provider.id()).isEqualTo(ProviderId.DOHOP);
        assertThat(offer.providerOfferId()).isEqualTo("itn_dohop_7QpX2m");
        assertThat(offer.expiresAt()).isEqualTo(Instant.parse("2026-08-20T12:30:00Z"));
        assertThat(offer.total()).isEqualTo(Money.of("412.60", "EUR"));
        assertThat(offer.base()).isEqualTo(Money.of("330.00", "EUR"));
        assertThat(offer.tax()).isEqualTo(Money.of("82.60", "EUR"));
        assertThat(offerJson(offer)).isEqualTo(json("dohop/normalized-offer.json"));
        assertThat(dohop.getAllServeEvents()).isEmpty();
    }

    @Test
    void krónurHaveNoDecimalsAndAreReadExactly() {
        Consumer<ObjectNode> isk = o -> ((ObjectNode) o.get("price")).put("currency", "ISK").put("base", "80000")
                .put("taxes", "18500").put("total", "98500");

        NormalizedOffer offer = provider.normalize(itinerary(isk));

        assertThat(offer.total()).isEqualTo(Money.of("98500", "ISK"));
        assertThat(offer.total().amount().scale()).isZero();
        assertThat(offerJson(offer).get("total_amount").stringValue()).isEqualTo("98500");
        assertThatThrownBy(() -> provider.normalize(itinerary(isk.andThen(o -> ((ObjectNode) o.get("price"))
                        .put("base", "79999.5").put("total", "98499.5")))))
                .isInstanceOfSatisfying(OfferPayloadException.class, e -> assertThat(e.details())
                        .isEqualTo("price.base: has more decimal digits than ISK has (0)"));
    }

    @Test
    void aPricedItineraryIsAnOfferUntilItsPriceTokenExpires() {
        NormalizedOffer offer = provider.normalize(json("dohop/priced-itinerary.json"));

        assertThat(offer.expiresAt()).isEqualTo(Instant.parse("2026-08-20T12:45:00Z"));
        assertThat(offer.total()).isEqualTo(Money.of("412.60", "EUR"));
    }

    static Stream<Arguments> malformedItineraries() {
        return Stream.of(
                Arguments.of("the object type", (Consumer<ObjectNode>) o -> o.put("object", "order"),
                        "object: must be one of [itinerary]"),
                Arguments.of("a blank price token", (Consumer<ObjectNode>) o -> o.put("price_token", " "),
                        "price_token: must be a non-empty string"),
                Arguments.of("a total that is not the sum",
                        (Consumer<ObjectNode>) o -> ((ObjectNode) o.get("price")).put("total", "412.59"),
                        "price.total: must equal base + taxes"),
                Arguments.of("a child without age",
                        (Consumer<ObjectNode>) o -> ((ObjectNode) o.get("travellers").get(1)).remove("age"),
                        "travellers[1].age: is required"),
                Arguments.of("an unknown traveller type",
                        (Consumer<ObjectNode>) o -> ((ObjectNode) o.get("travellers").get(1)).put("type", "CHILD"),
                        "travellers[1].type: must be one of [ADT, CHD, INF]"),
                Arguments.of("four flights in a leg", (Consumer<ObjectNode>) o -> {
                    ArrayNode flights = (ArrayNode) o.get("legs").get(0).get("flights");
                    flights.add(flights.get(0).deepCopy());
                    flights.add(flights.get(1).deepCopy());
                }, "legs[0].flights: must have at most 3 flights (2 connections)"),
                Arguments.of("a duration that is not the journey's",
                        (Consumer<ObjectNode>) o -> ((ObjectNode) o.get("legs").get(1)).put("duration_minutes", 600),
                        "legs[1].duration_minutes: must be the minutes from the first departure to the last arrival (670)"),
                Arguments.of("a cabin Dohop does not sell",
                        (Consumer<ObjectNode>) o -> flight(o, 0, 1).put("cabin_class", "first"),
                        "legs[0].flights[1].cabin_class: must be one of [business, economy]"),
                Arguments.of("a carrier name for a code",
                        (Consumer<ObjectNode>) o -> ((ObjectNode) flight(o, 0, 0).get("marketing_carrier"))
                                .put("code", "easyJet"),
                        "legs[0].flights[0].marketing_carrier.code: must be an airline IATA code, e.g. U2"),
                Arguments.of("a connection before the arrival",
                        (Consumer<ObjectNode>) o -> flight(o, 0, 1).put("departs_at", "2026-09-01T08:30:00+00:00"),
                        "legs[0].flights[1].departs_at: must be after the previous flight's arrival"),
                Arguments.of("a currency Dohop does not sell in",
                        (Consumer<ObjectNode>) o -> ((ObjectNode) o.get("price")).put("currency", "CHF"),
                        "price.currency: must be one of [EUR, GBP, ISK, USD] (the currencies Dohop sells in)"),
                Arguments.of("a numeric amount",
                        (Consumer<ObjectNode>) o -> ((ObjectNode) o.get("price")).put("taxes", 82.6),
                        "price.taxes: must be a decimal string, e.g. \"1245.00\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedItineraries")
    void aMalformedItineraryIsAnOfferPayloadExceptionNamingThePath(String what, Consumer<ObjectNode> change,
            String details) {
        assertThatThrownBy(() -> provider.normalize(itinerary(change)))
                .isInstanceOfSatisfying(OfferPayloadException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("The Dohop itinerary is invalid");
                    assertThat(e.details()).isEqualTo(details);
                });
    }

    // ---- price -----------------------------------------------------------------------------------------------------

    @Test
    void pricingPostsTheItineraryIdsAndAnswersThePricedItineraryAsTheNewRawOffer() {
        dohop.stubFor(post(urlEqualTo("/v1/price")).willReturn(answer(200, "dohop/priced-itinerary.json")));

        PricingOutcome outcome = provider.price(itinerary()).block();

        ObjectNode priced = json("dohop/priced-itinerary.json");
        assertThat(outcome).isEqualTo(new PricingOutcome.Priced(priced, provider.normalize(priced)));
        LoggedRequest request = only("/v1/price");
        assertThat(request.getHeader("X-Api-Key")).isEqualTo(API_KEY);
        assertThat(request.getHeader("Accept")).isEqualTo("application/json");
        assertThat(request.containsHeader("Idempotency-Key")).isFalse();
        assertThat(JSON.readTree(request.getBodyAsString())).isEqualTo(json("dohop/price-request.json"));
    }

    static Stream<Arguments> pricingAnswers() {
        return Stream.of(
                Arguments.of(409, "dohop/error-sold-out.json",
                        new PricingOutcome.OfferGone("Dohop answered 409 SOLD_OUT (request req_dh_3xVb7Q)")),
                Arguments.of(410, "{\"error\":{\"code\":\"ITINERARY_EXPIRED\"}}",
                        new PricingOutcome.OfferGone("Dohop answered 410 ITINERARY_EXPIRED (request req_dh_3xVb7Q)")),
                Arguments.of(404, "{\"error\":{\"code\":\"ITINERARY_NOT_FOUND\"}}",
                        new PricingOutcome.OfferGone("Dohop answered 404 ITINERARY_NOT_FOUND (request req_dh_3xVb7Q)")),
                Arguments.of(400, "dohop/error-validation.json", new PricingOutcome.Rejected("Dohop answered 400 "
                        + "VALIDATION_ERROR [travellers[1].date_of_birth: required] (request req_dh_3xVb7Q)")),
                Arguments.of(429, "{\"error\":{\"code\":\"RATE_LIMITED\"}}",
                        new PricingOutcome.Unknown("Dohop answered 429 RATE_LIMITED (request req_dh_3xVb7Q)")),
                Arguments.of(503, "", new PricingOutcome.Unknown("Dohop answered 503 (request req_dh_3xVb7Q)")),
                Arguments.of(200, "dohop/itinerary.json", new PricingOutcome.Unknown(
                        "Dohop answered another or an unpriced itinerary (request req_dh_3xVb7Q)")),
                Arguments.of(200, "{\"object\":\"itinerary\",\"id\":\"itn_dohop_7QpX2m\"}", new PricingOutcome.Unknown(
                        "Dohop answered an unreadable priced itinerary (search_id: is required) (request req_dh_3xVb7Q)")),
                Arguments.of(200, "<html/>", new PricingOutcome.Unknown(
                        "Dohop answered an unreadable priced itinerary (request req_dh_3xVb7Q)")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("pricingAnswers")
    void eachPricingAnswerHasItsOutcome(int status, String body, PricingOutcome expected) {
        dohop.stubFor(post(urlEqualTo("/v1/price")).willReturn(raw(status, body)));

        assertThat(provider.price(itinerary()).block()).isEqualTo(expected);
    }

    @Test
    void pricingWithoutAnswerIsUnknownAndAnUnreadableOfferIsNeverSent() {
        dohop.stubFor(post(urlEqualTo("/v1/price")).willReturn(answer(200, "dohop/priced-itinerary.json")
                .withFixedDelay(3_000)));
        assertThat(provider.price(itinerary()).block()).isInstanceOf(PricingOutcome.Unknown.class);

        dohop.resetAll();
        assertThatThrownBy(() -> provider.price(itinerary(o -> o.remove("search_id"))).block())
                .isInstanceOf(OfferPayloadException.class);
        assertThat(dohop.getAllServeEvents()).isEmpty();
    }

    // ---- seats and passengers --------------------------------------------------------------------------------------

    @Test
    void dohopHasNoSeatMapsAndKeepsTravellerDetailsForTheOrder() {
        ObjectNode raw = itinerary();
        OfferPassengerUpdate update = new OfferPassengerUpdate(null, null, null, null, null, null,
                List.of(new OfferPassengerUpdate.LoyaltyAccount("FI", "FI123456789")), List.of());

        assertThat(provider.seatMaps(raw).block()).isEmpty();
        assertThat(provider.updatePassenger(raw, "pax_dh_02", update).block()).isSameAs(raw);
        assertThatThrownBy(() -> provider.updatePassenger(raw, "pax_dh_09", update).block())
                .isInstanceOfSatisfying(OfferPayloadException.class, e -> assertThat(e.details())
                        .isEqualTo("travellers: no traveller of this itinerary has the id pax_dh_09"));
        assertThat(dohop.getAllServeEvents()).isEmpty();
    }

    // ---- two-phase booking -----------------------------------------------------------------------------------------

    @Test
    void aBookingReservesThenConfirmsTheReservedOrderAtTheExpectedTotal() {
        dohop.stubFor(post(urlEqualTo(RESERVE)).willReturn(answer(201, "dohop/order-reserved.json")));
        dohop.stubFor(post(urlEqualTo(CONFIRM)).willReturn(confirmedAt("412.60")));

        OrderOutcome outcome = provider.createOrder(order(json("dohop/priced-itinerary.json"))).block();

        assertThat(outcome).isEqualTo(new OrderOutcome.Created(ORDER, "DH4K2P", Money.of("412.60", "EUR"), false, null));
        LoggedRequest reserve = only(RESERVE);
        assertThat(reserve.getHeader("X-Api-Key")).isEqualTo(API_KEY);
        assertThat(reserve.getHeader("Idempotency-Key")).isEqualTo(KEY);
        assertThat(reserve.getHeader("Content-Type")).startsWith("application/json");
        assertThat(JSON.readTree(reserve.getBodyAsString())).isEqualTo(json("dohop/booking-request.json"));
        LoggedRequest confirm = only(CONFIRM);
        assertThat(confirm.getHeader("Idempotency-Key")).isEqualTo(KEY + ":confirm");
        assertThat(confirm.getHeader("X-Api-Key")).isEqualTo(API_KEY);
        assertThat(JSON.readTree(confirm.getBodyAsString()))
                .isEqualTo(JSON.readTree("{\"accepted_total\":{\"amount\":\"412.60\",\"currency\":\"EUR\"}}"));
        assertThat(requestOrder()).containsExactly(RESERVE, CONFIRM);
    }

    @Test
    void anUnpricedItineraryIsReservedByItsIdsSoDohopPricesItWhileReserving() {
        dohop.stubFor(post(urlEqualTo(RESERVE)).willReturn(answer(201, "dohop/order-reserved.json")));
        dohop.stubFor(post(urlEqualTo(CONFIRM)).willReturn(confirmedAt("412.60")));

        assertThat(provider.createOrder(order(itinerary())).block()).isInstanceOf(OrderOutcome.Created.class);

        ObjectNode expected = json("dohop/booking-request.json");
        expected.remove("price_token");
        expected.put("itinerary_id", "itn_dohop_7QpX2m").put("search_id", "srch_dohop_Kf93Lw");
        assertThat(JSON.readTree(only(RESERVE).getBodyAsString())).isEqualTo(expected);
    }

    @Test
    void aPriceChangeCarriesTheReservedOrderAndItsRetryConfirmsThatOrderAtTheNewPrice() {
        dohop.stubFor(post(urlEqualTo(RESERVE)).willReturn(answer(409, "dohop/error-price-changed.json")));
        dohop.stubFor(post(urlEqualTo(CONFIRM)).willReturn(answer(200, "dohop/order-confirmed.json")));

        OrderOutcome first = provider.createOrder(order(json("dohop/priced-itinerary.json"))).block();

        assertThat(first).isEqualTo(new OrderOutcome.PriceChanged(Money.of("431.20", "EUR"), ORDER,
                Instant.parse("2026-08-20T12:50:00Z"), "Dohop now prices the order at EUR 431.20 instead of EUR 412.60"));
        assertThat(requestOrder()).containsExactly(RESERVE);

        OrderRequest retry = retry(order(json("dohop/priced-itinerary.json")), ORDER, Money.of("431.20", "EUR"),
                "booking:77777777-7777-7777-7777-777777777777:order:2");
        OrderOutcome second = provider.createOrder(retry).block();

        assertThat(second).isEqualTo(new OrderOutcome.Created(ORDER, "DH4K2P", Money.of("431.20", "EUR"), false, null));
        assertThat(requestOrder()).as("the retry reserves nothing new").containsExactly(RESERVE, CONFIRM);
        LoggedRequest confirm = only(CONFIRM);
        assertThat(confirm.getHeader("Idempotency-Key"))
                .isEqualTo("booking:77777777-7777-7777-7777-777777777777:order:2:confirm");
        assertThat(JSON.readTree(confirm.getBodyAsString())).isEqualTo(json("dohop/confirm-request.json"));
    }

    @Test
    void aReservationAtAnotherTotalIsAPriceChangeAndIsNotConfirmed() {
        dohop.stubFor(post(urlEqualTo(RESERVE)).willReturn(raw(201,
                text("dohop/order-reserved.json").replace("412.60", "431.20"))));

        assertThat(provider.createOrder(order(itinerary())).block()).isEqualTo(new OrderOutcome.PriceChanged(
                Money.of("431.20", "EUR"), ORDER, Instant.parse("2026-08-20T12:50:00Z"),
                "Dohop now prices the order at EUR 431.20 instead of EUR 412.60"));
        assertThat(requestOrder()).containsExactly(RESERVE);
    }

    @Test
    void aPriceChangeAtConfirmationNamesTheSameOrderOrIsUnknown() {
        dohop.stubFor(post(urlEqualTo(CONFIRM)).willReturn(answer(409, "dohop/error-price-changed.json")));
        OrderRequest retry = retry(order(itinerary()), ORDER, Money.of("420.00", "EUR"), KEY);

        assertThat(provider.createOrder(retry).block()).isEqualTo(new OrderOutcome.PriceChanged(
                Money.of("431.20", "EUR"), ORDER, Instant.parse("2026-08-20T12:50:00Z"),
                "Dohop now prices the order at EUR 431.20 instead of EUR 420.00"));

        dohop.stubFor(post(urlEqualTo(CONFIRM)).willReturn(raw(409,
                text("dohop/error-price-changed.json").replace(ORDER, "ord_dohop_other"))));
        assertThat(provider.createOrder(retry).block()).isEqualTo(new OrderOutcome.Unknown(
                "Dohop answered 409 PRICE_CHANGED naming another order than " + ORDER + " (request req_dh_3xVb7Q)"));
    }

    static Stream<Arguments> reservationAnswers() {
        return Stream.of(
                Arguments.of(409, "dohop/error-sold-out.json",
                        new OrderOutcome.OfferGone("Dohop answered 409 SOLD_OUT (request req_dh_3xVb7Q)")),
                Arguments.of(410, "{\"error\":{\"code\":\"PRICE_TOKEN_EXPIRED\"}}",
                        new OrderOutcome.OfferGone("Dohop answered 410 PRICE_TOKEN_EXPIRED (request req_dh_3xVb7Q)")),
                Arguments.of(400, "dohop/error-validation.json", new OrderOutcome.Rejected("Dohop answered 400 "
                        + "VALIDATION_ERROR [travellers[1].date_of_birth: required] (request req_dh_3xVb7Q)")),
                Arguments.of(422, "{\"error\":{\"code\":\"INVALID_TRAVELLER\"}}",
                        new OrderOutcome.Rejected("Dohop answered 422 INVALID_TRAVELLER (request req_dh_3xVb7Q)")),
                Arguments.of(409, "{\"error\":{\"code\":\"DUPLICATE_PARTNER_REFERENCE\"}}", new OrderOutcome.Unknown(
                        "Dohop answered 409 DUPLICATE_PARTNER_REFERENCE (request req_dh_3xVb7Q)")),
                Arguments.of(409, "{\"error\":{\"code\":\"PRICE_CHANGED\",\"new_total\":{\"amount\":\"431.20\","
                        + "\"currency\":\"EUR\"}}}", new OrderOutcome.Unknown("Dohop answered 409 PRICE_CHANGED "
                        + "without a readable order_id, new_total and expires_at (request req_dh_3xVb7Q)")),
                Arguments.of(429, "{\"error\":{\"code\":\"RATE_LIMITED\"}}",
                        new OrderOutcome.Unknown("Dohop answered 429 RATE_LIMITED (request req_dh_3xVb7Q)")),
                Arguments.of(202, "dohop/order-reserved.json",
                        new OrderOutcome.Unknown("Dohop answered 202 (request req_dh_3xVb7Q)")),
                Arguments.of(500, "", new OrderOutcome.Unknown("Dohop answered 500 (request req_dh_3xVb7Q)")),
                Arguments.of(201, "{\"order\":{}}",
                        new OrderOutcome.Unknown("Dohop answered 201 with an unreadable order (request req_dh_3xVb7Q)")),
                Arguments.of(201, "dohop/order-confirmed.json", new OrderOutcome.Unknown(
                        "Dohop answered order ord_dohop_9b3L2x as confirmed (request req_dh_3xVb7Q)")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("reservationAnswers")
    void eachReservationAnswerHasItsOutcomeAndNothingIsConfirmedOrRetried(int status, String body,
            OrderOutcome expected) {
        dohop.stubFor(post(urlEqualTo(RESERVE)).willReturn(raw(status, body)));

        assertThat(provider.createOrder(order(itinerary())).block()).isEqualTo(expected);
        assertThat(requestOrder()).containsExactly(RESERVE);
    }

    static Stream<Arguments> confirmationAnswers() {
        return Stream.of(
                Arguments.of(202, "dohop/order-confirming.json", new OrderOutcome.Unknown(
                        "Dohop answered 202: it is still confirming order ord_dohop_9b3L2x (request req_dh_3xVb7Q)")),
                Arguments.of(200, "dohop/order-confirming.json", new OrderOutcome.Unknown(
                        "Dohop answered order ord_dohop_9b3L2x as pending (request req_dh_3xVb7Q)")),
                Arguments.of(410, "dohop/error-order-expired.json",
                        new OrderOutcome.OfferGone("Dohop answered 410 ORDER_EXPIRED (request req_dh_3xVb7Q)")),
                Arguments.of(402, "{\"error\":{\"code\":\"PAYMENT_DECLINED\"}}",
                        new OrderOutcome.Rejected("Dohop answered 402 PAYMENT_DECLINED (request req_dh_3xVb7Q)")),
                Arguments.of(404, "{\"error\":{\"code\":\"ORDER_NOT_FOUND\"}}",
                        new OrderOutcome.Rejected("Dohop answered 404 ORDER_NOT_FOUND (request req_dh_3xVb7Q)")),
                Arguments.of(503, "", new OrderOutcome.Unknown("Dohop answered 503 (request req_dh_3xVb7Q)")),
                Arguments.of(200, "dohop/order-cancelled.json", new OrderOutcome.Unknown(
                        "Dohop answered order ord_dohop_9b3L2x as cancelled (request req_dh_3xVb7Q)")),
                Arguments.of(200, "not json", new OrderOutcome.Unknown(
                        "Dohop answered 200 with an unreadable order (request req_dh_3xVb7Q)")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("confirmationAnswers")
    void eachConfirmationAnswerHasItsOutcomeAndIsNeverRetried(int status, String body, OrderOutcome expected) {
        dohop.stubFor(post(urlEqualTo(RESERVE)).willReturn(answer(201, "dohop/order-reserved.json")));
        dohop.stubFor(post(urlEqualTo(CONFIRM)).willReturn(raw(status, body)));

        assertThat(provider.createOrder(order(itinerary())).block()).isEqualTo(expected);
        assertThat(requestOrder()).containsExactly(RESERVE, CONFIRM);
    }

    @Test
    void noAnswerToEitherPhaseIsUnknown() {
        dohop.stubFor(post(urlEqualTo(RESERVE)).willReturn(answer(201, "dohop/order-reserved.json").withFixedDelay(3_000)));
        OrderOutcome reservation = provider.createOrder(order(itinerary())).block();
        assertThat(reservation).isInstanceOf(OrderOutcome.Unknown.class);
        assertThat(((OrderOutcome.Unknown) reservation).reason()).startsWith("no answer from Dohop to the reservation (");
        assertThat(requestOrder()).containsExactly(RESERVE);

        dohop.resetAll();
        dohop.stubFor(post(urlEqualTo(RESERVE)).willReturn(answer(201, "dohop/order-reserved.json")));
        dohop.stubFor(post(urlEqualTo(CONFIRM)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        OrderOutcome confirmation = provider.createOrder(order(itinerary())).block();
        assertThat(confirmation).isInstanceOf(OrderOutcome.Unknown.class);
        assertThat(((OrderOutcome.Unknown) confirmation).reason()).startsWith("no answer from Dohop to the confirmation (");
        assertThat(requestOrder()).containsExactly(RESERVE, CONFIRM);
    }

    static Stream<Arguments> ordersDohopCannotTake() {
        OrderRequest order = order(itinerary());
        return Stream.of(
                Arguments.of("a hold", new OrderRequest(order.reference(), order.rawOffer(), OrderType.HOLD,
                        order.passengers(), List.of(), List.of(), order.contact(), order.expectedTotal(), null, KEY),
                        "Dohop does not hold orders (supports_hold_booking: false)"),
                Arguments.of("a service", new OrderRequest(order.reference(), order.rawOffer(), order.type(),
                        order.passengers(), List.of(), List.of(new ServiceChoice("bag", 1, Money.of("30.00", "EUR"))),
                        order.contact(), order.expectedTotal(), null, KEY),
                        "Dohop sells no services with an order (supports_bag_selection: false)"),
                Arguments.of("a seat", new OrderRequest(order.reference(), order.rawOffer(), order.type(),
                        order.passengers(), List.of(new SeatChoice("flt_dh_01", "pax_dh_01", "12A", null, null)),
                        List.of(), order.contact(), order.expectedTotal(), null, KEY),
                        "Dohop sells no seats (supports_seat_selection: false)"),
                Arguments.of("a traveller missing", new OrderRequest(order.reference(), order.rawOffer(),
                        order.type(), order.passengers().subList(0, 1), List.of(), List.of(), order.contact(),
                        order.expectedTotal(), null, KEY),
                        "every traveller of the itinerary must be named (2 in the itinerary, 1 named)"),
                Arguments.of("another currency", new OrderRequest(order.reference(), order.rawOffer(), order.type(),
                        order.passengers(), List.of(), List.of(), order.contact(), Money.of("412.60", "USD"), null, KEY),
                        "the expected total is in USD but the itinerary is priced in EUR"),
                Arguments.of("an unreadable offer", new OrderRequest(order.reference(),
                        itinerary(o -> o.remove("legs")), order.type(), order.passengers(), List.of(), List.of(),
                        order.contact(), order.expectedTotal(), null, KEY),
                        "the offer payload is invalid: legs: is required"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ordersDohopCannotTake")
    void anOrderDohopCannotTakeIsRejectedWithoutCallingDohop(String what, OrderRequest request, String reason) {
        assertThat(provider.createOrder(request).block()).isEqualTo(new OrderOutcome.Rejected(reason));
        assertThat(dohop.getAllServeEvents()).isEmpty();
    }

    @Test
    void payingAReservedOrderConfirmsItUnderTheGivenKey() {
        dohop.stubFor(post(urlEqualTo(CONFIRM)).willReturn(answer(200, "dohop/order-confirmed.json")));

        assertThat(provider.payHold(ORDER, Money.of("431.20", "EUR"), "booking:7777:pay").block())
                .isEqualTo(new OrderOutcome.Created(ORDER, "DH4K2P", Money.of("431.20", "EUR"), false, null));
        assertThat(only(CONFIRM).getHeader("Idempotency-Key")).isEqualTo("booking:7777:pay");
        assertThat(JSON.readTree(only(CONFIRM).getBodyAsString())).isEqualTo(json("dohop/confirm-request.json"));
    }

    @Test
    void nothingIsSentUntilSubscribed() {
        provider.createOrder(order(itinerary()));
        provider.price(itinerary());
        provider.payHold(ORDER, Money.of("431.20", "EUR"), "k");
        provider.quoteCancellation(ORDER);

        assertThat(dohop.getAllServeEvents()).isEmpty();
    }

    // ---- lookups ---------------------------------------------------------------------------------------------------

    @Test
    void findsAnOrderByIdAReservedOneBeingHeldUntilItsReservationEnds() {
        dohop.stubFor(get(urlEqualTo("/v1/bookings/" + ORDER)).withHeader("X-Api-Key", equalTo(API_KEY))
                .willReturn(answer(200, "dohop/order-reserved.json")));
        dohop.stubFor(get(urlEqualTo("/v1/bookings/ord_dohop_gone")).willReturn(raw(404,
                "{\"error\":{\"code\":\"ORDER_NOT_FOUND\"}}")));
        dohop.stubFor(get(urlEqualTo("/v1/bookings/ord_dohop_fails")).willReturn(raw(500, "")));

        assertThat(provider.findOrder(ORDER).block()).contains(new ProviderOrder(ORDER, null, REFERENCE, "held",
                Money.of("412.60", "EUR"), Instant.parse("2026-08-20T12:50:00Z")));
        assertThat(provider.findOrder("ord_dohop_gone").block()).isEmpty();
        assertThatThrownBy(() -> provider.findOrder("ord_dohop_fails").block())
                .isInstanceOfSatisfying(DohopApiException.class, e -> assertThat(e.status()).isEqualTo(500));
    }

    @Test
    void findsTheLiveOrderCarryingOurReference() {
        dohop.stubFor(get(urlPathEqualTo("/v1/bookings")).withQueryParam("partner_reference", equalTo(REFERENCE))
                .withHeader("X-Api-Key", equalTo(API_KEY)).willReturn(answer(200, "dohop/orders-by-reference.json")));

        assertThat(provider.findOrderByReference(REFERENCE).block()).contains(new ProviderOrder(ORDER, "DH4K2P",
                REFERENCE, "confirmed", Money.of("431.20", "EUR"), null));

        ObjectNode reversed = json("dohop/orders-by-reference.json");
        ArrayNode orders = (ArrayNode) reversed.get("orders");
        reversed.putArray("orders").add(orders.get(1)).add(orders.get(0));
        dohop.stubFor(get(urlPathEqualTo("/v1/bookings")).willReturn(raw(200, reversed.toString())));
        assertThat(provider.findOrderByReference(REFERENCE).block()).get()
                .extracting(ProviderOrder::providerOrderId).isEqualTo(ORDER);
    }

    @Test
    void anExpiredReservationIsFoundAsCancelledAndNoneIsEmpty() {
        ObjectNode expiredOnly = json("dohop/orders-by-reference.json");
        ((ArrayNode) expiredOnly.get("orders")).remove(0);
        dohop.stubFor(get(urlPathEqualTo("/v1/bookings")).willReturn(raw(200, expiredOnly.toString())));
        assertThat(provider.findOrderByReference(REFERENCE).block()).contains(new ProviderOrder("ord_dohop_2Wm5Td",
                null, REFERENCE, "cancelled", Money.of("412.60", "EUR"), null));

        dohop.stubFor(get(urlPathEqualTo("/v1/bookings")).willReturn(raw(200, "{\"orders\":[]}")));
        assertThat(provider.findOrderByReference(REFERENCE).block()).isEmpty();
    }

    @Test
    void anOrderFoundForAnotherReferenceIsAnError() {
        dohop.stubFor(get(urlPathEqualTo("/v1/bookings")).willReturn(raw(200,
                text("dohop/orders-by-reference.json").replace(REFERENCE, "88888888-8888-8888-8888-888888888888"))));

        assertThatThrownBy(() -> provider.findOrderByReference(REFERENCE).block())
                .isInstanceOfSatisfying(DohopApiException.class, e -> assertThat(e.getMessage())
                        .isEqualTo("Dohop order search failed: an order found carries another partner_reference "
                                + "(request req_dh_3xVb7Q)"));
    }

    // ---- cancellation ----------------------------------------------------------------------------------------------

    @Test
    void cancellationIsQuotedFirst() {
        dohop.stubFor(post(urlEqualTo("/v1/bookings/" + ORDER + "/cancellation-quotes"))
                .willReturn(answer(201, "dohop/cancellation-quote.json")));

        assertThat(provider.quoteCancellation(ORDER).block()).isEqualTo(new CancellationQuote(ORDER, "cq_dh_4Tn8Rw",
                Money.of("0.00", "EUR"), Instant.parse("2026-08-21T09:29:00Z")));
        assertThat(only("/v1/bookings/" + ORDER + "/cancellation-quotes").getHeader("X-Api-Key")).isEqualTo(API_KEY);
    }

    @Test
    void aQuotedRefundOfUnflownTaxesIsExact() {
        dohop.stubFor(post(urlEqualTo("/v1/bookings/" + ORDER + "/cancellation-quotes")).willReturn(raw(201,
                text("dohop/cancellation-quote.json").replace("\"0.00\"", "\"38.40\""))));

        assertThat(provider.quoteCancellation(ORDER).block().refund()).isEqualTo(Money.of("38.40", "EUR"));
    }

    @Test
    void anOrderThatCannotBeCancelledHasNoQuote() {
        dohop.stubFor(post(urlEqualTo("/v1/bookings/" + ORDER + "/cancellation-quotes"))
                .willReturn(answer(409, "dohop/error-not-cancellable.json")));

        assertThatThrownBy(() -> provider.quoteCancellation(ORDER).block())
                .isInstanceOfSatisfying(DohopApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.code()).isEqualTo("NOT_CANCELLABLE");
                });
    }

    @Test
    void confirmingTheQuoteCancelsAndAnswersTheRefund() {
        dohop.stubFor(post(urlEqualTo("/v1/bookings/" + ORDER + "/cancel")).willReturn(answer(200,
                "dohop/order-cancelled.json")));
        CancellationQuote quote = new CancellationQuote(ORDER, "cq_dh_4Tn8Rw", Money.of("0.00", "EUR"),
                Instant.parse("2026-08-21T09:29:00Z"));

        assertThat(provider.confirmCancellation(ORDER, quote, "booking:7777:cancel").block())
                .isEqualTo(new CancellationOutcome.Cancelled(ORDER, Money.of("0.00", "EUR")));
        LoggedRequest request = only("/v1/bookings/" + ORDER + "/cancel");
        assertThat(request.getHeader("Idempotency-Key")).isEqualTo("booking:7777:cancel");
        assertThat(JSON.readTree(request.getBodyAsString())).isEqualTo(json("dohop/cancel-request.json"));
    }

    @Test
    void theRefundIsWhatDohopAnswersNotWhatWasQuoted() {
        dohop.stubFor(post(urlEqualTo("/v1/bookings/" + ORDER + "/cancel")).willReturn(raw(200,
                text("dohop/order-cancelled.json").replace("\"refund\": { \"amount\": \"0.00\"",
                        "\"refund\": { \"amount\": \"38.40\""))));
        CancellationQuote quote = new CancellationQuote(ORDER, "cq_dh_4Tn8Rw", Money.of("0.00", "EUR"), null);

        assertThat(provider.confirmCancellation(ORDER, quote, "k").block())
                .isEqualTo(new CancellationOutcome.Cancelled(ORDER, Money.of("38.40", "EUR")));
    }

    static Stream<Arguments> cancellationAnswers() {
        return Stream.of(
                Arguments.of(409, "dohop/error-not-cancellable.json",
                        new CancellationOutcome.Refused("Dohop answered 409 NOT_CANCELLABLE (request req_dh_3xVb7Q)")),
                Arguments.of(410, "{\"error\":{\"code\":\"QUOTE_EXPIRED\"}}",
                        new CancellationOutcome.Refused("Dohop answered 410 QUOTE_EXPIRED (request req_dh_3xVb7Q)")),
                Arguments.of(202, "dohop/order-confirmed.json",
                        new CancellationOutcome.Unknown("Dohop answered 202 (request req_dh_3xVb7Q)")),
                Arguments.of(502, "", new CancellationOutcome.Unknown("Dohop answered 502 (request req_dh_3xVb7Q)")),
                Arguments.of(200, "{\"order\":{\"id\":\"x\"}}", new CancellationOutcome.Unknown(
                        "Dohop answered 200 with an unreadable cancellation (request req_dh_3xVb7Q)")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cancellationAnswers")
    void eachCancellationAnswerHasItsOutcome(int status, String body, CancellationOutcome expected) {
        dohop.stubFor(post(urlEqualTo("/v1/bookings/" + ORDER + "/cancel")).willReturn(raw(status, body)));
        CancellationQuote quote = new CancellationQuote(ORDER, "cq_dh_4Tn8Rw", Money.of("0.00", "EUR"), null);

        assertThat(provider.confirmCancellation(ORDER, quote, "k").block()).isEqualTo(expected);
        assertThat(dohop.findAll(postRequestedFor(urlEqualTo("/v1/bookings/" + ORDER + "/cancel")))).hasSize(1);
    }

    @Test
    void aCancellationWithoutQuoteIsNeverSentAndOneWithoutAnswerIsUnknown() {
        assertThatThrownBy(() -> provider.confirmCancellation(ORDER, null, "k").block())
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(dohop.getAllServeEvents()).isEmpty();

        dohop.stubFor(post(urlEqualTo("/v1/bookings/" + ORDER + "/cancel")).willReturn(answer(200,
                "dohop/order-cancelled.json").withFixedDelay(3_000)));
        assertThat(provider.confirmCancellation(ORDER, new CancellationQuote(ORDER, "cq_dh_4Tn8Rw",
                Money.of("0.00", "EUR"), null), "k").block()).isInstanceOf(CancellationOutcome.Unknown.class);
    }

    // ---- hygiene ---------------------------------------------------------------------------------------------------

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void neverLogsTheKeyTravellerDataOrBodiesEvenAtDebug(CapturedOutput output) {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level previous = root.getLevel();
        root.setLevel(Level.DEBUG);
        try {
            dohop.stubFor(post(urlEqualTo(RESERVE)).willReturn(answer(201, "dohop/order-reserved.json")));
            dohop.stubFor(post(urlEqualTo(CONFIRM)).willReturn(confirmedAt("412.60")));
            provider.createOrder(order(json("dohop/priced-itinerary.json"))).block();
            dohop.stubFor(post(urlEqualTo(RESERVE)).willReturn(answer(409, "dohop/error-price-changed.json")));
            provider.createOrder(order(json("dohop/priced-itinerary.json"))).block();
        } finally {
            root.setLevel(previous);
        }

        assertThat(output.getAll()).contains("Dohop reservation answered 409 PRICE_CHANGED (request " + REQUEST_ID + ")")
                .doesNotContain(API_KEY).doesNotContain("Jón").doesNotContain("Sigurðsson").doesNotContain("Katrín")
                .doesNotContain("1984-03-02").doesNotContain("A1234567").doesNotContain("FI123456789")
                .doesNotContain("jon.sigurdsson@example.com").doesNotContain("+3545551234")
                .doesNotContain("first_name").doesNotContain("prt_dh_Q8w2Ls7nV4");
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    static DohopFlightProvider providerFor(String baseUrl, Duration timeout) {
        return new DohopFlightProvider(new DohopProperties(baseUrl, API_KEY, Duration.ofSeconds(2), timeout, timeout,
                timeout), WebClient.builder());
    }

    static ObjectNode itinerary() {
        return json("dohop/itinerary.json");
    }

    static ObjectNode itinerary(Consumer<ObjectNode> change) {
        return json("dohop/itinerary.json", change);
    }

    private static ObjectNode flight(ObjectNode itinerary, int leg, int flight) {
        return (ObjectNode) itinerary.get("legs").get(leg).get("flights").get(flight);
    }

    /** The order of {@code dohop/booking-request.json}, as the saga would ask for it. */
    static OrderRequest order(ObjectNode rawOffer) {
        return new OrderRequest(REFERENCE, rawOffer, OrderType.INSTANT,
                List.of(new OrderPassenger("pax_dh_01", "adult", "Mr", "Jón", null, "Sigurðsson",
                                LocalDate.of(1984, 3, 2), "male", "jon.sigurdsson@example.com", "+3545551234",
                                List.of(new OfferPassengerUpdate.TravelDocument("passport", "A1234567", "IS",
                                        LocalDate.of(2030, 3, 14))),
                                List.of(new OfferPassengerUpdate.LoyaltyAccount("FI", "FI123456789"))),
                        new OrderPassenger("pax_dh_02", "child", null, "Katrín", null, "Jónsdóttir",
                                LocalDate.of(2017, 6, 11), "female", null, null,
                                List.of(new OfferPassengerUpdate.TravelDocument("passport", "A7654321", "IS",
                                        LocalDate.of(2029, 6, 30))),
                                List.of())),
                List.of(),
                List.of(),
                new Contact("jon.sigurdsson@example.com", "+3545551234"),
                Money.of("412.60", "EUR"),
                null,
                KEY);
    }

    private static OrderRequest retry(OrderRequest request, String orderId, Money newTotal, String key) {
        return new OrderRequest(request.reference(), request.rawOffer(), request.type(), request.passengers(),
                request.seats(), request.services(), request.contact(), newTotal, orderId, key);
    }

    static ResponseDefinitionBuilder answer(int status, String fixture) {
        return raw(status, text(fixture));
    }

    static ResponseDefinitionBuilder raw(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withHeader("X-Request-Id", REQUEST_ID).withBody(body.endsWith(".json") ? text(body) : body);
    }

    private static ResponseDefinitionBuilder confirmedAt(String total) {
        return raw(200, text("dohop/order-confirmed.json").replace("431.20", total));
    }

    private static LoggedRequest only(String path) {
        List<LoggedRequest> requests = dohop.findAll(postRequestedFor(urlEqualTo(path)));
        assertThat(requests).as("requests to %s", path).hasSize(1);
        return requests.get(0);
    }

    /** The paths Dohop was asked, in the order asked. */
    private static List<String> requestOrder() {
        List<String> paths = new ArrayList<>(dohop.getAllServeEvents().stream()
                .map(ServeEvent::getRequest)
                .map(LoggedRequest::getUrl)
                .toList());
        Collections.reverse(paths); // WireMock lists the latest first
        return paths;
    }
}
