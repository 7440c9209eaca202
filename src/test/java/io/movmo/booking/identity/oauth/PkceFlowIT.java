package io.movmo.booking.identity.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import io.movmo.booking.testing.EngineTest;
import io.movmo.booking.testing.Partners;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/** A partner app signs a user in with PKCE, calls the API, refreshes, and is refused at every wrong step. */
@EngineTest
class PkceFlowIT {

    @Autowired WebTestClient client;
    @Autowired JdbcClient jdbc;

    private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {};

    private WebTestClient.ResponseSpec tokenJson(Map<String, String> body) {
        return client.post().uri("/v1/oauth/token").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private WebTestClient.ResponseSpec tokenForm(Map<String, String> body) {
        var form = new org.springframework.util.LinkedMultiValueMap<String, String>();
        body.forEach(form::add);
        return client.post().uri("/v1/oauth/token").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData(form)).exchange();
    }

    private Map<String, Object> ok(WebTestClient.ResponseSpec response) {
        return response.expectStatus().isOk()
                .expectHeader().valueEquals("Cache-Control", "no-store")
                .expectBody(MAP).returnResult().getResponseBody();
    }

    private void refused(WebTestClient.ResponseSpec response, int status, String error) {
        response.expectStatus().isEqualTo(status).expectBody().jsonPath("$.error").isEqualTo(error);
    }

    private Map<String, String> codeGrant(PkceClient pkce, String code) {
        return Map.of("grant_type", "authorization_code", "client_id", PkceClient.CLIENT_ID, "code", code,
                "code_verifier", pkce.verifier, "redirect_uri", PkceClient.REDIRECT_URI);
    }

    @Test
    void signsInCallsTheApiAndRefreshesWithBothEncodings() throws Exception {
        PkceClient pkce = new PkceClient();
        Map<String, String> redirect = pkce.authorize(client, "jane.traveler@example.com", p -> {});
        assertThat(redirect).containsEntry("state", PkceClient.STATE).containsKey("code");

        Map<String, Object> tokens = ok(tokenJson(codeGrant(pkce, redirect.get("code"))));
        assertThat(tokens).containsEntry("token_type", "Bearer").containsEntry("expires_in", 900);
        String accessToken = (String) tokens.get("access_token");
        var claims = SignedJWT.parse(accessToken).getJWTClaimsSet();
        assertThat(claims.getStringClaim("email")).isEqualTo("jane.traveler@example.com");
        assertThat(claims.getStringClaim("custom:user_id")).isNotBlank();
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(claims.getAudience()).contains(PkceClient.CLIENT_ID);

        client.get().uri("/v1/flights/providers/active").header("x-api-key", Partners.SANDBOX_KEY)
                .headers(h -> h.setBearerAuth(accessToken)).exchange().expectStatus().isOk();

        Map<String, Object> refreshed = ok(tokenForm(Map.of("grant_type", "refresh_token",
                "client_id", PkceClient.CLIENT_ID, "refresh_token", (String) tokens.get("refresh_token"))));
        assertThat(refreshed.get("refresh_token")).isNotNull().isNotEqualTo(tokens.get("refresh_token"));
        assertThat(SignedJWT.parse((String) refreshed.get("access_token")).getJWTClaimsSet().getStringClaim("custom:user_id"))
                .isEqualTo(claims.getStringClaim("custom:user_id"));
        client.get().uri("/v1/flights/providers/active").header("x-api-key", Partners.SANDBOX_KEY)
                .headers(h -> h.setBearerAuth((String) refreshed.get("access_token"))).exchange().expectStatus().isOk();
    }

    @Test
    void exchangesTheCodeInFormEncodingAndRefreshesInJson() {
        PkceClient pkce = new PkceClient();
        Map<String, Object> tokens = ok(tokenForm(codeGrant(pkce, pkce.code(client, "form@example.com"))));
        Map<String, Object> refreshed = ok(tokenJson(Map.of("grant_type", "refresh_token",
                "client_id", PkceClient.CLIENT_ID, "refresh_token", (String) tokens.get("refresh_token"))));
        client.get().uri("/v1/users/me").header("x-api-key", Partners.SANDBOX_KEY)
                .headers(h -> h.setBearerAuth((String) refreshed.get("access_token"))).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.email").isEqualTo("form@example.com");
    }

