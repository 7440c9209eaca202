package io.movmo.booking.payments.stripe;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
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

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.stripe.Stripe;
import io.movmo.booking.payments.methods.PaymentMethodRejectedException;
import io.movmo.booking.payments.methods.PaymentProviderUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;

/**
 * The Stripe payment-method registry against WireMock speaking Stripe's API: the paths, form bodies and headers
 * stripe-java sends for each operation, and what Stripe's answers (bodies as Stripe sends them, API version
 * 2026-07-29.dahlia) turn into.
 */
class StripePaymentMethodRegistryTest {

    @RegisterExtension
    static WireMockExtension stripe = server();

    private static final String CUSTOMER = "cus_RrT5uV6wX7yZ8a";
    private static final String OTHER_CUSTOMER = "cus_Qa1Bc2De3Fg4Hi";
    private static final String PM = "pm_1QxWbY2eZvKYlo2CkLmNoPqR";
    private static final String ATTACH_KEY = "payment_method:" + PM + ":attach:" + CUSTOMER;
    private static final long CREATED = 1_785_312_000L; // 2026-07-29T08:00:00Z

    private static final String PM_PATH = "/v1/payment_methods/" + PM;
    private static final String ATTACH_PATH = PM_PATH + "/attach";
    private static final String DETACH_PATH = PM_PATH + "/detach";
    private static final String CUSTOMER_PATH = "/v1/customers/" + CUSTOMER;

    private StripePaymentMethodRegistry registry;

    @BeforeEach
    void registry() {
        // No retries: these tests are about what one Stripe answer turns into. Retries have their own test below.
        registry = new StripePaymentMethodRegistry(properties(stripe, Duration.ofSeconds(5), 0));
    }

    // ---- attach ----------------------------------------------------------------------------------------------------

