package io.movmo.booking.identity.cognito;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
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
import io.movmo.booking.identity.oauth.CodeExchange;
import io.movmo.booking.identity.oauth.OAuthException;
import io.movmo.booking.identity.oauth.RefreshGrant;
import io.movmo.booking.identity.oauth.TokenSet;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

class CognitoIdentityProviderTest {

    @RegisterExtension
    static WireMockExtension cognito = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String TOKEN_PATH = "/oauth2/token";
    private static final String ID_TOKEN = "eyJraWQiOiJpZCJ9.id-token-payload.signature";
    private static final String COGNITO_ACCESS_TOKEN = "eyJraWQiOiJhdCJ9.access-token-payload.signature";
    private static final String REFRESH_TOKEN = "eyJjdHkiOiJKV1QifQ.refresh-token";
    private static final String CODE = "Rkm8b8Z5wV4-bwGqXh0pf3Cx7yl4T8TlrzaUeY_vBLM";
    private static final String VERIFIER = "wWw9RT4zFOSK6rS6rnK5Bq5bQ5dXp4d5y5f5j5Q5dXp";
    private static final String REDIRECT_URI = "https://partner.example.com/oauth/callback?app=1";
    private static final String SECRET = "s3cr:t/+ value";

    private CognitoIdentityProvider provider;

    @BeforeAll
    static void warmUp() {
        // A fresh JVM's first exchange can take longer than the 300 ms read timeout the tests run with.
        stubToken(okJson(tokens(true)));
        new CognitoIdentityProvider(new CognitoProperties(cognito.baseUrl(), Duration.ofSeconds(10),
                Duration.ofSeconds(30)), WebClient.builder()).exchangeCode(publicExchange()).block();
    }

    @BeforeEach
    void provider() {
        provider = providerFor(cognito.baseUrl() + "/");
    }

    @Test
    void publicClientExchangesACodeWithTheExactFormAndNoAuthorizationHeader() {
        stubToken(okJson(tokens(true)));

        TokenSet tokens = provider.exchangeCode(publicExchange()).block();

        assertThat(tokens).isEqualTo(new TokenSet(ID_TOKEN, REFRESH_TOKEN, 3600));
        LoggedRequest request = onlyRequest();
        assertThat(request.getHeader("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(request.containsHeader("Authorization")).isFalse();
        assertThat(form(request)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "grant_type", "authorization_code",
                "client_id", "aviare-public",
                "code", CODE,
                "redirect_uri", REDIRECT_URI,
                "code_verifier", VERIFIER));
    }

    @Test
    void confidentialClientAuthenticatesWithFormEncodedBasicCredentialsAndKeepsTheSecretOutOfTheBody() {
        stubToken(okJson(tokens(true)));

        provider.exchangeCode(new CodeExchange(CODE, VERIFIER, REDIRECT_URI, "aviare prod", SECRET,
                "https://api.movmo.io")).block();

        LoggedRequest request = onlyRequest();
        assertThat(request.getHeader("Authorization")).isEqualTo(basic("aviare+prod:s3cr%3At%2F%2B+value"));
        assertThat(form(request)).containsOnlyKeys("grant_type", "client_id", "code", "redirect_uri", "code_verifier")
                .containsEntry("client_id", "aviare prod");
        assertThat(request.getBodyAsString()).doesNotContain("s3cr").doesNotContain("resource");
    }

    @Test
    void revokesAtCognitosRevocationEndpointWithBasicForConfidentialClients() {
        cognito.resetAll();
        cognito.stubFor(post(urlEqualTo("/oauth2/revoke")).willReturn(com.github.tomakehurst.wiremock.client.WireMock.ok()));

        provider.revoke(REFRESH_TOKEN, "aviare prod", SECRET).block();

        List<LoggedRequest> requests = cognito.findAll(postRequestedFor(urlEqualTo("/oauth2/revoke")));
        assertThat(requests).hasSize(1);
        LoggedRequest request = requests.get(0);
        assertThat(request.getHeader("Authorization")).isEqualTo(basic("aviare+prod:s3cr%3At%2F%2B+value"));
        assertThat(form(request)).containsExactlyInAnyOrderEntriesOf(Map.of("token", REFRESH_TOKEN, "client_id", "aviare prod"));
    }

    @Test
    void revocationFailuresAreTyped() {
        cognito.resetAll();
        cognito.stubFor(post(urlEqualTo("/oauth2/revoke")).willReturn(com.github.tomakehurst.wiremock.client.WireMock
                .aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody("{\"error\":\"invalid_client\"}")));
        assertThatThrownBy(() -> provider.revoke(REFRESH_TOKEN, "aviare-public", null).block())
                .isInstanceOfSatisfying(OAuthException.class, e -> assertThat(e.error()).isEqualTo("invalid_client"));
        cognito.stubFor(post(urlEqualTo("/oauth2/revoke")).willReturn(com.github.tomakehurst.wiremock.client.WireMock
                .serverError()));
        assertThatThrownBy(() -> provider.revoke(REFRESH_TOKEN, "aviare-public", null).block())
                .isInstanceOfSatisfying(OAuthException.class, e -> assertThat(e.status().value()).isEqualTo(502));
    }

    @Test
    void refreshSendsTheRefreshGrantAndPassesExpiresInThroughWhenCognitoDoesNotRotate() {
        stubToken(okJson(tokens(false)));

        TokenSet tokens = provider.refresh(new RefreshGrant(REFRESH_TOKEN, "aviare-prod", "secret")).block();

        assertThat(tokens).isEqualTo(new TokenSet(ID_TOKEN, null, 3600));
        LoggedRequest request = onlyRequest();
        assertThat(request.getHeader("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(request.getHeader("Authorization")).isEqualTo(basic("aviare-prod:secret"));
        assertThat(form(request)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "grant_type", "refresh_token",
                "client_id", "aviare-prod",
                "refresh_token", REFRESH_TOKEN));
    }

    @Test
    void publicClientRefreshesWithoutAuthorizationHeader() {
        stubToken(okJson(tokens(true)));

        assertThat(provider.refresh(new RefreshGrant(REFRESH_TOKEN, "aviare-public", null)).block())
                .isEqualTo(new TokenSet(ID_TOKEN, REFRESH_TOKEN, 3600));
        assertThat(onlyRequest().containsHeader("Authorization")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"invalid_request", "invalid_grant", "unauthorized_client", "unsupported_grant_type",
            "invalid_scope"})
    void cognitoRefusalsKeepTheirErrorCodeAsA400WithoutEchoingTheGrant(String error) {
        stubToken(aResponse().withStatus(400).withHeader("Content-Type", "application/json;charset=UTF-8")
                .withBody("{\"error\":\"" + error + "\"}"));

        assertThatThrownBy(() -> provider.exchangeCode(publicExchange()).block())
                .isInstanceOfSatisfying(OAuthException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST);
                    assertThat(e.error()).isEqualTo(error);
                    assertThat(e.getMessage()).isNotBlank().doesNotContain(CODE).doesNotContain(VERIFIER);
                });
    }

