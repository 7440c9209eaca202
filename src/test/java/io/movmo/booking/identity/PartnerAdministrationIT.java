package io.movmo.booking.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.movmo.booking.identity.oauth.OAuthClients;
import io.movmo.booking.testing.EngineTest;
import io.movmo.booking.testing.Partners;
import io.movmo.booking.testing.TestTokens;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Admins create partners, issue and revoke their API keys and register their OAuth clients over HTTP. Clear keys
 * and secrets are answered once and never stored; everyone else is refused before anything is touched.
 */
@EngineTest
class PartnerAdministrationIT {

    static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {};
    static final String CAPABILITIES = "/v1/flights/providers/darwin/capabilities";

    @Autowired WebTestClient client;
    @Autowired TestTokens tokens;
    @Autowired JdbcClient jdbc;
    @Autowired OAuthClients oauthClients;
    String admin;

    @BeforeEach
    void signInAsAdmin() {
        admin = tokens.forUser("admin-" + UUID.randomUUID(), c -> c.claim("cognito:groups", List.of("admin")));
    }

    private WebTestClient.ResponseSpec call(HttpMethod method, String path, String token, Object body) {
        WebTestClient.RequestBodySpec request = client.method(method).uri(path)
                .header("x-api-key", Partners.SANDBOX_KEY).headers(h -> h.setBearerAuth(token));
        return body == null ? request.exchange() : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private Map<String, Object> createPartner(String name) {
        return call(HttpMethod.POST, "/v1/admin/partners", admin, Map.of("name", name))
                .expectStatus().isCreated()
                .expectHeader().cacheControl(org.springframework.http.CacheControl.noStore())
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> apiKeyOf(Map<String, Object> partner) {
        return (Map<String, Object>) partner.get("api_key");
    }

    private static String unique(String name) {
        return name + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    private WebTestClient.ResponseSpec capabilitiesWith(String apiKey) {
        return client.get().uri(CAPABILITIES).header("x-api-key", apiKey).exchange();
    }

    @Test
    void createdPartnersKeyWorksAtOnceAndOnlyItsHashIsStored() {
        String name = unique("Aviare Travel");
        Map<String, Object> partner = createPartner(name);
        String partnerId = (String) partner.get("partner_id");
        String apiKey = (String) apiKeyOf(partner).get("api_key");

        assertThat(partnerId).isEqualTo(name.toLowerCase().replace(' ', '-'));
        assertThat(partner).containsEntry("name", name).containsEntry("active_keys", 1).containsEntry("oauth_clients", List.of());
        assertThat(apiKey).startsWith("mk_").hasSize(3 + 43);
        assertThat(apiKeyOf(partner)).containsEntry("key_prefix", apiKey.substring(0, 8));
        capabilitiesWith(apiKey).expectStatus().isOk();

        List<Map<String, Object>> rows = jdbc.sql("SELECT * FROM partner_api_key WHERE partner_id = :id")
                .param("id", partnerId).query().listOfRows();
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.get("key_hash")).isEqualTo(ApiKeys.hash(apiKey));
            assertThat(row.get("key_id")).hasToString((String) apiKeyOf(partner).get("key_id"));
        });
        assertThat(rows).allSatisfy(row -> assertThat(row.values()).noneMatch(v -> String.valueOf(v).contains(apiKey)));
    }

