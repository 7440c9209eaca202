package io.movmo.booking.identity.oauth;

import io.movmo.booking.identity.sandbox.SandboxPartner;
import io.movmo.booking.testing.EngineTest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Confidential clients prove themselves with their secret, by HTTP Basic or in the body, and only one way. */
@EngineTest
class ConfidentialClientIT {

    static final String REDIRECT = "https://partner.example.com/oauth/callback";

    @Autowired WebTestClient client;
    @Autowired OAuthClients clients;
    String clientId;
    String secret;

    @BeforeEach
    void register() {
        clientId = "aviare-" + UUID.randomUUID();
        secret = "s3cret/" + UUID.randomUUID();
        clients.register(clientId, SandboxPartner.PARTNER_ID, secret, List.of(REDIRECT), false);
    }

    private String code(PkceClient pkce) {
        return client.get().uri(b -> b.path("/v1/oauth/authorize").queryParam("response_type", "code")
                        .queryParam("client_id", clientId).queryParam("redirect_uri", REDIRECT)
                        .queryParam("code_challenge", pkce.challenge).queryParam("code_challenge_method", "S256")
                        .queryParam("login_hint", "conf@example.com").build())
                .exchange().expectStatus().isFound().returnResult(Void.class).getResponseHeaders().getLocation()
                .getQuery().replaceAll(".*code=([^&]+).*", "$1");
    }

    private Map<String, String> grant(PkceClient pkce, String code) {
        return Map.of("grant_type", "authorization_code", "client_id", clientId, "code", code,
                "code_verifier", pkce.verifier, "redirect_uri", REDIRECT);
    }

    private static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8)
                + ":" + java.net.URLEncoder.encode(secret, java.nio.charset.StandardCharsets.UTF_8)).getBytes());
    }

    @Test
    void authenticatesWithHttpBasic() {
        PkceClient pkce = new PkceClient();
        client.post().uri("/v1/oauth/token").header("Authorization", basic(clientId, secret))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(grant(pkce, code(pkce)))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.access_token").isNotEmpty();
    }

    @Test
    void authenticatesWithTheSecretInTheBody() {
        PkceClient pkce = new PkceClient();
        Map<String, String> body = new java.util.HashMap<>(grant(pkce, code(pkce)));
        body.put("client_secret", secret);
        client.post().uri("/v1/oauth/token").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isOk();
    }

    @Test
    void refusesAWrongSecretWith401AfterBasicAnd400Otherwise() {
        PkceClient pkce = new PkceClient();
        String code = code(pkce);
        client.post().uri("/v1/oauth/token").header("Authorization", basic(clientId, "wrong"))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(grant(pkce, code))
                .exchange().expectStatus().isUnauthorized().expectBody().jsonPath("$.error").isEqualTo("invalid_client");
        Map<String, String> body = new java.util.HashMap<>(grant(pkce, code));
        body.put("client_secret", "wrong");
        client.post().uri("/v1/oauth/token").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.error").isEqualTo("invalid_client");
    }

    @Test
    void refusesAMissingSecret() {
        PkceClient pkce = new PkceClient();
        client.post().uri("/v1/oauth/token").contentType(MediaType.APPLICATION_JSON).bodyValue(grant(pkce, code(pkce)))
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.error").isEqualTo("invalid_client");
    }

    @Test
    void refusesBothWaysAtOnce() {
        PkceClient pkce = new PkceClient();
        Map<String, String> body = new java.util.HashMap<>(grant(pkce, code(pkce)));
        body.put("client_secret", secret);
        client.post().uri("/v1/oauth/token").header("Authorization", basic(clientId, secret))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.error").isEqualTo("invalid_request");
    }
}