    @Test
    void invalidGrantOnRefreshDoesNotEchoTheRefreshToken() {
        stubToken(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_grant\",\"error_description\":\"Refresh Token has expired\"}"));

        assertThatThrownBy(() -> provider.refresh(new RefreshGrant(REFRESH_TOKEN, "aviare-public", null)).block())
                .isInstanceOfSatisfying(OAuthException.class, e -> {
                    assertRefusal(e, HttpStatus.BAD_REQUEST, "invalid_grant");
                    assertThat(e.getMessage()).doesNotContain(REFRESH_TOKEN);
                });
    }

    @Test
    void invalidClientFromCognitoBecomesA401() {
        stubToken(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_client\"}"));

        assertFails(provider.exchangeCode(publicExchange()), HttpStatus.UNAUTHORIZED, "invalid_client");
    }

    @Test
    void a4xxWithoutAnOAuthErrorBodyIsABadGateway() {
        stubToken(aResponse().withStatus(403).withHeader("Content-Type", "text/html").withBody("<html>denied</html>"));
        assertBadGateway(provider.exchangeCode(publicExchange()), "identity provider returned an unexpected error");

        stubToken(aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody("{\"error\":"));
        assertBadGateway(provider.exchangeCode(publicExchange()), "identity provider returned an unexpected error");

        stubToken(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"something_new\"}"));
        assertBadGateway(provider.exchangeCode(publicExchange()), "identity provider returned an unexpected error");
    }

    @Test
    void cognitoServerErrorIsABadGatewayAndIsNotRetried() {
        stubToken(aResponse().withStatus(500).withBody("{\"error\":\"internal\"}"));

        assertBadGateway(provider.exchangeCode(publicExchange()), "identity provider unavailable");
        onlyRequest();
    }

    @Test
    void cognitoThrottlingIsABadGateway() {
        stubToken(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"too_many_requests\"}"));

        assertBadGateway(provider.refresh(new RefreshGrant(REFRESH_TOKEN, "aviare-public", null)),
                "identity provider unavailable");
        onlyRequest();
    }

    @Test
    void anAnswerSlowerThanTheReadTimeoutIsABadGateway() {
        stubToken(okJson(tokens(true)).withFixedDelay(3_000));

        long started = System.nanoTime();
        assertBadGateway(provider.exchangeCode(publicExchange()), "identity provider unavailable");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2_000));
    }

    @Test
    void aConnectionResetIsABadGateway() {
        stubToken(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        assertBadGateway(provider.exchangeCode(publicExchange()), "identity provider unavailable");
    }

    @Test
    void aRefusedConnectionIsABadGateway() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        assertBadGateway(providerFor("http://127.0.0.1:" + closedPort).exchangeCode(publicExchange()),
                "identity provider unavailable");
    }

    @Test
    void aSuccessWithoutAnIdTokenIsABadGateway() {
        stubToken(okJson(tokens(true).replace("\"id_token\":\"" + ID_TOKEN + "\",", "")));

        assertBadGateway(provider.exchangeCode(publicExchange()), "identity provider returned no id_token");
    }

    @Test
    void aSuccessWithoutExpiresInIsABadGateway() {
        stubToken(okJson(tokens(true).replace("\"expires_in\":3600,", "")));

        assertBadGateway(provider.exchangeCode(publicExchange()), "identity provider returned no expires_in");
    }

    @Test
    void aSuccessWithAnUnreadableBodyIsABadGateway() {
        stubToken(okJson("{\"id_token\":"));

        assertBadGateway(provider.exchangeCode(publicExchange()), "identity provider returned an unreadable response");
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void neverLogsTokensCodesOrSecretsEvenAtDebug(CapturedOutput output) {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level previous = root.getLevel();
        root.setLevel(Level.DEBUG);
        try {
            stubToken(okJson(tokens(true)));
            provider.exchangeCode(new CodeExchange(CODE, VERIFIER, REDIRECT_URI, "aviare-prod", SECRET, null)).block();
            provider.refresh(new RefreshGrant(REFRESH_TOKEN, "aviare-prod", SECRET)).block();
            stubToken(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                    .withBody("{\"error\":\"invalid_grant\"}"));
            assertFails(provider.refresh(new RefreshGrant(REFRESH_TOKEN, "aviare-prod", SECRET)),
                    HttpStatus.BAD_REQUEST, "invalid_grant");
        } finally {
            root.setLevel(previous);
        }

        assertThat(output.getAll()).contains("Cognito refused the grant (grant_type=refresh_token): 400 invalid_grant")
                .doesNotContain(ID_TOKEN).doesNotContain(COGNITO_ACCESS_TOKEN).doesNotContain(REFRESH_TOKEN)
                .doesNotContain(CODE).doesNotContain(VERIFIER).doesNotContain("s3cr")
                .doesNotContain(basic("aviare-prod:s3cr%3At%2F%2B+value").substring("Basic ".length()));
    }

    private static CognitoIdentityProvider providerFor(String domain) {
        return new CognitoIdentityProvider(new CognitoProperties(domain, Duration.ofSeconds(2), Duration.ofMillis(300)),
                WebClient.builder());
    }

    private static CodeExchange publicExchange() {
        return new CodeExchange(CODE, VERIFIER, REDIRECT_URI, "aviare-public", null, "https://api.movmo.io");
    }

    private static String tokens(boolean withRefreshToken) {
        return "{\"id_token\":\"" + ID_TOKEN + "\",\"access_token\":\"" + COGNITO_ACCESS_TOKEN + "\","
                + (withRefreshToken ? "\"refresh_token\":\"" + REFRESH_TOKEN + "\"," : "")
                + "\"expires_in\":3600,\"token_type\":\"Bearer\"}";
    }

    private static void stubToken(ResponseDefinitionBuilder response) {
        cognito.resetAll();
        cognito.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(response));
    }

    private static LoggedRequest onlyRequest() {
        List<LoggedRequest> requests = cognito.findAll(postRequestedFor(urlEqualTo(TOKEN_PATH)));
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    private static Map<String, String> form(LoggedRequest request) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : request.getBodyAsString().split("&")) {
            String[] nameAndValue = pair.split("=", 2);
            String previous = fields.put(URLDecoder.decode(nameAndValue[0], StandardCharsets.UTF_8),
                    URLDecoder.decode(nameAndValue[1], StandardCharsets.UTF_8));
            assertThat(previous).as("repeated form field %s", nameAndValue[0]).isNull();
        }
        return fields;
    }

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertFails(Mono<TokenSet> result, HttpStatus status, String error) {
        assertThatThrownBy(result::block).isInstanceOfSatisfying(OAuthException.class,
                e -> assertRefusal(e, status, error));
    }

    private static void assertBadGateway(Mono<TokenSet> result, String description) {
        assertThatThrownBy(result::block).isInstanceOfSatisfying(OAuthException.class, e -> {
            assertRefusal(e, HttpStatus.BAD_GATEWAY, "server_error");
            assertThat(e.getMessage()).isEqualTo(description);
        });
    }

    private static void assertRefusal(OAuthException e, HttpStatus status, String error) {
        assertThat(e.status()).isEqualTo(status);
        assertThat(e.error()).isEqualTo(error);
    }
}