    @Test
    void revokedKeyIsRefusedAtOnceWhileThePartnersOtherKeysKeepWorking() {
        Map<String, Object> partner = createPartner(unique("Rotating"));
        String partnerId = (String) partner.get("partner_id");
        String first = (String) apiKeyOf(partner).get("api_key");
        Map<String, Object> second = call(HttpMethod.POST, "/v1/admin/partners/" + partnerId + "/api-keys", admin, null)
                .expectStatus().isCreated()
                .expectHeader().cacheControl(org.springframework.http.CacheControl.noStore())
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();
        capabilitiesWith((String) second.get("api_key")).expectStatus().isOk();

        String revoke = "/v1/admin/partners/" + partnerId + "/api-keys/" + apiKeyOf(partner).get("key_id");
        call(HttpMethod.DELETE, revoke, admin, null).expectStatus().isNoContent().expectBody().isEmpty();

        capabilitiesWith(first).expectStatus().isUnauthorized();
        capabilitiesWith((String) second.get("api_key")).expectStatus().isOk();
        call(HttpMethod.DELETE, revoke, admin, null).expectStatus().isNoContent();
        assertThat(jdbc.sql("SELECT count(*) FROM partner_api_key WHERE partner_id = :id AND revoked_at IS NULL")
                .param("id", partnerId).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void confidentialClientGetsItsSecretOnceAndOnlyItsHashIsStored() {
        String partnerId = (String) createPartner(unique("Skyward")).get("partner_id");
        Map<String, Object> registered = call(HttpMethod.POST, "/v1/admin/partners/" + partnerId + "/oauth-clients", admin,
                Map.of("redirect_uris", List.of("https://skyward.example.com/callback"), "confidential", true))
                .expectStatus().isCreated()
                .expectHeader().cacheControl(org.springframework.http.CacheControl.noStore())
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();
        String clientId = (String) registered.get("client_id");
        String secret = (String) registered.get("client_secret");

        assertThat(clientId).matches(partnerId + "-[a-z0-9]{8}");
        assertThat(registered).containsEntry("confidential", true).containsEntry("allow_loopback", false)
                .containsEntry("redirect_uris", List.of("https://skyward.example.com/callback"));
        assertThat(jdbc.sql("SELECT secret_hash FROM oauth_client WHERE client_id = :id").param("id", clientId)
                .query(String.class).single()).isEqualTo(ApiKeys.hash(secret));
        assertThat(oauthClients.find(clientId)).hasValueSatisfying(c -> assertThat(c.secretMatches(secret)).isTrue());

        List<Map<String, Object>> partners = call(HttpMethod.GET, "/v1/admin/partners", admin, null)
                .expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() {}).returnResult().getResponseBody();
        assertThat(partners).filteredOn(p -> partnerId.equals(p.get("partner_id"))).singleElement()
                .satisfies(p -> assertThat(p.get("oauth_clients")).isEqualTo(List.of(Map.of("client_id", clientId,
                        "confidential", true, "redirect_uris", List.of("https://skyward.example.com/callback"),
                        "allow_loopback", false))));
    }

    @Test
    void confidentialClientMayBeRegisteredWithItsIdentityProvidersSecret() {
        String partnerId = (String) createPartner(unique("Cirrus")).get("partner_id");
        String cognitoSecret = "cognito-app-client-secret-" + UUID.randomUUID();
        Map<String, Object> registered = call(HttpMethod.POST, "/v1/admin/partners/" + partnerId + "/oauth-clients", admin,
                Map.of("client_id", "cirrus-" + UUID.randomUUID().toString().substring(0, 8),
                        "redirect_uris", List.of("https://cirrus.example.com/callback"), "confidential", true,
                        "client_secret", cognitoSecret))
                .expectStatus().isCreated()
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();
        assertThat(registered).doesNotContainKey("client_secret"); // a provided secret is never echoed
        assertThat(oauthClients.find((String) registered.get("client_id")))
                .hasValueSatisfying(c -> assertThat(c.secretMatches(cognitoSecret)).isTrue());

        call(HttpMethod.POST, "/v1/admin/partners/" + partnerId + "/oauth-clients", admin,
                Map.of("redirect_uris", List.of("https://cirrus.example.com/cb2"), "confidential", false,
                        "client_secret", cognitoSecret))
                .expectStatus().isBadRequest();
    }

    @Test
    void publicClientKeepsItsChosenIdAndGetsNoSecret() {
        String partnerId = (String) createPartner(unique("Nomad")).get("partner_id");
        String clientId = partnerId + ".ios";
        call(HttpMethod.POST, "/v1/admin/partners/" + partnerId + "/oauth-clients", admin,
                Map.of("client_id", clientId, "redirect_uris", List.of(), "confidential", false, "allow_loopback", true))
                .expectStatus().isCreated()
                .expectBody()
                .jsonPath("$.client_id").isEqualTo(clientId)
                .jsonPath("$.client_secret").doesNotExist();

        assertThat(oauthClients.find(clientId)).hasValueSatisfying(c -> {
            assertThat(c.confidential()).isFalse();
            assertThat(c.secretHash()).isNull();
            assertThat(c.acceptsRedirect("http://127.0.0.1:53682/callback")).isTrue();
        });
    }

    @Test
    void listsEveryPartnerWithItsActiveKeys() {
        String partnerId = (String) createPartner(unique("Listed")).get("partner_id");
        List<Map<String, Object>> partners = call(HttpMethod.GET, "/v1/admin/partners", admin, null)
                .expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() {}).returnResult().getResponseBody();
        assertThat(partners).extracting(p -> p.get("partner_id")).contains("sandbox", partnerId);
        assertThat(partners).filteredOn(p -> partnerId.equals(p.get("partner_id"))).singleElement()
                .satisfies(p -> assertThat(p).containsEntry("active_keys", 1).doesNotContainKey("api_key"));
    }