    @Test
    void givesConfiguredSupportStaffTheSupportGroup() throws Exception {
        PkceClient pkce = new PkceClient();
        Map<String, Object> agent = ok(tokenJson(codeGrant(pkce, pkce.code(client, "Support.Agent@movmo.io"))));
        var agentClaims = SignedJWT.parse((String) agent.get("access_token")).getJWTClaimsSet();
        assertThat(agentClaims.getStringListClaim("cognito:groups")).containsExactly("support");
        assertThat(agentClaims.getStringListClaim("groups")).containsExactly("support");
        PkceClient other = new PkceClient();
        Map<String, Object> traveler = ok(tokenJson(codeGrant(other, other.code(client, "traveler@example.com"))));
        assertThat(SignedJWT.parse((String) traveler.get("access_token")).getJWTClaimsSet().getClaim("cognito:groups")).isNull();
    }

    @Test
    void refusesACodeTwiceAndRevokesWhatItIssued() {
        PkceClient pkce = new PkceClient();
        String code = pkce.code(client, "twice@example.com");
        Map<String, Object> tokens = ok(tokenJson(codeGrant(pkce, code)));
        refused(tokenJson(codeGrant(pkce, code)), 400, "invalid_grant");
        refused(tokenJson(Map.of("grant_type", "refresh_token", "client_id", PkceClient.CLIENT_ID,
                "refresh_token", (String) tokens.get("refresh_token"))), 400, "invalid_grant");
    }

    @Test
    void reuseOfARotatedRefreshTokenRevokesTheFamily() {
        PkceClient pkce = new PkceClient();
        Map<String, Object> first = ok(tokenJson(codeGrant(pkce, pkce.code(client, "family@example.com"))));
        Map<String, String> refreshWithFirst = Map.of("grant_type", "refresh_token", "client_id", PkceClient.CLIENT_ID,
                "refresh_token", (String) first.get("refresh_token"));
        Map<String, Object> second = ok(tokenJson(refreshWithFirst));

        refused(tokenJson(refreshWithFirst), 400, "invalid_grant");
        refused(tokenJson(Map.of("grant_type", "refresh_token", "client_id", PkceClient.CLIENT_ID,
                "refresh_token", (String) second.get("refresh_token"))), 400, "invalid_grant");
    }

