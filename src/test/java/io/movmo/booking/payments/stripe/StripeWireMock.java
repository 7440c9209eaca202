package io.movmo.booking.payments.stripe;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.stripe.Stripe;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * WireMock speaking Stripe's API, for the Stripe adapters' tests: the server, the adapters' properties against it,
 * Stripe's answers with the headers Stripe sends, and what the adapters sent.
 */
final class StripeWireMock {

    static final String API_KEY = "sk_test_51MovmoTestKey0000000000000000000000000000000000000000000000000000";
    static final String REQUEST_ID = "req_8Hq2LpVw3XyZab";

    private StripeWireMock() {}

    /** A WireMock server on a free port, for a test class to register. */
    static WireMockExtension server() {
        return WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();
    }

    /** Properties pointing the adapters at {@code stripe} with the test key. */
    static StripeProperties properties(WireMockExtension stripe, Duration readTimeout, int retries) {
        return new StripeProperties(API_KEY, URI.create(stripe.baseUrl() + "/"), Duration.ofSeconds(2), readTimeout,
                retries);
    }

    static void stub(WireMockExtension stripe, MappingBuilder request, ResponseDefinitionBuilder response) {
        stripe.stubFor(request.willReturn(response));
    }

    /** A JSON answer with the headers Stripe sends: its request id and the API version. */
    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withHeader("Request-Id", REQUEST_ID)
                .withHeader("Stripe-Version", Stripe.API_VERSION)
                .withBody(body);
    }

    /** The one request {@code stripe} received that matches {@code pattern}; more or fewer fail the test. */
    static LoggedRequest only(WireMockExtension stripe, RequestPatternBuilder pattern) {
        List<LoggedRequest> requests = stripe.findAll(pattern);
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    /** The request's form body, decoded; a repeated name would fail the test. */
    static Map<String, String> form(LoggedRequest request) {
        Map<String, String> form = new LinkedHashMap<>();
        String body = request.getBodyAsString();
        if (body.isEmpty()) {
            return form;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            assertThat(form.put(name, value)).as("form parameter %s sent once", name).isNull();
        }
        return form;
    }
}