    @Test
    void nonAdminsAreForbiddenAndNothingIsCreated() {
        String revoke = "/v1/admin/partners/sandbox/api-keys/" + jdbc.sql(
                "SELECT key_id FROM partner_api_key WHERE partner_id = 'sandbox' AND revoked_at IS NULL")
                .query(UUID.class).list().get(0);
        String counts = "SELECT (SELECT count(*) FROM partner) || '/' || (SELECT count(*) FROM partner_api_key WHERE revoked_at IS NULL)"
                + " || '/' || (SELECT count(*) FROM oauth_client)";
        String before = jdbc.sql(counts).query(String.class).single();

        for (String token : List.of(tokens.forUser("plain-user"),
                tokens.forUser("support-user", c -> c.claim("cognito:groups", List.of("support"))))) {
            call(HttpMethod.POST, "/v1/admin/partners", token, Map.of("name", unique("Sneaky"))).expectStatus().isForbidden()
                    .expectBody().jsonPath("$.message").isEqualTo("not allowed");
            call(HttpMethod.POST, "/v1/admin/partners", token, Map.of()).expectStatus().isForbidden();
            call(HttpMethod.GET, "/v1/admin/partners", token, null).expectStatus().isForbidden();
            call(HttpMethod.POST, "/v1/admin/partners/sandbox/api-keys", token, null).expectStatus().isForbidden();
            call(HttpMethod.DELETE, revoke, token, null).expectStatus().isForbidden();
            call(HttpMethod.POST, "/v1/admin/partners/sandbox/oauth-clients", token,
                    Map.of("redirect_uris", List.of("https://evil.example.com/cb"), "confidential", true))
                    .expectStatus().isForbidden();
        }

        assertThat(jdbc.sql(counts).query(String.class).single()).isEqualTo(before);
        capabilitiesWith(Partners.SANDBOX_KEY).expectStatus().isOk();
    }

    @Test
    void duplicatePartnersAndClientIdsAreConflicts() {
        String name = unique("Twice");
        String partnerId = (String) createPartner(name).get("partner_id");
        call(HttpMethod.POST, "/v1/admin/partners", admin, Map.of("name", name)).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.message").isEqualTo("partner already exists");
        // Another spelling of the same name gives the same id.
        call(HttpMethod.POST, "/v1/admin/partners", admin, Map.of("name", "  " + name.toUpperCase() + "!"))
                .expectStatus().isEqualTo(409);

        Map<String, Object> client = Map.of("client_id", partnerId + "-web", "redirect_uris",
                List.of("https://twice.example.com/cb"), "confidential", false);
        String clients = "/v1/admin/partners/" + partnerId + "/oauth-clients";
        call(HttpMethod.POST, clients, admin, client).expectStatus().isCreated();
        call(HttpMethod.POST, clients, admin, client).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.message").isEqualTo("client_id already registered");
        call(HttpMethod.POST, "/v1/admin/partners/sandbox/oauth-clients", admin, client).expectStatus().isEqualTo(409);
    }