    @Test
    void revokesARefreshTokenAndItsFamily() {
        PkceClient pkce = new PkceClient();
        Map<String, Object> tokens = ok(tokenJson(codeGrant(pkce, pkce.code(client, "revoke@example.com"))));
        var form = new org.springframework.util.LinkedMultiValueMap<String, String>();
        form.add("token", (String) tokens.get("refresh_token"));
        form.add("token_type_hint", "refresh_token");
        form.add("client_id", PkceClient.CLIENT_ID);
        client.post().uri("/v1/oauth/revoke").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData(form)).exchange().expectStatus().isOk();
        refused(tokenJson(Map.of("grant_type", "refresh_token", "client_id", PkceClient.CLIENT_ID,
                "refresh_token", (String) tokens.get("refresh_token"))), 400, "invalid_grant");
        // Unknown tokens are revoked "successfully": callers learn nothing.
        client.post().uri("/v1/oauth/revoke").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("token", "never-issued", "client_id", PkceClient.CLIENT_ID)).exchange().expectStatus().isOk();
        refused(client.post().uri("/v1/oauth/revoke").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("token", "t", "client_id", "no-such-client")).exchange(), 400, "invalid_client");
    }

    @Test
    void refusesAWrongVerifierAndBurnsTheCode() {
        PkceClient pkce = new PkceClient();
        String code = pkce.code(client, "verifier@example.com");
        refused(tokenJson(Map.of("grant_type", "authorization_code", "client_id", PkceClient.CLIENT_ID, "code", code,
                "code_verifier", new PkceClient().verifier, "redirect_uri", PkceClient.REDIRECT_URI)), 400, "invalid_grant");
        // No second guess: the code was consumed by the failed attempt.
        refused(tokenJson(codeGrant(pkce, code)), 400, "invalid_grant");
    }

    @Test
    void refusesARedirectUriOtherThanTheAuthorizations() {
        PkceClient pkce = new PkceClient();
        String code = pkce.code(client, "redirect@example.com");
        refused(tokenJson(Map.of("grant_type", "authorization_code", "client_id", PkceClient.CLIENT_ID, "code", code,
                "code_verifier", pkce.verifier, "redirect_uri", "http://localhost:9999/elsewhere")), 400, "invalid_grant");
    }

    @Test
    void refusesAnExpiredCode() {
        PkceClient pkce = new PkceClient();
        String code = pkce.code(client, "expired@example.com");
        jdbc.sql("UPDATE sandbox_authorization_code SET expires_at = now() - interval '1 second' WHERE code_hash = :h")
                .param("h", io.movmo.booking.identity.ApiKeys.hash(code)).update();
        client.post().uri("/v1/oauth/token").contentType(MediaType.APPLICATION_JSON).bodyValue(codeGrant(pkce, code))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error").isEqualTo("invalid_grant")
                .jsonPath("$.error_description").isEqualTo("authorization code has expired");
    }

    @Test
    void requiresTheSameResourceAsTheAuthorization() {
        PkceClient pkce = new PkceClient();
        String code = pkce.authorize(client, "resource@example.com", p -> p.put("resource", "https://api.movmo.io")).get("code");
        Map<String, String> grant = new java.util.HashMap<>(codeGrant(pkce, code));
        grant.put("resource", "https://e2e.api.movmo.io"); // served, but not the one authorized
        refused(tokenJson(grant), 400, "invalid_target");

        PkceClient same = new PkceClient();
        Map<String, String> sameGrant = new java.util.HashMap<>(codeGrant(same, same.authorize(client, "resource2@example.com",
                p -> p.put("resource", "https://api.movmo.io")).get("code")));
        sameGrant.put("resource", "https://api.movmo.io");
        ok(tokenJson(sameGrant));
    }

    @Test
    void refusesResourcesThisEngineDoesNotServe() {
        PkceClient pkce = new PkceClient();
        assertThat(pkce.authorize(client, "elsewhere@example.com", p -> p.put("resource", "https://evil.example.com")))
                .containsEntry("error", "invalid_target");
    }

    @Test
    void authorizeRedirectsErrorsBackToTheClientWithState() {
        PkceClient pkce = new PkceClient();
        Map<String, String> plain = pkce.authorize(client, "x@example.com", p -> p.put("code_challenge_method", "plain"));
        assertThat(plain).containsEntry("error", "invalid_request").containsEntry("state", PkceClient.STATE).doesNotContainKey("code");
        Map<String, String> noHint = pkce.authorize(client, "", p -> p.remove("login_hint"));
        assertThat(noHint).containsEntry("error", "invalid_request");
    }

    @Test
    void authorizeNeverRedirectsToAnUnregisteredUri() {
        PkceClient pkce = new PkceClient();
        client.get().uri(b -> b.path("/v1/oauth/authorize").queryParam("response_type", "code")
                        .queryParam("client_id", PkceClient.CLIENT_ID).queryParam("redirect_uri", "https://evil.example.com/cb")
                        .queryParam("code_challenge", pkce.challenge).queryParam("code_challenge_method", "S256")
                        .queryParam("login_hint", "a@example.com").build())
                .exchange().expectStatus().isBadRequest()
                .expectHeader().doesNotExist("Location")
                .expectBody().jsonPath("$.error").isEqualTo("invalid_redirect_uri");
    }

    @Test
    void answersTokenEndpointMistakesInTheOAuthEnvelope() {
        refused(tokenJson(Map.of("grant_type", "password", "client_id", PkceClient.CLIENT_ID)), 400, "unsupported_grant_type");
        refused(tokenJson(Map.of("client_id", PkceClient.CLIENT_ID)), 400, "invalid_request");
        refused(tokenJson(Map.of("grant_type", "authorization_code", "client_id", "no-such-client", "code", "c",
                "code_verifier", "v".repeat(43), "redirect_uri", PkceClient.REDIRECT_URI)), 400, "invalid_client");
        refused(tokenJson(Map.of("grant_type", "refresh_token", "client_id", PkceClient.CLIENT_ID)), 400, "missing_refresh_token");
        refused(client.post().uri("/v1/oauth/token").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"grant_type\":").exchange(),
                400, "invalid_request");
        refused(client.post().uri("/v1/oauth/token").contentType(MediaType.TEXT_PLAIN).bodyValue("grant_type=x").exchange(),
                415, "invalid_request");
    }
}