    @Test
    void attachNamesTheCustomerUnderAnIdempotencyKeyOfCustomerAndPaymentMethod() {
        stub(stripe, post(ATTACH_PATH), json(200, paymentMethod(CUSTOMER)));

        registry.attach(CUSTOMER, PM).block();

        LoggedRequest attach = only(stripe, postRequestedFor(urlEqualTo(ATTACH_PATH)));
        assertThat(form(attach)).containsExactlyInAnyOrderEntriesOf(Map.of("customer", CUSTOMER));
        assertThat(attach.getHeader("Idempotency-Key")).isEqualTo(ATTACH_KEY);
        assertThat(attach.getHeader("Stripe-Version")).isEqualTo(Stripe.API_VERSION);
        assertThat(attach.getHeader("Authorization")).isEqualTo("Bearer " + API_KEY);
        assertThat(attach.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(stripe.getAllServeEvents()).hasSize(1); // nothing read back after a fresh attach
    }

    @Test
    void theAttachKeyIsTheSameForTheSamePairAndDiffersForAnotherCustomer() {
        stub(stripe, post(ATTACH_PATH), json(200, paymentMethod(CUSTOMER)));

        registry.attach(CUSTOMER, PM).block();
        registry.attach(CUSTOMER, PM).block();

        assertThat(stripe.findAll(postRequestedFor(urlEqualTo(ATTACH_PATH))))
                .hasSize(2).allSatisfy(r -> assertThat(r.getHeader("Idempotency-Key")).isEqualTo(ATTACH_KEY));
        assertThat(StripePaymentMethodRegistry.attachKey(OTHER_CUSTOMER, PM)).isNotEqualTo(ATTACH_KEY);
    }

    @Test
    void idsTooLongForAStripeKeyGiveAStableHashedKeyWithinStripesLimit() {
        String longId = "pm_" + "x".repeat(300);

        String key = StripePaymentMethodRegistry.attachKey(CUSTOMER, longId);

        assertThat(key).hasSizeLessThanOrEqualTo(255).startsWith("payment_method_attach:").doesNotContain(longId)
                .isEqualTo(StripePaymentMethodRegistry.attachKey(CUSTOMER, longId))
                .isNotEqualTo(StripePaymentMethodRegistry.attachKey(OTHER_CUSTOMER, longId));
    }

    @Test
    void reattachingToTheSameCustomerIsQuietWhenStripeRefusesItAsAlreadyAttached() {
        stub(stripe, post(ATTACH_PATH), json(400, alreadyAttached()));
        stub(stripe, get(urlPathEqualTo(PM_PATH)), json(200, paymentMethod(CUSTOMER)));

        registry.attach(CUSTOMER, PM).block();

        only(stripe, postRequestedFor(urlEqualTo(ATTACH_PATH)));
        LoggedRequest read = only(stripe, getRequestedFor(urlPathEqualTo(PM_PATH)));
        assertThat(read.getHeader("Stripe-Version")).isEqualTo(Stripe.API_VERSION);
    }

    @Test
    void aPaymentMethodAttachedToAnotherCustomerIsRejected() {
        stub(stripe, post(ATTACH_PATH), json(400, alreadyAttached()));
        stub(stripe, get(urlPathEqualTo(PM_PATH)), json(200, paymentMethod(OTHER_CUSTOMER)));

        assertThatThrownBy(() -> registry.attach(CUSTOMER, PM).block())
                .isInstanceOfSatisfying(PaymentMethodRejectedException.class, e ->
                        assertThat(e.field()).isEqualTo("paymentMethodId"))
                .hasMessage("'paymentMethodId' is attached to another Stripe customer")
                .hasNoCause();
    }

    @Test
    void anAttachRefusedForAPaymentMethodAttachedToNobodyIsRejectedWithStripesCodeAndRequestId() {
        // e.g. one used once without a customer, which Stripe never lets be attached afterwards
        stub(stripe, post(ATTACH_PATH), json(400, """
                {"error": {"code": "payment_method_unexpected_state",
                "doc_url": "https://stripe.com/docs/error-codes/payment-method-unexpected-state",
                "message": "This PaymentMethod was previously used without being attached to a Customer or was \
                detached from a Customer, and may not be used again.",
                "request_log_url": "https://dashboard.stripe.com/test/logs/%s?t=1785312000",
                "type": "invalid_request_error"}}""".formatted(REQUEST_ID)));
        stub(stripe, get(urlPathEqualTo(PM_PATH)), json(200, paymentMethod(null)));

        assertThatThrownBy(() -> registry.attach(CUSTOMER, PM).block())
                .isInstanceOfSatisfying(PaymentMethodRejectedException.class, e ->
                        assertThat(e.field()).isEqualTo("paymentMethodId"))
                .hasMessage("Stripe refused to attach 'paymentMethodId' (HTTP 400, payment_method_unexpected_state, "
                        + "request id " + REQUEST_ID + ")");
    }

    @Test
    void attachingAPaymentMethodUnknownToStripeIsRejectedWithoutReadingItBack() {
        stub(stripe, post(ATTACH_PATH), json(404, invalidRequest("resource_missing", "payment_method",
                "No such PaymentMethod: '" + PM + "'")));

        assertThatThrownBy(() -> registry.attach(CUSTOMER, PM).block())
                .isInstanceOfSatisfying(PaymentMethodRejectedException.class, e ->
                        assertThat(e.field()).isEqualTo("paymentMethodId"))
                .hasMessage("'paymentMethodId' does not exist at Stripe");
        stripe.verify(0, getRequestedFor(urlPathEqualTo(PM_PATH)));
    }

    @Test
    void attachingToACustomerUnknownToStripeIsRejectedOnTheCustomer() {
        stub(stripe, post(ATTACH_PATH), json(400, invalidRequest("resource_missing", "customer",
                "No such customer: '" + CUSTOMER + "'")));

        assertThatThrownBy(() -> registry.attach(CUSTOMER, PM).block())
                .isInstanceOfSatisfying(PaymentMethodRejectedException.class, e ->
                        assertThat(e.field()).isEqualTo("customerId"))
                .hasMessage("'customerId' does not exist at Stripe");
        stripe.verify(0, getRequestedFor(urlPathEqualTo(PM_PATH)));
    }

    @Test
    void aCardTheIssuerDeclinesWhenStripeChecksItOnAttachIsRejected() {
        stub(stripe, post(ATTACH_PATH), json(402, """
                {"error": {"code": "card_declined", "decline_code": "generic_decline",
                "doc_url": "https://stripe.com/docs/error-codes/card-declined",
                "message": "Your card was declined.", "param": "",
                "request_log_url": "https://dashboard.stripe.com/test/logs/%s?t=1785312000",
                "type": "card_error"}}""".formatted(REQUEST_ID)));

        assertThatThrownBy(() -> registry.attach(CUSTOMER, PM).block())
                .isInstanceOfSatisfying(PaymentMethodRejectedException.class, e ->
                        assertThat(e.field()).isEqualTo("paymentMethodId"))
                .hasMessage("'paymentMethodId' was declined when Stripe checked the card (card_declined, "
                        + "generic_decline)");
    }

    @Test
    void aReplayedAttachCountsOnlyIfThePaymentMethodIsStillAttached() {
        stub(stripe, post(ATTACH_PATH), json(200, paymentMethod(CUSTOMER)).withHeader("Idempotent-Replayed", "true"));
        stub(stripe, get(urlPathEqualTo(PM_PATH)), json(200, paymentMethod(CUSTOMER)));

        registry.attach(CUSTOMER, PM).block();

        only(stripe, getRequestedFor(urlPathEqualTo(PM_PATH)));
    }

    @Test
    void aReplayedAttachOfAPaymentMethodDetachedSinceIsRejected() {
        stub(stripe, post(ATTACH_PATH), json(200, paymentMethod(CUSTOMER)).withHeader("Idempotent-Replayed", "true"));
        stub(stripe, get(urlPathEqualTo(PM_PATH)), json(200, paymentMethod(null)));

        assertThatThrownBy(() -> registry.attach(CUSTOMER, PM).block())
                .isInstanceOfSatisfying(PaymentMethodRejectedException.class, e ->
                        assertThat(e.field()).isEqualTo("paymentMethodId"))
                .hasMessage("'paymentMethodId' was detached at Stripe and cannot be attached again");
    }

    @Test
    void retriesAfterAServerErrorCarryTheSameAttachKey() {
        StripePaymentMethodRegistry retrying =
                new StripePaymentMethodRegistry(properties(stripe, Duration.ofSeconds(5), 1));
        stripe.stubFor(post(ATTACH_PATH).inScenario("retry").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(500, """
                        {"error": {"message": "An unknown error occurred", "type": "api_error"}}"""))
                .willSetStateTo("recovered"));
        stripe.stubFor(post(ATTACH_PATH).inScenario("retry").whenScenarioStateIs("recovered")
                .willReturn(json(200, paymentMethod(CUSTOMER))));

        retrying.attach(CUSTOMER, PM).block();

        assertThat(stripe.findAll(postRequestedFor(urlEqualTo(ATTACH_PATH))))
                .hasSize(2).allSatisfy(r -> assertThat(r.getHeader("Idempotency-Key")).isEqualTo(ATTACH_KEY));
    }