    @Test
    void invalidBodiesAreValidationErrors() {
        call(HttpMethod.POST, "/v1/admin/partners", admin, Map.of()).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.message").isEqualTo("Validation failed").jsonPath("$.fields.name.field").isEqualTo("name");
        call(HttpMethod.POST, "/v1/admin/partners", admin, Map.of("name", " ")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.fields.name").exists();

        String clients = "/v1/admin/partners/sandbox/oauth-clients";
        call(HttpMethod.POST, clients, admin, Map.of("client_id", "no spaces allowed")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.message").isEqualTo("Validation failed")
                .jsonPath("$.fields.client_id").exists()
                .jsonPath("$.fields.redirect_uris").exists()
                .jsonPath("$.fields.confidential").exists();
        call(HttpMethod.POST, "/v1/admin/partners", admin, "{\"name\": ").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.message").isEqualTo("malformed JSON request body");
    }

    @Test
    void namesWithoutAnIdAndUnsafeRedirectUrisAreRefused() {
        call(HttpMethod.POST, "/v1/admin/partners", admin, Map.of("name", "!")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.message").isEqualTo("invalid partner name");
        call(HttpMethod.POST, "/v1/admin/partners", admin, Map.of("name", "x".repeat(65))).expectStatus().isBadRequest();

        String clients = "/v1/admin/partners/sandbox/oauth-clients";
        for (String uri : List.of("http://partner.example.com/cb", "https://partner.example.com/cb#frag", "/relative/cb",
                "javascript:alert(1)", "not a uri", "https://user@partner.example.com/cb")) {
            call(HttpMethod.POST, clients, admin, Map.of("redirect_uris", List.of(uri), "confidential", false))
                    .expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.message").isEqualTo("invalid redirect_uri");
        }
        call(HttpMethod.POST, clients, admin, Map.of("redirect_uris", List.of(), "confidential", false))
                .expectStatus().isBadRequest();
        call(HttpMethod.POST, clients, admin, Map.of("client_id", "sandbox-local", "confidential", false,
                "redirect_uris", List.of("http://localhost:8000/cb", "http://127.0.0.1/cb"))).expectStatus().isCreated();
    }

    @Test
    void unknownPartnersAndKeysAreNotFound() {
        call(HttpMethod.POST, "/v1/admin/partners/nobody/api-keys", admin, null).expectStatus().isNotFound()
                .expectBody().jsonPath("$.message").isEqualTo("partner not found");
        call(HttpMethod.DELETE, "/v1/admin/partners/nobody/api-keys/" + UUID.randomUUID(), admin, null).expectStatus().isNotFound();
        call(HttpMethod.POST, "/v1/admin/partners/nobody/oauth-clients", admin,
                Map.of("redirect_uris", List.of("https://nobody.example.com/cb"), "confidential", false)).expectStatus().isNotFound();
        call(HttpMethod.DELETE, "/v1/admin/partners/sandbox/api-keys/" + UUID.randomUUID(), admin, null).expectStatus().isNotFound()
                .expectBody().jsonPath("$.message").isEqualTo("API key not found");
        call(HttpMethod.DELETE, "/v1/admin/partners/sandbox/api-keys/not-a-uuid", admin, null).expectStatus().isNotFound();

        // A key is revoked only through the partner that owns it.
        Map<String, Object> other = createPartner(unique("Owner"));
        call(HttpMethod.DELETE, "/v1/admin/partners/sandbox/api-keys/" + apiKeyOf(other).get("key_id"), admin, null)
                .expectStatus().isNotFound();
        capabilitiesWith((String) apiKeyOf(other).get("api_key")).expectStatus().isOk();
    }
}
