package io.movmo.booking.payments.stripe;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.movmo.booking.payments.stripe.StripeWireMock.API_KEY;
import static io.movmo.booking.payments.stripe.StripeWireMock.REQUEST_ID;
import static io.movmo.booking.payments.stripe.StripeWireMock.form;
import static io.movmo.booking.payments.stripe.StripeWireMock.json;
import static io.movmo.booking.payments.stripe.StripeWireMock.only;
import static io.movmo.booking.payments.stripe.StripeWireMock.properties;
import static io.movmo.booking.payments.stripe.StripeWireMock.server;
import static io.movmo.booking.payments.stripe.StripeWireMock.stub;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.stripe.Stripe;
import io.movmo.booking.payments.gateway.AuthorizeRequest;
import io.movmo.booking.payments.gateway.PaymentGatewayUnavailableException;
import io.movmo.booking.payments.gateway.PaymentIntentState;
import io.movmo.booking.payments.gateway.PaymentOutcome;
import io.movmo.booking.payments.gateway.PaymentOutcome.Authorized;
import io.movmo.booking.payments.gateway.PaymentOutcome.Captured;
import io.movmo.booking.payments.gateway.PaymentOutcome.Declined;
import io.movmo.booking.payments.gateway.PaymentOutcome.Refunded;
import io.movmo.booking.payments.gateway.PaymentOutcome.RequiresAction;
import io.movmo.booking.payments.gateway.PaymentOutcome.Unknown;
import io.movmo.booking.payments.gateway.PaymentOutcome.Voided;
import io.movmo.booking.payments.gateway.PaymentRejectedException;
import io.movmo.booking.payments.gateway.PaymentRejectedException.Reason;
import io.movmo.booking.shared.Money;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.core.publisher.Mono;

/**
 * The Stripe adapter against WireMock speaking Stripe's API: the form bodies and headers stripe-java sends for each
 * operation, and what Stripe's answers (bodies as Stripe sends them, API version 2026-07-29.dahlia) turn into.
 */
class StripePaymentGatewayTest {

    @RegisterExtension
    static WireMockExtension stripe = server();

    private static final String PI = "pi_3QxWbZ2eZvKYlo2C1aB2cD3e";
    private static final String CHARGE = "ch_3QxWbZ2eZvKYlo2C1fG4hI5j";
    private static final String CUSTOMER = "cus_RrT5uV6wX7yZ8a";
    private static final String PAYMENT_METHOD = "pm_1QxWbY2eZvKYlo2CkLmNoPqR";
    private static final String BOOKING = "7b0b8a43-5d0e-4c39-9d2a-0c5e4f1b9a11";
    private static final String KEY = "booking:" + BOOKING + ":authorize:1";
    private static final long CREATED = 1_785_312_000L; // 2026-07-29T08:00:00Z
    private static final long CAPTURE_BEFORE = 1_785_722_400L; // 4 days 18 hours later

    private StripePaymentGateway gateway;

    @BeforeEach
    void gateway() {
        // No retries: these tests are about what one Stripe answer turns into. Retries have their own test below.
        gateway = new StripePaymentGateway(properties(stripe, Duration.ofSeconds(5), 0));
    }

    // ---- authorize -------------------------------------------------------------------------------------------------

