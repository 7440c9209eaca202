package io.movmo.booking.identity.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import io.movmo.booking.testing.EngineTest;
import io.movmo.booking.testing.Partners;
import io.movmo.booking.testing.TestTokens;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Sandbox signing keys rotate without breaking issued tokens, retire on request, and reach every node. */
@EngineTest
class SigningKeyRotationIT {

    @Autowired WebTestClient client;
    @Autowired TestTokens tokens;
    @Autowired SandboxSigningKeys keys;
    @Autowired JdbcClient jdbc;

    private String admin() {
        return tokens.forUser(UUID.randomUUID().toString(), c -> c.claim("cognito:groups", List.of("admin")));
    }

    private WebTestClient.ResponseSpec callApi(String token) {
        return client.get().uri("/v1/flights/providers").header("x-api-key", Partners.SANDBOX_KEY)
                .headers(h -> h.setBearerAuth(token)).exchange();
    }

    @Test
    void rotatesWithoutBreakingIssuedTokensAndRetiresOnRequest() throws Exception {
        String before = tokens.forUser(UUID.randomUUID().toString());
        String oldKid = SignedJWT.parse(before).getHeader().getKeyID();

        Map<String, Object> rotated = client.post().uri("/v1/admin/sandbox/signing-keys").header("x-api-key", Partners.SANDBOX_KEY)
                .headers(h -> h.setBearerAuth(admin())).exchange().expectStatus().isCreated()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {}).returnResult().getResponseBody();
        String newKid = (String) rotated.get("kid");
        assertThat(newKid).isNotEqualTo(oldKid);

        client.get().uri("/.well-known/jwks.json").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.keys[*].kid").value(kids -> assertThat(String.valueOf(kids)).contains(oldKid).contains(newKid));
        String after = tokens.forUser(UUID.randomUUID().toString());
        assertThat(SignedJWT.parse(after).getHeader().getKeyID()).isEqualTo(newKid);
        callApi(before).expectStatus().isOk();
        callApi(after).expectStatus().isOk();

        client.delete().uri("/v1/admin/sandbox/signing-keys/{kid}", oldKid).header("x-api-key", Partners.SANDBOX_KEY)
                .headers(h -> h.setBearerAuth(admin())).exchange().expectStatus().isNoContent();
        callApi(before).expectStatus().isUnauthorized();
        callApi(after).expectStatus().isOk();
    }

    @Test
    void neverRetiresTheLastKeyAndAnswersUnknownOnes() {
        client.delete().uri("/v1/admin/sandbox/signing-keys/{kid}", "no-such-kid").header("x-api-key", Partners.SANDBOX_KEY)
                .headers(h -> h.setBearerAuth(admin())).exchange().expectStatus().isNotFound();
        List<String> active = jdbc.sql("SELECT kid FROM sandbox_signing_key WHERE retired_at IS NULL").query(String.class).list();
        for (int i = 0; i < active.size() - 1; i++) {
            keys.retire(active.get(i));
        }
        String last = active.get(active.size() - 1);
        client.delete().uri("/v1/admin/sandbox/signing-keys/{kid}", last).header("x-api-key", Partners.SANDBOX_KEY)
                .headers(h -> h.setBearerAuth(admin())).exchange().expectStatus().isEqualTo(409);
    }

    @Test
    void onlyAdminsRotate() {
        client.post().uri("/v1/admin/sandbox/signing-keys").header("x-api-key", Partners.SANDBOX_KEY)
                .headers(h -> h.setBearerAuth(tokens.forUser(UUID.randomUUID().toString()))).exchange()
                .expectStatus().isForbidden();
    }

    @Test
    void honoursARetirementMadeOnAnotherNode() throws Exception {
        keys.rotate();
        String token = tokens.forUser(UUID.randomUUID().toString());
        String kid = SignedJWT.parse(token).getHeader().getKeyID();
        keys.rotate(); // a newer key signs from now on; the token's key stays published
        callApi(token).expectStatus().isOk();
        jdbc.sql("UPDATE sandbox_signing_key SET retired_at = now() WHERE kid = :kid").param("kid", kid).update();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() ->
                callApi(token).expectStatus().isUnauthorized());
    }

    @Test
    void picksUpAKeyAnotherNodeAdded() throws Exception {
        RSAKey otherNodes = new RSAKeyGenerator(2048).keyID("other-node-" + UUID.randomUUID()).generate();
        jdbc.sql("INSERT INTO sandbox_signing_key (kid, private_key, created_at) VALUES (:kid, :pk, now() - interval '1 hour')")
                .param("kid", otherNodes.getKeyID()).param("pk", otherNodes.toRSAPrivateKey().getEncoded()).update();
        callApi(TestTokens.sign(tokens.claims(UUID.randomUUID().toString()).build(), otherNodes)).expectStatus().isOk();
    }
}