    // ---- updateExpiry ----------------------------------------------------------------------------------------------

    @Test
    void updateExpirySetsTheCardsMonthAndYear() {
        stub(stripe, post(PM_PATH), json(200, paymentMethod(CUSTOMER).replace("\"exp_month\": 8", "\"exp_month\": 11")
                .replace("\"exp_year\": 2030", "\"exp_year\": 2031")));

        registry.updateExpiry(PM, 11, 2031).block();

        LoggedRequest update = only(stripe, postRequestedFor(urlEqualTo(PM_PATH)));
        assertThat(form(update)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "card[exp_month]", "11",
                "card[exp_year]", "2031"));
        assertThat(update.getHeader("Stripe-Version")).isEqualTo(Stripe.API_VERSION);
        assertThat(update.getHeader("Authorization")).isEqualTo("Bearer " + API_KEY);
    }

    @ParameterizedTest
    @CsvSource({
            "402, card_error, invalid_expiry_month, exp_month, expMonth",
            "400, invalid_request_error, invalid_expiry_month, card[exp_month], expMonth",
            "400, invalid_request_error, parameter_invalid_integer, card[exp_month], expMonth",
            "402, card_error, invalid_expiry_year, exp_year, expYear",
            "400, invalid_request_error, invalid_expiry_year, card[exp_year], expYear",
            "404, invalid_request_error, resource_missing, payment_method, paymentMethodId"})
    void anExpiryStripeRefusesIsRejectedOnTheFieldItNames(int status, String type, String code, String param,
            String field) {
        stub(stripe, post(PM_PATH), json(status, """
                {"error": {"code": "%s", "doc_url": "https://stripe.com/docs/error-codes/%s",
                "message": "Your card's expiration date is invalid.", "param": "%s",
                "request_log_url": "https://dashboard.stripe.com/test/logs/%s?t=1785312000",
                "type": "%s"}}""".formatted(code, code.replace('_', '-'), param, REQUEST_ID, type)));

        assertThatThrownBy(() -> registry.updateExpiry(PM, 13, 2031).block())
                .isInstanceOfSatisfying(PaymentMethodRejectedException.class, e ->
                        assertThat(e.field()).isEqualTo(field))
                .hasMessage(Map.of(
                        "expMonth", "'expMonth' is not an expiry month Stripe accepts",
                        "expYear", "'expYear' is not an expiry year Stripe accepts",
                        "paymentMethodId", "'paymentMethodId' does not exist at Stripe").get(field))
                .hasNoCause();
    }

    @Test
    void updatingAPaymentMethodStripeWillNotUpdateIsRejectedWithStripesStatusAndRequestId() {
        stub(stripe, post(PM_PATH), json(400, invalidRequest(null, null,
                "You must save this PaymentMethod to a customer before you can update it.")));

        assertThatThrownBy(() -> registry.updateExpiry(PM, 11, 2031).block())
                .isInstanceOfSatisfying(PaymentMethodRejectedException.class, e ->
                        assertThat(e.field()).isEqualTo("paymentMethodId"))
                .hasMessage("Stripe refused to update 'paymentMethodId' (HTTP 400, request id " + REQUEST_ID + ")");
    }

    // ---- makeDefault -----------------------------------------------------------------------------------------------

    @Test
    void makeDefaultSetsTheCustomersInvoiceDefaultPaymentMethod() {
        stub(stripe, post(CUSTOMER_PATH), json(200, customer(PM)));

        registry.makeDefault(CUSTOMER, PM).block();

        LoggedRequest update = only(stripe, postRequestedFor(urlEqualTo(CUSTOMER_PATH)));
        assertThat(form(update)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "invoice_settings[default_payment_method]", PM));
        assertThat(update.getHeader("Stripe-Version")).isEqualTo(Stripe.API_VERSION);
    }

    @Test
    void makingDefaultForACustomerUnknownToStripeIsRejectedOnTheCustomer() {
        stub(stripe, post(CUSTOMER_PATH), json(404, invalidRequest("resource_missing", "id",
                "No such customer: '" + CUSTOMER + "'")));

        assertThatThrownBy(() -> registry.makeDefault(CUSTOMER, PM).block())
                .isInstanceOfSatisfying(PaymentMethodRejectedException.class, e ->
                        assertThat(e.field()).isEqualTo("customerId"))
                .hasMessage("'customerId' does not exist at Stripe");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "resource_missing"})
    void makingDefaultAPaymentMethodNotAttachedToTheCustomerIsRejectedOnThePaymentMethod(String code) {
        stub(stripe, post(CUSTOMER_PATH), json(400, invalidRequest(code.isEmpty() ? null : code,
                "invoice_settings[default_payment_method]", "The customer does not have a payment method with the ID "
                        + PM + ". The payment method must be attached to the customer.")));

        assertThatThrownBy(() -> registry.makeDefault(CUSTOMER, PM).block())
                .isInstanceOfSatisfying(PaymentMethodRejectedException.class, e ->
                        assertThat(e.field()).isEqualTo("paymentMethodId"))
                .hasMessage("'paymentMethodId' is not attached to this Stripe customer");
    }

    @Test
    void clearDefaultEmptiesTheCustomersInvoiceDefault() {
        stub(stripe, post(CUSTOMER_PATH), json(200, customer(PM)));

        registry.clearDefault(CUSTOMER).block();

        LoggedRequest update = only(stripe, postRequestedFor(urlEqualTo(CUSTOMER_PATH)));
        assertThat(form(update)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "invoice_settings[default_payment_method]", ""));
    }

    // ---- detach ----------------------------------------------------------------------------------------------------

    @Test
    void detachPostsNothingButThePath() {
        stub(stripe, post(DETACH_PATH), json(200, paymentMethod(null)));

        registry.detach(PM).block();

        LoggedRequest detach = only(stripe, postRequestedFor(urlEqualTo(DETACH_PATH)));
        assertThat(form(detach)).isEmpty();
        assertThat(detach.getHeader("Stripe-Version")).isEqualTo(Stripe.API_VERSION);
        assertThat(detach.getHeader("Authorization")).isEqualTo("Bearer " + API_KEY);
        assertThat(stripe.getAllServeEvents()).hasSize(1);
    }

    @Test
    void detachingAPaymentMethodUnknownToStripeIsQuiet() {
        stub(stripe, post(DETACH_PATH), json(404, invalidRequest("resource_missing", "payment_method",
                "No such PaymentMethod: '" + PM + "'")));

        registry.detach(PM).block();

        stripe.verify(0, getRequestedFor(urlPathEqualTo(PM_PATH)));
    }

    @Test
    void detachingAPaymentMethodAlreadyDetachedIsQuiet() {
        stub(stripe, post(DETACH_PATH), json(400, notAttached()));
        stub(stripe, get(urlPathEqualTo(PM_PATH)), json(200, paymentMethod(null)));

        registry.detach(PM).block();

        only(stripe, getRequestedFor(urlPathEqualTo(PM_PATH)));
    }

    @Test
    void aDetachRefusedWhileThePaymentMethodIsStillAttachedIsNotQuiet() {
        stub(stripe, post(DETACH_PATH), json(400, invalidRequest("payment_method_unexpected_state", null,
                "This PaymentMethod cannot be detached right now.")));
        stub(stripe, get(urlPathEqualTo(PM_PATH)), json(200, paymentMethod(CUSTOMER)));

        assertThatThrownBy(() -> registry.detach(PM).block())
                .isInstanceOfSatisfying(PaymentMethodRejectedException.class, e ->
                        assertThat(e.field()).isEqualTo("paymentMethodId"))
                .hasMessage("Stripe refused to detach 'paymentMethodId' (HTTP 400, payment_method_unexpected_state, "
                        + "request id " + REQUEST_ID + ")");
    }

    // ---- Stripe unavailable ----------------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource({
            "attach, 500, api_error, , 'HTTP 500, request id " + REQUEST_ID + "'",
            "update, 500, api_error, , 'HTTP 500, request id " + REQUEST_ID + "'",
            "make default, 500, api_error, , 'HTTP 500, request id " + REQUEST_ID + "'",
            "detach, 500, api_error, , 'HTTP 500, request id " + REQUEST_ID + "'",
            "attach, 503, api_error, , 'HTTP 503, request id " + REQUEST_ID + "'",
            "detach, 502, api_error, , 'HTTP 502, request id " + REQUEST_ID + "'",
            "attach, 429, invalid_request_error, rate_limit, 'rate limited, HTTP 429, rate_limit, request id "
                    + REQUEST_ID + "'",
            "make default, 429, invalid_request_error, rate_limit, 'rate limited, HTTP 429, rate_limit, request id "
                    + REQUEST_ID + "'",
            "attach, 409, invalid_request_error, lock_timeout, 'HTTP 409, lock_timeout, request id " + REQUEST_ID
                    + "'",
            "update, 401, invalid_request_error, , 'API key refused, HTTP 401, request id " + REQUEST_ID + "'",
            "detach, 403, invalid_request_error, secret_key_required, 'API key refused, HTTP 403, "
                    + "secret_key_required, request id " + REQUEST_ID + "'",
            "attach, 400, idempotency_error, , 'HTTP 400, request id " + REQUEST_ID + "'"})
    void aStripeThatFailsOrRefusesTheKeyIsUnavailable(String operation, int status, String type, String code,
            String description) {
        stub(stripe, post(path(operation)), json(status, """
                {"error": {%s"message": "Invalid API Key provided: sk_test_********************************0000 or \
                something else went wrong", "request_log_url": "https://dashboard.stripe.com/test/logs/%s?t=1",
                "type": "%s"}}""".formatted(code == null ? "" : "\"code\": \"" + code + "\", ", REQUEST_ID, type)));

        assertThatThrownBy(() -> call(operation).block())
                .isInstanceOf(PaymentProviderUnavailableException.class)
                .hasMessage("Stripe payment method " + operation + " failed: " + description)
                .hasNoCause();
        stripe.verify(0, getRequestedFor(urlPathEqualTo(PM_PATH))); // nothing read back on a failure
    }

    @ParameterizedTest
    @ValueSource(strings = {"attach", "update", "make default", "detach"})
    void aConnectionResetIsUnavailable(String operation) {
        stub(stripe, post(path(operation)), aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        assertThatThrownBy(() -> call(operation).block())
                .isInstanceOf(PaymentProviderUnavailableException.class)
                .hasMessage("Stripe payment method " + operation + " failed: no answer (SocketException)")
                .hasNoCause();
    }

    @Test
    void anAnswerSlowerThanTheReadTimeoutIsUnavailable() {
        StripePaymentMethodRegistry impatient =
                new StripePaymentMethodRegistry(properties(stripe, Duration.ofMillis(300), 0));
        stub(stripe, post(ATTACH_PATH), json(200, paymentMethod(CUSTOMER)).withFixedDelay(1_500));

        assertThatThrownBy(() -> impatient.attach(CUSTOMER, PM).block())
                .isInstanceOf(PaymentProviderUnavailableException.class)
                .hasMessage("Stripe payment method attach failed: no answer (SocketTimeoutException)");
    }

    @Test
    void aFailureReadingThePaymentMethodBackIsUnavailableNotARejection() {
        stub(stripe, post(DETACH_PATH), json(400, notAttached()));
        stub(stripe, get(urlPathEqualTo(PM_PATH)), json(503, """
                {"error": {"message": "Stripe is temporarily unavailable", "type": "api_error"}}"""));

        assertThatThrownBy(() -> registry.detach(PM).block())
                .isInstanceOf(PaymentProviderUnavailableException.class)
                .hasMessage("Stripe payment method detach failed: HTTP 503, request id " + REQUEST_ID);
    }

    // ---- scheduling, arguments and secrets -----------------------------------------------------------------------

    @Test
    void nothingIsSentBeforeSubscriptionAndStripeIsCalledOnTheBoundedElasticScheduler() {
        stub(stripe, post(ATTACH_PATH), json(200, paymentMethod(CUSTOMER)));

        Mono<Void> attach = registry.attach(CUSTOMER, PM);
        assertThat(stripe.getAllServeEvents()).isEmpty();

        String thread = attach.then(Mono.fromCallable(() -> Thread.currentThread().getName())).block();
        assertThat(thread).startsWith("boundedElastic-");
        only(stripe, postRequestedFor(urlEqualTo(ATTACH_PATH)));
    }

    @Test
    void blankIdsAreErrorsOfTheMonoAndNothingIsSent() {
        assertThatThrownBy(() -> registry.attach(" ", PM).block()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> registry.attach(CUSTOMER, null).block()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> registry.updateExpiry("", 1, 2030).block())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> registry.makeDefault(null, PM).block()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> registry.detach(" ").block()).isInstanceOf(IllegalArgumentException.class);
        stripe.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void noRejectionOrFailureRepeatsStripesTextOrTheKey() {
        List<Supplier<Throwable>> failures = List.of(
                () -> failure(ATTACH_PATH, json(400, alreadyAttached()), paymentMethod(OTHER_CUSTOMER),
                        () -> registry.attach(CUSTOMER, PM)),
                () -> failure(ATTACH_PATH, json(404, invalidRequest("resource_missing", "payment_method",
                        "No such PaymentMethod: '" + PM + "'")), null, () -> registry.attach(CUSTOMER, PM)),
                () -> failure(PM_PATH, json(400, invalidRequest("parameter_unknown", "card[number]",
                        "Received unknown parameter: card[number]. Card 4242 cannot be updated.")), null,
                        () -> registry.updateExpiry(PM, 11, 2031)),
                () -> failure(CUSTOMER_PATH, json(401, """
                        {"error": {"message": "Invalid API Key provided: %s", "type": "invalid_request_error"}}"""
                        .formatted(API_KEY)), null, () -> registry.makeDefault(CUSTOMER, PM)),
                () -> failure(DETACH_PATH, json(500, """
                        {"error": {"message": "An unknown error occurred for sk_test_51Movmo", "type": "api_error"}}"""),
                        null, () -> registry.detach(PM)));

        List<Throwable> thrown = new ArrayList<>();
        for (Supplier<Throwable> failure : failures) {
            thrown.add(failure.get());
        }

        assertThat(thrown).hasSize(5).allSatisfy(t -> {
            assertThat(t).isInstanceOfAny(PaymentMethodRejectedException.class,
                    PaymentProviderUnavailableException.class).hasNoCause();
            assertThat(t.toString()).doesNotContain(API_KEY, "sk_test", "No such", "already been attached", "4242",
                    "Received unknown", "Invalid API Key", "dashboard.stripe.com");
        });
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    private Throwable failure(String path, ResponseDefinitionBuilder answer, String readBack,
            Supplier<Mono<Void>> call) {
        stripe.resetAll();
        stub(stripe, post(path), answer);
        if (readBack != null) {
            stub(stripe, get(urlPathEqualTo(PM_PATH)), json(200, readBack));
        }
        try {
            call.get().block();
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("expected " + path + " to fail");
    }

    private static String path(String operation) {
        return switch (operation) {
            case "attach" -> ATTACH_PATH;
            case "update" -> PM_PATH;
            case "make default" -> CUSTOMER_PATH;
            case "detach" -> DETACH_PATH;
            default -> throw new IllegalArgumentException(operation);
        };
    }

    private Mono<Void> call(String operation) {
        return switch (operation) {
            case "attach" -> registry.attach(CUSTOMER, PM);
            case "update" -> registry.updateExpiry(PM, 11, 2031);
            case "make default" -> registry.makeDefault(CUSTOMER, PM);
            case "detach" -> registry.detach(PM);
            default -> throw new IllegalArgumentException(operation);
        };
    }

    // ---- Stripe's shapes -----------------------------------------------------------------------------------------

    /** A card PaymentMethod as Stripe answers it; {@code customer} null when attached to nobody. */
    private static String paymentMethod(String customer) {
        return """
                {
                  "id": "%1$s",
                  "object": "payment_method",
                  "allow_redisplay": "unspecified",
                  "billing_details": {
                    "address": {"city": null, "country": null, "line1": null, "line2": null, "postal_code": null,
                      "state": null},
                    "email": null,
                    "name": null,
                    "phone": null,
                    "tax_id": null
                  },
                  "card": {
                    "brand": "visa",
                    "checks": {"address_line1_check": null, "address_postal_code_check": null, "cvc_check": "pass"},
                    "country": "US",
                    "display_brand": "visa",
                    "exp_month": 8,
                    "exp_year": 2030,
                    "fingerprint": "Xt5EWLLDS7FJjR1c",
                    "funding": "credit",
                    "generated_from": null,
                    "last4": "4242",
                    "networks": {"available": ["visa"], "preferred": null},
                    "regulated_status": "unregulated",
                    "three_d_secure_usage": {"supported": true},
                    "wallet": null
                  },
                  "created": %2$d,
                  "customer": %3$s,
                  "customer_account": null,
                  "livemode": false,
                  "metadata": {},
                  "radar_options": null,
                  "type": "card"
                }""".formatted(PM, CREATED, customer == null ? "null" : "\"" + customer + "\"");
    }

    private static String customer(String defaultPaymentMethod) {
        return """
                {
                  "id": "%1$s",
                  "object": "customer",
                  "address": null,
                  "balance": 0,
                  "created": %2$d,
                  "currency": null,
                  "default_source": null,
                  "delinquent": false,
                  "description": null,
                  "email": null,
                  "invoice_prefix": "8D2F0C1A",
                  "invoice_settings": {"custom_fields": null, "default_payment_method": "%3$s", "footer": null,
                    "rendering_options": null},
                  "livemode": false,
                  "metadata": {},
                  "name": null,
                  "next_invoice_sequence": 1,
                  "phone": null,
                  "preferred_locales": [],
                  "shipping": null,
                  "tax_exempt": "none",
                  "test_clock": null
                }""".formatted(CUSTOMER, CREATED, defaultPaymentMethod);
    }

    /** Stripe's refusal to attach a payment method that has a customer: no code, only its text. */
    private static String alreadyAttached() {
        return """
                {"error": {"message": "The payment method you provided has already been attached to a customer.",
                "request_log_url": "https://dashboard.stripe.com/test/logs/%s?t=1785312000",
                "type": "invalid_request_error"}}""".formatted(REQUEST_ID);
    }

    /** Stripe's refusal to detach a payment method that has no customer: no code, only its text. */
    private static String notAttached() {
        return """
                {"error": {"message": "The payment method you provided is not attached to a customer so detachment \
                is impossible.",
                "request_log_url": "https://dashboard.stripe.com/test/logs/%s?t=1785312000",
                "type": "invalid_request_error"}}""".formatted(REQUEST_ID);
    }

    private static String invalidRequest(String code, String param, String message) {
        return """
                {"error": {%s"message": "%s",%s
                "request_log_url": "https://dashboard.stripe.com/test/logs/%s?t=1785312000",
                "type": "invalid_request_error"}}""".formatted(
                code == null ? "" : "\"code\": \"%s\", \"doc_url\": \"https://stripe.com/docs/error-codes/%s\", "
                        .formatted(code, code.replace('_', '-')),
                message, param == null ? "" : " \"param\": \"" + param + "\",", REQUEST_ID);
    }
}
