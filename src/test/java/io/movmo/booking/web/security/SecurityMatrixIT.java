package io.movmo.booking.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.movmo.booking.identity.ApiKeys;
import io.movmo.booking.testing.EngineTest;
import io.movmo.booking.testing.Partners;
import io.movmo.booking.testing.TestTokens;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The security matrix, over every route openapi.yaml lists (so a new route is covered the day it is documented):
 * bad API keys, forged or spoiled tokens, and one user reaching for another's records. Every answer also passes
 * the contract check of the test client.
 */
@EngineTest
class SecurityMatrixIT {

    static final String USER_A = "11111111-1111-1111-1111-111111111111";
    static final String USER_B = "22222222-2222-2222-2222-222222222222";
    static final String REVOKED_KEY = "revoked-matrix-key-000";
    static WireMockServer attacker;
    static List<RouteCatalog.Route> routes;

    @Autowired WebTestClient client;
    @Autowired TestTokens tokens;
    @Autowired JdbcClient jdbc;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("openapi.yaml"))) {
            routes = RouteCatalog.fromOpenApi(in).routes().stream()
                    .filter(r -> !r.template().startsWith("/actuator")).toList();
        }
        attacker = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        attacker.start();
    }

    @AfterAll
    static void stop() {
        attacker.stop();
    }

    private static String concrete(RouteCatalog.Route route, String owner) {
        return route.template().replace("{userid}", owner).replaceAll("\\{[^/}]+}", "x1");
    }

    private WebTestClient.ResponseSpec call(RouteCatalog.Route route, String path, String apiKey, String token) {
        WebTestClient.RequestBodySpec request = client.method(route.method()).uri(path);
        if (apiKey != null) request.header("x-api-key", apiKey);
        if (token != null) request.headers(h -> h.setBearerAuth(token));
        if (route.method() == HttpMethod.POST || route.method() == HttpMethod.PUT) {
            return request.contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange();
        }
        return request.exchange();
    }

    private Stream<RouteCatalog.Route> routes(RouteAccess... access) {
        return routes.stream().filter(r -> Arrays.asList(access).contains(r.access()));
    }

    @TestFactory
    Stream<DynamicTest> missingUnknownOrRevokedApiKeyIsUnauthorized() {
        jdbc.sql("""
                INSERT INTO partner_api_key (key_id, partner_id, key_prefix, key_hash, revoked_at)
                VALUES (gen_random_uuid(), 'sandbox', :p, :h, now()) ON CONFLICT (key_hash) DO NOTHING""")
                .param("p", ApiKeys.prefix(REVOKED_KEY)).param("h", ApiKeys.hash(REVOKED_KEY)).update();
        String token = tokens.forUser(USER_A);
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("missing", null);
        keys.put("unknown", "not-a-movmo-key");
        keys.put("revoked", REVOKED_KEY);
        return routes(RouteAccess.API_KEY, RouteAccess.API_KEY_AND_USER).flatMap(route -> keys.entrySet().stream()
                .map(key -> DynamicTest.dynamicTest(route.method() + " " + route.template() + " with " + key.getKey() + " key",
                        () -> call(route, concrete(route, USER_A), key.getValue(), token)
                                .expectStatus().isUnauthorized()
                                .expectBody().jsonPath("$.message").isEqualTo("unauthorized"))));
    }

    @TestFactory
    Stream<DynamicTest> forgedOrSpoiledTokensAreUnauthorized() throws Exception {
        Map<String, Supplier<String>> bad = badTokens();
        Stream<DynamicTest> matrix = routes(RouteAccess.API_KEY_AND_USER).flatMap(route -> bad.entrySet().stream()
                .map(token -> DynamicTest.dynamicTest(route.method() + " " + route.template() + " with " + token.getKey(),
                        () -> call(route, concrete(route, USER_A), Partners.SANDBOX_KEY, token.getValue().get())
                                .expectStatus().isUnauthorized())));
        // Runs after the matrix: the URLs in jku and x5u headers were never fetched.
        return Stream.concat(matrix, Stream.of(DynamicTest.dynamicTest("jku and x5u URLs were never fetched", () ->
                assertThat(attacker.getAllServeEvents()).as("requests the engine made to the attacker's host").isEmpty())));
    }

    @TestFactory
    Stream<DynamicTest> anotherUsersRecordsAreForbiddenAndUntouched() {
        String tokenA = tokens.forUser(USER_A);
        long eventsBefore = jdbc.sql("SELECT count(*) FROM domainevententry").query(Long.class).single();
        List<DynamicTest> sweep = new java.util.ArrayList<>(routes(RouteAccess.API_KEY_AND_USER)
                .filter(r -> r.template().contains(RouteCatalog.OWNER_PARAMETER))
                .map(route -> DynamicTest.dynamicTest(route.method() + " " + concrete(route, "{B}") + " as user A",
                        () -> call(route, concrete(route, USER_B), Partners.SANDBOX_KEY, tokenA)
                                .expectStatus().isForbidden()
                                .expectBody().jsonPath("$.message").isEqualTo("not allowed")))
                .toList());
        assertThat(sweep).as("routes scoped to a user").hasSizeGreaterThan(10);
        sweep.add(DynamicTest.dynamicTest("nothing was stored by the sweep", () ->
                assertThat(jdbc.sql("SELECT count(*) FROM domainevententry").query(Long.class).single()).isEqualTo(eventsBefore)));
        return sweep.stream();
    }

    private Map<String, Supplier<String>> badTokens() throws JOSEException {
        RSAKey ours = tokens.signingKey();
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("stranger").generate();
        URI attackerJwks = URI.create(attacker.baseUrl() + "/jwks.json");
        Map<String, Supplier<String>> bad = new LinkedHashMap<>();
        bad.put("alg none", () -> new PlainJWT(tokens.claims(USER_A).build()).serialize());
        bad.put("HS256 keyed with our public key", () -> hmacWithPublicKey(ours));
        bad.put("unknown kid", () -> TestTokens.sign(tokens.claims(USER_A).build(), stranger));
        bad.put("expired", () -> tokens.forUser(USER_A, c -> c.expirationTime(Date.from(Instant.now().minusSeconds(120)))));
        bad.put("future nbf", () -> tokens.forUser(USER_A, c -> c.notBeforeTime(Date.from(Instant.now().plusSeconds(600)))));
        bad.put("wrong iss", () -> tokens.forUser(USER_A, c -> c.issuer("https://evil.example.com")));
        bad.put("wrong aud", () -> tokens.forUser(USER_A, c -> c.audience("someone-else")));
        bad.put("tampered payload", () -> {
            String[] good = tokens.forUser(USER_A).split("\\.");
            return good[0] + "." + tokens.forUser(USER_B).split("\\.")[1] + "." + good[2];
        });
        bad.put("jku header", () -> signedWithHeader(stranger, new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(stranger.getKeyID()).jwkURL(attackerJwks).build()));
        bad.put("x5u header", () -> signedWithHeader(stranger, new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(stranger.getKeyID()).x509CertURL(attackerJwks).build()));
        bad.put("embedded jwk header", () -> signedWithHeader(stranger, new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(stranger.getKeyID()).jwk(stranger.toPublicJWK()).build()));
        return bad;
    }

    private String hmacWithPublicKey(RSAKey ours) {
        try {
            byte[] secret = ours.toPublicJWK().toRSAPublicKey().getEncoded();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(ours.getKeyID()).build(),
                    tokens.claims(USER_A).build());
            jwt.sign(new MACSigner(secret));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private String signedWithHeader(RSAKey key, JWSHeader header) {
        try {
            SignedJWT jwt = new SignedJWT(header, tokens.claims(USER_A).build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
