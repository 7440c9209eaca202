package io.movmo.booking.providers.amadeus;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.movmo.booking.testing.MutableClock;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Client-credentials tokens: fetched once, reused until shortly before expiry, renewed once, never twice at a time. */
class AmadeusTokensTest {

    @RegisterExtension
    static WireMockExtension amadeus = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final String TOKEN_PATH = "/v1/security/oauth2/token";
    static final String SECRET = "s3cr:t/+ value&more";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-02-28T10:00:00Z"));
    private AmadeusTokens tokens;

    @BeforeEach
    void tokens() {
        amadeus.resetAll();
        tokens = new AmadeusTokens(properties(amadeus.baseUrl() + "/"), clock);
    }

    static AmadeusProperties properties(String baseUrl) {
        return new AmadeusProperties("movmo-api-key", SECRET, URI.create(baseUrl), Duration.ofSeconds(2),
                Duration.ofMillis(800), Duration.ofSeconds(1));
    }

    static String token(String value, long expiresIn) {
        return "{\"type\":\"amadeusOAuth2Token\",\"token_type\":\"Bearer\",\"access_token\":\"" + value
                + "\",\"expires_in\":" + expiresIn + ",\"state\":\"approved\",\"scope\":\"\"}";
    }

    @Test
    void fetchesATokenWithTheClientCredentialsFormOnceAndReusesIt() {
        amadeus.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(okJson(token("token-1", 1799))));

        assertThat(tokens.accessToken().block()).isEqualTo("token-1");
        assertThat(tokens.accessToken().block()).isEqualTo("token-1");
        clock.advance(Duration.ofMinutes(28));
        assertThat(tokens.accessToken().block()).isEqualTo("token-1");