    @Test
    void authorizeConfirmsAManualCaptureIntentOffSessionAndAnswersAuthorizedUntilTheCardsCaptureBefore() {
        stub(stripe, post("/v1/payment_intents"), json(200, intent("requires_capture", 1234, "usd", 1234, 0,
                charge(1234, "usd", CAPTURE_BEFORE))));

        PaymentOutcome outcome = gateway.authorize(offSession(Money.of("12.34", "USD"))).block();

        assertThat(outcome).isEqualTo(new Authorized(PI, Money.of("12.34", "USD"),
                Instant.ofEpochSecond(CAPTURE_BEFORE)));
        LoggedRequest request = only(stripe, postRequestedFor(urlEqualTo("/v1/payment_intents")));
        assertThat(form(request)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "amount", "1234",
                "currency", "usd",
                "capture_method", "manual",
                "confirm", "true",
                "off_session", "true",
                "customer", CUSTOMER,
                "payment_method", PAYMENT_METHOD,
                "payment_method_types[0]", "card",
                "metadata[booking_id]", BOOKING,
                "expand[0]", "latest_charge"));
        assertThat(request.getHeader("Idempotency-Key")).isEqualTo(KEY);
        assertThat(request.getHeader("Stripe-Version")).isEqualTo(Stripe.API_VERSION);
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + API_KEY);
        assertThat(request.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
    }

    @Test
    void theSdkPinsTheApiVersionTheArchitectureNames() {
        assertThat(Stripe.API_VERSION).isEqualTo("2026-07-29.dahlia");
    }

    @ParameterizedTest
    @CsvSource({
            "12.34, USD, 1234, usd",
            "1234, JPY, 1234, jpy",
            "0.50, EUR, 50, eur",
            "5000, ISK, 500000, isk",
            "12.34, HUF, 1234, huf",
            "5.120, KWD, 5120, kwd",
            "25000, UGX, 25000, ugx"})
    void amountsGoInStripesMinorUnitsByCurrencyAndComeBackAsTheSameMoney(String amount, String currency,
            long stripeAmount, String stripeCurrency) {
        stub(stripe, post("/v1/payment_intents"), json(200, intent("requires_capture", stripeAmount, stripeCurrency,
                stripeAmount, 0, charge(stripeAmount, stripeCurrency, CAPTURE_BEFORE))));
        Money money = Money.of(amount, currency);

        PaymentOutcome outcome = gateway.authorize(offSession(money)).block();

        assertThat(outcome).isInstanceOf(Authorized.class);
        assertThat(((Authorized) outcome).amount()).isEqualTo(money);
        Map<String, String> form = form(only(stripe, postRequestedFor(urlEqualTo("/v1/payment_intents"))));
        assertThat(form).containsEntry("amount", Long.toString(stripeAmount)).containsEntry("currency", stripeCurrency);
    }

    @ParameterizedTest
    @CsvSource({"5.124, KWD", "1.50, MGA"})
    void anAmountStripeCannotChargeIsRejectedBeforeAnythingIsSent(String amount, String currency) {
        assertThatThrownBy(() -> gateway.authorize(offSession(Money.of(amount, currency))).block())
                .isInstanceOfSatisfying(PaymentRejectedException.class, e ->
                        assertThat(e.reason()).isEqualTo(Reason.AMOUNT_NOT_ALLOWED));
        assertThat(stripe.getAllServeEvents()).isEmpty();
    }

    @Test
    void anOnSessionAuthorizationWithoutCustomerSendsNeitherAndFallsBackToSevenDaysAfterCreation() {
        stub(stripe, post("/v1/payment_intents"), json(200, intent("requires_capture", 1234, "jpy", 1234, 0,
                charge(1234, "jpy", null)).replace("\"customer\": \"" + CUSTOMER + "\"", "\"customer\": null")));

        PaymentOutcome outcome = gateway.authorize(new AuthorizeRequest(Money.of("1234", "JPY"), null, PAYMENT_METHOD,
                false, KEY, null)).block();

        assertThat(outcome).isEqualTo(new Authorized(PI, Money.of("1234", "JPY"),
                Instant.ofEpochSecond(CREATED).plus(Duration.ofDays(7))));
        assertThat(form(only(stripe, postRequestedFor(urlEqualTo("/v1/payment_intents")))))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "amount", "1234",
                        "currency", "jpy",
                        "capture_method", "manual",
                        "confirm", "true",
                        "payment_method", PAYMENT_METHOD,
                        "payment_method_types[0]", "card",
                        "expand[0]", "latest_charge"));
    }

    @Test
    void anIntentThatNeedsTheCustomerToAuthenticateIsRequiresAction() {
        stub(stripe, post("/v1/payment_intents"), json(200, intent("requires_action", 1234, "usd", 0, 0, "null")
                .replace("\"next_action\": null", """
                        "next_action": {"type": "use_stripe_sdk", "use_stripe_sdk": {"type": "three_d_secure_redirect",
                          "stripe_js": "https://hooks.stripe.com/redirect/authenticate/src_1QxWbZ2eZvKYlo2C"}}""")));

        assertThat(gateway.authorize(offSession(Money.of("12.34", "USD"))).block()).isEqualTo(new RequiresAction(PI));
    }

    @ParameterizedTest
    @CsvSource({"card_declined, insufficient_funds", "authentication_required, authentication_required",
            "expired_card, "})
    void aCardErrorIsDeclinedWithStripesCodeDeclineCodeAndTheIntentItCreated(String code, String declineCode) {
        stub(stripe, post("/v1/payment_intents"), json(402, cardError(code, declineCode)));

        PaymentOutcome outcome = gateway.authorize(offSession(Money.of("12.34", "USD"))).block();

        assertThat(outcome).isEqualTo(new Declined(PI, code, declineCode));
    }

    @Test
    void reusingAnIdempotencyKeyForAnotherRequestIsADistinguishableRejection() {
        stub(stripe, post("/v1/payment_intents"), json(400, """
                {"error": {"message": "Keys for idempotent requests can only be used with the same parameters they \
                were first used with. Try using a key other than '%s' if you meant to execute a different request.",
                "request_log_url": "https://dashboard.stripe.com/test/logs/%s?t=1785312000",
                "type": "idempotency_error"}}""".formatted(KEY, REQUEST_ID)));

        assertThatThrownBy(() -> gateway.authorize(offSession(Money.of("12.34", "USD"))).block())
                .isInstanceOfSatisfying(PaymentRejectedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.IDEMPOTENCY_KEY_REUSED);
                    assertThat(e.isIdempotencyConflict()).isTrue();
                    assertThat(e.code()).isNull();
                })
                .hasMessage("Stripe refused authorize: HTTP 400, request id " + REQUEST_ID)
                .hasNoCause();
    }

    @Test
    void aRateLimitIsUnknownNotAFailure() {
        stub(stripe, post("/v1/payment_intents"), json(429, """
                {"error": {"code": "rate_limit", "doc_url": "https://stripe.com/docs/error-codes/rate-limit",
                "message": "Request rate limit exceeded. Learn more about rate limits here \
                https://stripe.com/docs/rate-limits.",
                "type": "invalid_request_error"}}"""));

        assertThat(gateway.authorize(offSession(Money.of("12.34", "USD"))).block()).isEqualTo(new Unknown(
                "Stripe authorize got no definite answer: rate limited, HTTP 429, rate_limit, request id "
                        + REQUEST_ID));
    }

    @Test
    void aServerErrorIsUnknown() {
        stub(stripe, post("/v1/payment_intents"), json(500, """
                {"error": {"message": "An unknown error occurred", "request_log_url":
                "https://dashboard.stripe.com/test/logs/%s?t=1785312000", "type": "api_error"}}"""
                .formatted(REQUEST_ID)));

        assertThat(gateway.authorize(offSession(Money.of("12.34", "USD"))).block()).isEqualTo(new Unknown(
                "Stripe authorize got no definite answer: HTTP 500, request id " + REQUEST_ID));
    }

    @Test
    void aConflictWithARequestInFlightIsUnknown() {
        stub(stripe, post("/v1/payment_intents"), json(409, """
                {"error": {"code": "lock_timeout", "doc_url": "https://stripe.com/docs/error-codes/lock-timeout",
                "message": "This object cannot be accessed right now because another API request or Stripe process is \
                currently accessing it.", "type": "invalid_request_error"}}"""));

        assertThat(gateway.authorize(offSession(Money.of("12.34", "USD"))).block())
                .isEqualTo(new Unknown("Stripe authorize got no definite answer: HTTP 409, lock_timeout, request id "
                        + REQUEST_ID));
    }

    @Test
    void aConnectionResetIsUnknown() {
        stub(stripe, post("/v1/payment_intents"), aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        assertThat(gateway.authorize(offSession(Money.of("12.34", "USD"))).block())
                .isEqualTo(new Unknown("Stripe authorize got no definite answer: no answer (SocketException)"));
    }

    @Test
    void anAnswerSlowerThanTheReadTimeoutIsUnknown() {
        StripePaymentGateway impatient = new StripePaymentGateway(properties(stripe, Duration.ofMillis(300), 0));
        stub(stripe, post("/v1/payment_intents"), json(200, intent("requires_capture", 1234, "usd", 1234, 0, "null"))
                .withFixedDelay(1_500));

        assertThat(impatient.authorize(offSession(Money.of("12.34", "USD"))).block())
                .isEqualTo(new Unknown("Stripe authorize got no definite answer: no answer (SocketTimeoutException)"));
    }

    @Test
    void aGarbledSuccessIsUnknown() {
        stub(stripe, post("/v1/payment_intents"), aResponse().withStatus(200).withHeader("Request-Id", REQUEST_ID)
                .withHeader("Content-Type", "application/json").withBody("<html>502 Bad Gateway</html>"));

        assertThat(gateway.authorize(offSession(Money.of("12.34", "USD"))).block())
                .isInstanceOf(Unknown.class);
    }

    @Test
    void aRefusedApiKeyIsNotPermittedAndNothingRepeatsIt() {
        stub(stripe, post("/v1/payment_intents"), json(401, """
                {"error": {"message": "Invalid API Key provided: sk_test_********************************0000",
                "type": "invalid_request_error"}}"""));

        assertThatThrownBy(() -> gateway.authorize(offSession(Money.of("12.34", "USD"))).block())
                .isInstanceOfSatisfying(PaymentRejectedException.class, e ->
                        assertThat(e.reason()).isEqualTo(Reason.NOT_PERMITTED))
                .hasMessage("Stripe refused authorize: HTTP 401, request id " + REQUEST_ID)
                .hasNoCause();
    }

    @Test
    void retriesAfterAServerErrorCarryTheCallersIdempotencyKey() {
        StripePaymentGateway retrying = new StripePaymentGateway(properties(stripe, Duration.ofSeconds(5), 1));
        stripe.stubFor(post("/v1/payment_intents").inScenario("retry").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(500, """
                        {"error": {"message": "An unknown error occurred", "type": "api_error"}}"""))
                .willSetStateTo("recovered"));
        stripe.stubFor(post("/v1/payment_intents").inScenario("retry").whenScenarioStateIs("recovered")
                .willReturn(json(200, intent("requires_capture", 1234, "usd", 1234, 0,
                        charge(1234, "usd", CAPTURE_BEFORE)))));

        assertThat(retrying.authorize(offSession(Money.of("12.34", "USD"))).block()).isInstanceOf(Authorized.class);
        List<LoggedRequest> attempts = stripe.findAll(postRequestedFor(urlEqualTo("/v1/payment_intents")));
        assertThat(attempts).hasSize(2).allSatisfy(r -> assertThat(r.getHeader("Idempotency-Key")).isEqualTo(KEY));
    }

    @Test
    void nothingIsSentBeforeSubscriptionAndStripeIsCalledOnTheBoundedElasticScheduler() {
        stub(stripe, post("/v1/payment_intents"), json(200, intent("requires_capture", 1234, "usd", 1234, 0,
                charge(1234, "usd", CAPTURE_BEFORE))));

        Mono<PaymentOutcome> authorization = gateway.authorize(offSession(Money.of("12.34", "USD")));
        assertThat(stripe.getAllServeEvents()).isEmpty();

        String thread = authorization.map(outcome -> Thread.currentThread().getName()).block();
        assertThat(thread).startsWith("boundedElastic-");
    }

    // ---- capture ---------------------------------------------------------------------------------------------------

    @Test
    void captureChecksTheIntentsCurrencyThenCapturesTheAmountUnderTheCallersKey() {
        stub(stripe, get(urlPathEqualTo("/v1/payment_intents/" + PI)),
                json(200, intent("requires_capture", 1234, "usd", 1234, 0, charge(1234, "usd", CAPTURE_BEFORE))));
        stub(stripe, post("/v1/payment_intents/" + PI + "/capture"), json(200, intent("succeeded", 1234, "usd", 0, 1000,
                "\"" + CHARGE + "\"")));

        PaymentOutcome outcome = gateway.capture(PI, Money.of("10.00", "USD"), "booking:" + BOOKING + ":capture")
                .block();

        assertThat(outcome).isEqualTo(new Captured(PI, Money.of("10.00", "USD")));
        LoggedRequest capture = only(stripe, postRequestedFor(urlEqualTo("/v1/payment_intents/" + PI + "/capture")));
        assertThat(form(capture)).containsExactlyInAnyOrderEntriesOf(Map.of("amount_to_capture", "1000"));
        assertThat(capture.getHeader("Idempotency-Key")).isEqualTo("booking:" + BOOKING + ":capture");
        assertThat(capture.getHeader("Stripe-Version")).isEqualTo(Stripe.API_VERSION);
    }

    @Test
    void capturingMoreThanIsAuthorizedIsRejected() {
        stub(stripe, get(urlPathEqualTo("/v1/payment_intents/" + PI)),
                json(200, intent("requires_capture", 1234, "usd", 1234, 0, "null")));
        stub(stripe, post("/v1/payment_intents/" + PI + "/capture"), json(400, invalidRequest("amount_too_large",
                "amount_to_capture", "Amount to capture must be less than or equal to the original amount.")));

        assertThatThrownBy(() -> gateway.capture(PI, Money.of("12.35", "USD"), "booking:" + BOOKING + ":capture")
                .block())
                .isInstanceOfSatisfying(PaymentRejectedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.AMOUNT_NOT_ALLOWED);
                    assertThat(e.code()).isEqualTo("amount_too_large");
                    assertThat(e.isIdempotencyConflict()).isFalse();
                })
                .hasMessage("Stripe refused capture: HTTP 400, amount_too_large, request id " + REQUEST_ID);
        assertThat(form(only(stripe, postRequestedFor(urlEqualTo("/v1/payment_intents/" + PI + "/capture")))))
                .containsEntry("amount_to_capture", "1235");
    }

    @Test
    void capturingInAnotherCurrencyIsRejectedBeforeTheCaptureIsSent() {
        stub(stripe, get(urlPathEqualTo("/v1/payment_intents/" + PI)),
                json(200, intent("requires_capture", 1234, "usd", 1234, 0, "null")));

        assertThatThrownBy(() -> gateway.capture(PI, Money.of("1234", "JPY"), "booking:" + BOOKING + ":capture")
                .block())
                .isInstanceOfSatisfying(PaymentRejectedException.class, e ->
                        assertThat(e.reason()).isEqualTo(Reason.AMOUNT_NOT_ALLOWED))
                .hasMessageContaining("is in usd, not JPY");
        stripe.verify(0, postRequestedFor(urlPathEqualTo("/v1/payment_intents/" + PI + "/capture")));
    }

    @Test
    void capturingALapsedAuthorizationIsRejectedAsExpired() {
        stub(stripe, get(urlPathEqualTo("/v1/payment_intents/" + PI)),
                json(200, intent("requires_capture", 1234, "usd", 1234, 0, "null")));
        stub(stripe, post("/v1/payment_intents/" + PI + "/capture"),
                json(400, invalidRequest("charge_expired_for_capture", null, "This charge has expired for capture.")));

        assertThatThrownBy(() -> gateway.capture(PI, Money.of("12.34", "USD"), "k").block())
                .isInstanceOfSatisfying(PaymentRejectedException.class, e ->
                        assertThat(e.reason()).isEqualTo(Reason.AUTHORIZATION_EXPIRED));
    }

    @Test
    void aCaptureWithoutAnswerIsUnknown() {
        stub(stripe, get(urlPathEqualTo("/v1/payment_intents/" + PI)),
                json(200, intent("requires_capture", 1234, "usd", 1234, 0, "null")));
        stub(stripe, post("/v1/payment_intents/" + PI + "/capture"),
                aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        assertThat(gateway.capture(PI, Money.of("12.34", "USD"), "k").block())
                .isEqualTo(new Unknown("Stripe capture got no definite answer: no answer (SocketException)"));
    }

    // ---- void ------------------------------------------------------------------------------------------------------

    @Test
    void voidCancelsTheIntentUnderTheCallersKey() {
        stub(stripe, post("/v1/payment_intents/" + PI + "/cancel"), json(200, intent("canceled", 1234, "usd", 0, 0,
                "\"" + CHARGE + "\"").replace("\"canceled_at\": null", "\"canceled_at\": 1785315600")));

        assertThat(gateway.voidAuthorization(PI, "booking:" + BOOKING + ":void").block()).isEqualTo(new Voided(PI));
        LoggedRequest cancel = only(stripe, postRequestedFor(urlEqualTo("/v1/payment_intents/" + PI + "/cancel")));
        assertThat(form(cancel)).isEmpty();
        assertThat(cancel.getHeader("Idempotency-Key")).isEqualTo("booking:" + BOOKING + ":void");
        assertThat(cancel.getHeader("Authorization")).isEqualTo("Bearer " + API_KEY);
    }

    @Test
    void voidingAnIntentAlreadyCanceledIsVoidedSoTheCompensationCanBeRepeated() {
        stub(stripe, post("/v1/payment_intents/" + PI + "/cancel"), json(400, unexpectedState("canceled")));

        assertThat(gateway.voidAuthorization(PI, "k").block()).isEqualTo(new Voided(PI));
    }

    @Test
    void voidingACapturedIntentIsRejectedAsUnexpectedState() {
        stub(stripe, post("/v1/payment_intents/" + PI + "/cancel"), json(400, unexpectedState("succeeded")));

        assertThatThrownBy(() -> gateway.voidAuthorization(PI, "k").block())
                .isInstanceOfSatisfying(PaymentRejectedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.UNEXPECTED_STATE);
                    assertThat(e.code()).isEqualTo("payment_intent_unexpected_state");
                });
    }

    @Test
    void aVoidAnsweredWithAServerErrorIsUnknown() {
        stub(stripe, post("/v1/payment_intents/" + PI + "/cancel"), json(503, """
                {"error": {"message": "Stripe is temporarily unavailable", "type": "api_error"}}"""));

        assertThat(gateway.voidAuthorization(PI, "k").block()).isEqualTo(new Unknown(
                "Stripe void got no definite answer: HTTP 503, request id " + REQUEST_ID));
    }

    // ---- refund ----------------------------------------------------------------------------------------------------

    @Test
    void aFullRefundNamesOnlyThePaymentIntent() {
        stub(stripe, post("/v1/refunds"), json(200, refund("re_3QxWbZ2eZvKYlo2C0rEf1234", 1234, "usd", "succeeded")));

        PaymentOutcome outcome = gateway.refund(PI, null, "booking:" + BOOKING + ":refund:1").block();

        assertThat(outcome).isEqualTo(new Refunded(PI, "re_3QxWbZ2eZvKYlo2C0rEf1234", Money.of("12.34", "USD")));
        LoggedRequest refund = only(stripe, postRequestedFor(urlEqualTo("/v1/refunds")));
        assertThat(form(refund)).containsExactlyInAnyOrderEntriesOf(Map.of("payment_intent", PI));
        assertThat(refund.getHeader("Idempotency-Key")).isEqualTo("booking:" + BOOKING + ":refund:1");
        stripe.verify(0, getRequestedFor(urlPathEqualTo("/v1/payment_intents/" + PI)));
    }

    @Test
    void aPartialRefundSendsTheAmountInMinorUnitsAfterCheckingTheCurrency() {
        stub(stripe, get(urlPathEqualTo("/v1/payment_intents/" + PI)),
                json(200, intent("succeeded", 1234, "usd", 0, 1234, "\"" + CHARGE + "\"")));
        stub(stripe, post("/v1/refunds"), json(200, refund("re_3QxWbZ2eZvKYlo2C0rEf5678", 500, "usd", "pending")));

        PaymentOutcome outcome = gateway.refund(PI, Money.of("5", "USD"), "booking:" + BOOKING + ":refund:2").block();

        assertThat(outcome).isEqualTo(new Refunded(PI, "re_3QxWbZ2eZvKYlo2C0rEf5678", Money.of("5.00", "USD")));
        assertThat(form(only(stripe, postRequestedFor(urlEqualTo("/v1/refunds")))))
                .containsExactlyInAnyOrderEntriesOf(Map.of("payment_intent", PI, "amount", "500"));
    }

    @Test
    void aRefundTheNetworkFailedIsDeclinedWithStripesFailureReason() {
        stub(stripe, post("/v1/refunds"), json(200, refund("re_3QxWbZ2eZvKYlo2C0rEf9999", 1234, "usd", "failed")
                .replace("\"failure_reason\": null", "\"failure_reason\": \"expired_or_canceled_card\"")));

        assertThat(gateway.refund(PI, null, "k").block())
                .isEqualTo(new Declined(PI, "refund_failed", "expired_or_canceled_card"));
    }

    @Test
    void refundingMoreThanIsLeftIsRejected() {
        stub(stripe, get(urlPathEqualTo("/v1/payment_intents/" + PI)),
                json(200, intent("succeeded", 1234, "usd", 0, 1234, "\"" + CHARGE + "\"")));
        stub(stripe, post("/v1/refunds"), json(400, invalidRequest("amount_too_large", "amount",
                "Refund amount ($20.00) is greater than unrefunded amount on charge ($12.34)")));

        assertThatThrownBy(() -> gateway.refund(PI, Money.of("20", "USD"), "k").block())
                .isInstanceOfSatisfying(PaymentRejectedException.class, e ->
                        assertThat(e.reason()).isEqualTo(Reason.AMOUNT_NOT_ALLOWED))
                .hasMessageNotContaining("$");
    }

    // ---- retrieve --------------------------------------------------------------------------------------------------

    @Test
    void retrieveReadsTheIntentWithItsLatestChargeExpanded() {
        stub(stripe, get(urlPathEqualTo("/v1/payment_intents/" + PI)),
                json(200, intent("requires_capture", 1234, "usd", 1234, 0, charge(1234, "usd", CAPTURE_BEFORE))));

        PaymentIntentState state = gateway.retrieve(PI).block();

        assertThat(state).isEqualTo(new PaymentIntentState(PI, "requires_capture", Money.of("12.34", "USD"),
                Money.of("12.34", "USD"), Money.of("0", "USD"), Instant.ofEpochSecond(CAPTURE_BEFORE)));
        assertThat(state.isAuthorized()).isTrue();
        LoggedRequest read = only(stripe, getRequestedFor(urlPathEqualTo("/v1/payment_intents/" + PI)));
        assertThat(read.queryParameter("expand[0]").firstValue()).isEqualTo("latest_charge");
        assertThat(read.getHeader("Stripe-Version")).isEqualTo(Stripe.API_VERSION);
        assertThat(read.getHeader("Authorization")).isEqualTo("Bearer " + API_KEY);
        assertThat(read.containsHeader("Idempotency-Key")).isFalse();
    }

    @Test
    void aCapturedIntentHasNoCaptureDeadline() {
        stub(stripe, get(urlPathEqualTo("/v1/payment_intents/" + PI)),
                json(200, intent("succeeded", 1234, "usd", 0, 1000, "\"" + CHARGE + "\"")));

        assertThat(gateway.retrieve(PI).block()).isEqualTo(new PaymentIntentState(PI, "succeeded",
                Money.of("12.34", "USD"), Money.of("0", "USD"), Money.of("10", "USD"), null));
    }

    @Test
    void retrievingAnUnknownIntentIsNotFound() {
        stub(stripe, get(urlPathEqualTo("/v1/payment_intents/" + PI)),
                json(404, invalidRequest("resource_missing", "intent", "No such payment_intent: '" + PI + "'")));

        assertThatThrownBy(() -> gateway.retrieve(PI).block())
                .isInstanceOfSatisfying(PaymentRejectedException.class, e ->
                        assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND))
                .hasMessage("Stripe refused retrieve: HTTP 404, resource_missing, request id " + REQUEST_ID);
    }

    @Test
    void aRetrieveWithoutAnswerIsUnavailable() {
        stub(stripe, get(urlPathEqualTo("/v1/payment_intents/" + PI)), json(500, """
                {"error": {"message": "An unknown error occurred", "type": "api_error"}}"""));

        assertThatThrownBy(() -> gateway.retrieve(PI).block())
                .isInstanceOf(PaymentGatewayUnavailableException.class)
                .hasMessage("Stripe retrieve got no definite answer: HTTP 500, request id " + REQUEST_ID);
    }

    // ---- arguments and secrets -----------------------------------------------------------------------------------

    @Test
    void malformedArgumentsAreErrorsOfTheMonoAndNothingIsSent() {
        assertThatThrownBy(() -> gateway.capture(" ", Money.of("1", "USD"), "k").block())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> gateway.voidAuthorization(PI, " ").block())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> gateway.refund(PI, null, "x".repeat(256)).block())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AuthorizeRequest(Money.of("0", "USD"), CUSTOMER, PAYMENT_METHOD, true, KEY, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(stripe.getAllServeEvents()).isEmpty();
    }

    @Test
    void noOutcomeOrRejectionRepeatsStripesTextTheKeyOrCardDetails() {
        List<Supplier<String>> failures = List.of(
                () -> {
                    stub(stripe, post("/v1/payment_intents"),
                            json(402, cardError("card_declined", "insufficient_funds")));
                    return gateway.authorize(offSession(Money.of("12.34", "USD"))).block().toString();
                },
                () -> {
                    stub(stripe, post("/v1/payment_intents"), json(500, cardError("card_declined", "do_not_honor")
                            .replace("card_error", "api_error")));
                    return gateway.authorize(offSession(Money.of("12.34", "USD"))).block().toString();
                },
                () -> {
                    stub(stripe, post("/v1/payment_intents"), json(400, cardError("parameter_invalid_integer", null)
                            .replace("card_error", "invalid_request_error")));
                    try {
                        gateway.authorize(offSession(Money.of("12.34", "USD"))).block();
                        return "no rejection";
                    } catch (PaymentRejectedException e) {
                        return e + " " + e.getCause();
                    }
                });

        for (Supplier<String> failure : failures) {
            assertThat(failure.get()).doesNotContain("4242", "Your card", API_KEY, "sk_test", "_secret_",
                    "hooks.stripe.com");
        }
    }

    // ---- Stripe's shapes -----------------------------------------------------------------------------------------

    private static AuthorizeRequest offSession(Money amount) {
        return new AuthorizeRequest(amount, CUSTOMER, PAYMENT_METHOD, true, KEY, Map.of("booking_id", BOOKING));
    }

    /** A PaymentIntent as Stripe answers it; {@code latestCharge} is JSON: null, an id, or an expanded charge. */
    private static String intent(String status, long amount, String currency, long capturable, long received,
            String latestCharge) {
        return """
                {
                  "id": "%1$s",
                  "object": "payment_intent",
                  "amount": %3$d,
                  "amount_capturable": %5$d,
                  "amount_details": {"tip": {}},
                  "amount_received": %6$d,
                  "application": null,
                  "application_fee_amount": null,
                  "automatic_payment_methods": null,
                  "canceled_at": null,
                  "cancellation_reason": null,
                  "capture_method": "manual",
                  "client_secret": "%1$s_secret_Zq4Jt9Xw2LmNbVcR",
                  "confirmation_method": "automatic",
                  "created": %8$d,
                  "currency": "%4$s",
                  "customer": "%9$s",
                  "description": null,
                  "excluded_payment_method_types": null,
                  "last_payment_error": null,
                  "latest_charge": %7$s,
                  "livemode": false,
                  "metadata": {"booking_id": "%10$s"},
                  "next_action": null,
                  "on_behalf_of": null,
                  "payment_method": "%11$s",
                  "payment_method_configuration_details": null,
                  "payment_method_options": {"card": {"installments": null, "mandate_options": null,
                    "network": null, "request_three_d_secure": "automatic"}},
                  "payment_method_types": ["card"],
                  "processing": null,
                  "receipt_email": null,
                  "review": null,
                  "setup_future_usage": null,
                  "shipping": null,
                  "source": null,
                  "statement_descriptor": null,
                  "statement_descriptor_suffix": null,
                  "status": "%2$s",
                  "transfer_data": null,
                  "transfer_group": null
                }""".formatted(PI, status, amount, currency, capturable, received, latestCharge, CREATED, CUSTOMER,
                BOOKING, PAYMENT_METHOD);
    }

    /** An uncaptured card charge; {@code captureBefore} null leaves {@code capture_before} out, as older charges do. */
    private static String charge(long amount, String currency, Long captureBefore) {
        return """
                {
                  "id": "%1$s",
                  "object": "charge",
                  "amount": %2$d,
                  "amount_captured": 0,
                  "amount_refunded": 0,
                  "balance_transaction": null,
                  "captured": false,
                  "created": %4$d,
                  "currency": "%3$s",
                  "customer": "%5$s",
                  "disputed": false,
                  "livemode": false,
                  "metadata": {},
                  "outcome": {"advice_code": null, "network_advice_code": null, "network_decline_code": null,
                    "network_status": "approved_by_network", "reason": null, "risk_level": "normal",
                    "risk_score": 32, "seller_message": "Payment complete.", "type": "authorized"},
                  "paid": true,
                  "payment_intent": "%6$s",
                  "payment_method": "%7$s",
                  "payment_method_details": {
                    "card": {
                      "amount_authorized": %2$d,
                      "authorization_code": "831000",
                      "brand": "visa",
                      %8$s
                      "checks": {"address_line1_check": null, "address_postal_code_check": null, "cvc_check": null},
                      "country": "US",
                      "exp_month": 8,
                      "exp_year": 2030,
                      "extended_authorization": {"status": "disabled"},
                      "fingerprint": "Xt5EWLLDS7FJjR1c",
                      "funding": "credit",
                      "incremental_authorization": {"status": "unavailable"},
                      "installments": null,
                      "last4": "4242",
                      "mandate": null,
                      "multicapture": {"status": "unavailable"},
                      "network": "visa",
                      "network_token": {"used": false},
                      "overcapture": {"maximum_amount_capturable": %2$d, "status": "unavailable"},
                      "three_d_secure": null,
                      "wallet": null
                    },
                    "type": "card"
                  },
                  "refunded": false,
                  "status": "succeeded"
                }""".formatted(CHARGE, amount, currency, CREATED, CUSTOMER, PI, PAYMENT_METHOD,
                captureBefore == null ? "" : "\"capture_before\": " + captureBefore + ",");
    }

    /** Stripe's 402 for a declined confirmation: the intent is back in {@code requires_payment_method}. */
    private static String cardError(String code, String declineCode) {
        String decline = declineCode == null ? "" : "\"decline_code\": \"" + declineCode + "\",";
        String intent = intent("requires_payment_method", 1234, "usd", 0, 0, "\"" + CHARGE + "\"")
                .replace("\"last_payment_error\": null", """
                        "last_payment_error": {"charge": "%s", "code": "%s", %s "message": "Your card was declined.",
                          "type": "card_error"}""".formatted(CHARGE, code, decline));
        return """
                {
                  "error": {
                    "charge": "%1$s",
                    "code": "%2$s",
                    %3$s
                    "doc_url": "https://stripe.com/docs/error-codes/%2$s",
                    "message": "Your card has insufficient funds.",
                    "payment_intent": %4$s,
                    "payment_method": {"id": "%5$s", "object": "payment_method", "type": "card",
                      "card": {"brand": "visa", "country": "US", "exp_month": 8, "exp_year": 2030, "funding": "credit",
                        "last4": "4242"}},
                    "request_log_url": "https://dashboard.stripe.com/test/logs/%6$s?t=1785312000",
                    "type": "card_error"
                  }
                }""".formatted(CHARGE, code, decline, intent, PAYMENT_METHOD, REQUEST_ID);
    }

    private static String invalidRequest(String code, String param, String message) {
        return """
                {"error": {"code": "%s", "doc_url": "https://stripe.com/docs/error-codes/%s", "message": "%s",%s
                "request_log_url": "https://dashboard.stripe.com/test/logs/%s?t=1785312000",
                "type": "invalid_request_error"}}""".formatted(code, code.replace('_', '-'), message,
                param == null ? "" : " \"param\": \"" + param + "\",", REQUEST_ID);
    }

    /** Stripe's refusal to cancel an intent in {@code status}, with the intent as it is. */
    private static String unexpectedState(String status) {
        return """
                {"error": {"code": "payment_intent_unexpected_state",
                "doc_url": "https://stripe.com/docs/error-codes/payment-intent-unexpected-state",
                "message": "You cannot cancel this PaymentIntent because it has a status of %s. Only a PaymentIntent \
                with one of the following statuses may be canceled: requires_payment_method, requires_capture, \
                requires_confirmation, requires_action, processing.",
                "payment_intent": %s,
                "request_log_url": "https://dashboard.stripe.com/test/logs/%s?t=1785312000",
                "type": "invalid_request_error"}}""".formatted(status, intent(status, 1234, "usd", 0,
                "succeeded".equals(status) ? 1234 : 0, "\"" + CHARGE + "\""), REQUEST_ID);
    }

    private static String refund(String id, long amount, String currency, String status) {
        return """
                {
                  "id": "%s",
                  "object": "refund",
                  "amount": %d,
                  "balance_transaction": "txn_3QxWbZ2eZvKYlo2C0tXn1234",
                  "charge": "%s",
                  "created": 1785398400,
                  "currency": "%s",
                  "destination_details": {"card": {"reference_status": "pending",
                    "reference_type": "acquirer_reference_number", "type": "refund"}, "type": "card"},
                  "failure_reason": null,
                  "metadata": {},
                  "payment_intent": "%s",
                  "reason": null,
                  "receipt_number": null,
                  "source_transfer_reversal": null,
                  "status": "%s",
                  "transfer_reversal": null
                }""".formatted(id, amount, CHARGE, currency, PI, status);
    }
}