        List<LoggedRequest> requests = amadeus.findAll(postRequestedFor(urlEqualTo(TOKEN_PATH)));
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(form(requests.get(0))).containsExactlyInAnyOrderEntriesOf(Map.of(
                "grant_type", "client_credentials", "client_id", "movmo-api-key", "client_secret", SECRET));
    }

    @Test
    void replacesTheTokenAMinuteBeforeItExpires() {
        amadeus.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario("expiry").whenScenarioStateIs("Started")
                .willReturn(okJson(token("token-1", 1799))).willSetStateTo("second"));
        amadeus.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario("expiry").whenScenarioStateIs("second")
                .willReturn(okJson(token("token-2", 1799))));

        assertThat(tokens.accessToken().block()).isEqualTo("token-1");
        clock.advance(Duration.ofSeconds(1799 - 61));
        assertThat(tokens.accessToken().block()).isEqualTo("token-1");
        clock.advance(Duration.ofSeconds(1));
        assertThat(tokens.accessToken().block()).isEqualTo("token-2");
        assertThat(amadeus.findAll(postRequestedFor(urlEqualTo(TOKEN_PATH)))).hasSize(2);
    }

    @Test
    void manyCallersAtOnceShareOneTokenRequest() {
        amadeus.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(okJson(token("token-1", 1799)).withFixedDelay(300)));

        Set<String> seen = ConcurrentHashMap.newKeySet();
        Flux.range(0, 32)
                .flatMap(i -> tokens.accessToken().subscribeOn(Schedulers.parallel()), 32)
                .doOnNext(seen::add)
                .blockLast(Duration.ofSeconds(5));

        assertThat(seen).containsExactly("token-1");
        assertThat(amadeus.findAll(postRequestedFor(urlEqualTo(TOKEN_PATH)))).hasSize(1);
    }

    @Test
    void renewingARejectedTokenFetchesOneNewTokenForAllWhoSawItRejected() {
        amadeus.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario("renew").whenScenarioStateIs("Started")
                .willReturn(okJson(token("token-1", 1799))).willSetStateTo("second"));
        amadeus.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario("renew").whenScenarioStateIs("second")
                .willReturn(okJson(token("token-2", 1799)).withFixedDelay(200)));
        assertThat(tokens.accessToken().block()).isEqualTo("token-1");

        List<String> renewed = Flux.range(0, 8)
                .flatMap(i -> tokens.renew("token-1").subscribeOn(Schedulers.parallel()), 8)
                .collectList().block(Duration.ofSeconds(5));

        assertThat(renewed).hasSize(8).containsOnly("token-2");
        assertThat(tokens.renew("token-1").block()).isEqualTo("token-2"); // already replaced: no new request
        assertThat(tokens.accessToken().block()).isEqualTo("token-2");
        assertThat(amadeus.findAll(postRequestedFor(urlEqualTo(TOKEN_PATH)))).hasSize(2);
    }

    @Test
    void aRefusalIsAnAuthenticationFailureThatNamesAmadeusCodeAndNeverTheSecret() {
        amadeus.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withHeader("ama-request-id", "0001TOKEN1")
                .withBody("{\"error\":\"invalid_client\",\"error_description\":\"Client credentials are invalid\","
                        + "\"code\":38187,\"title\":\"Invalid parameters\"}")));

        assertThatThrownBy(() -> tokens.accessToken().block()).isInstanceOfSatisfying(AmadeusException.class, e -> {
            assertThat(e.kind()).isEqualTo(AmadeusException.Kind.AUTHENTICATION);
            assertThat(e.getMessage()).isEqualTo("Amadeus token endpoint answered 401 invalid_client 38187 (request 0001TOKEN1)")
                    .doesNotContain("s3cr").doesNotContain("movmo-api-key");
        });
    }

    @Test
    void aFailedFetchIsNotCachedTheNextCallerTriesAgain() {
        amadeus.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario("outage").whenScenarioStateIs("Started")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("back"));
        amadeus.stubFor(post(urlEqualTo(TOKEN_PATH)).inScenario("outage").whenScenarioStateIs("back")
                .willReturn(okJson(token("token-1", 1799))));

        assertThatThrownBy(() -> tokens.accessToken().block()).isInstanceOf(AmadeusException.class)
                .hasMessageContaining("answered 503");
        assertThat(tokens.accessToken().block()).isEqualTo("token-1");
    }

    @Test
    void aSlowTokenEndpointTimesOut() {
        amadeus.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(okJson(token("token-1", 1799)).withFixedDelay(3_000)));

        long started = System.nanoTime();
        assertThatThrownBy(() -> tokens.accessToken().block()).isInstanceOfSatisfying(AmadeusException.class,
                e -> assertThat(e.kind()).isEqualTo(AmadeusException.Kind.AUTHENTICATION));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2_500));
    }

    @Test
    void anAnswerWithoutATokenOrLifetimeIsRefused() {
        amadeus.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(okJson("{\"expires_in\":1799}")));
        assertThatThrownBy(() -> tokens.accessToken().block()).hasMessageContaining("without an access_token");

        amadeus.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(okJson("{\"access_token\":\"t\"}")));
        assertThatThrownBy(() -> tokens.accessToken().block()).hasMessageContaining("without a positive expires_in");
    }

    @Test
    void aShortLivedTokenIsReplacedAtHalfItsLife() {
        amadeus.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(okJson(token("token-short", 60))));

        tokens.accessToken().block();
        clock.advance(Duration.ofSeconds(29));
        tokens.accessToken().block();
        assertThat(amadeus.findAll(postRequestedFor(urlEqualTo(TOKEN_PATH)))).hasSize(1);
        clock.advance(Duration.ofSeconds(1));
        tokens.accessToken().block();
        assertThat(amadeus.findAll(postRequestedFor(urlEqualTo(TOKEN_PATH)))).hasSize(2);
    }

    @Test
    void refusesToExistWithoutCredentialsAndNamesTheVariables() {
        for (AmadeusProperties missing : List.of(
                new AmadeusProperties(null, SECRET, null, null, null, null),
                new AmadeusProperties("id", " ", null, null, null, null))) {
            assertThatThrownBy(() -> new AmadeusTokens(missing, clock)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("MOVMO_AMADEUS_CLIENT_ID").hasMessageContaining("MOVMO_AMADEUS_CLIENT_SECRET")
                    .hasMessageNotContaining(SECRET);
        }
    }

    @Test
    void propertiesDefaultToTheTestEnvironmentAndNeverPrintTheSecret() {
        AmadeusProperties defaults = new AmadeusProperties("id", SECRET, null, null, null, null);

        assertThat(defaults.baseUrl()).hasToString("https://test.api.amadeus.com");
        assertThat(defaults.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(defaults.readTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(defaults.orderTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(defaults.toString()).doesNotContain(SECRET).contains("clientSecret=(set)");
        assertThat(Mono.just(defaults).block()).isNotNull();
    }

    private static Map<String, String> form(LoggedRequest request) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : request.getBodyAsString().split("&")) {
            String[] nameAndValue = pair.split("=", 2);
            fields.put(URLDecoder.decode(nameAndValue[0], StandardCharsets.UTF_8),
                    URLDecoder.decode(nameAndValue[1], StandardCharsets.UTF_8));
        }
        return fields;
    }
}
