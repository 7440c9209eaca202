package io.movmo.booking.identity.oauth;

import io.movmo.booking.testing.EngineTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Both discovery paths serve the same RFC 8414 metadata, without credentials. */
@EngineTest
class DiscoveryIT {

    @Autowired WebTestClient client;

    @Test
    void servesTheSameMetadataAtBothPaths() {
        byte[] oauth = client.get().uri("/.well-known/oauth-authorization-server").exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.token_endpoint").value(v -> org.assertj.core.api.Assertions.assertThat((String) v).endsWith("/v1/oauth/token"))
                .jsonPath("$.authorization_endpoint").value(v -> org.assertj.core.api.Assertions.assertThat((String) v).endsWith("/v1/oauth/authorize"))
                .jsonPath("$.jwks_uri").value(v -> org.assertj.core.api.Assertions.assertThat((String) v).endsWith("/.well-known/jwks.json"))
                .jsonPath("$.code_challenge_methods_supported[0]").isEqualTo("S256")
                .jsonPath("$.id_token_signing_alg_values_supported[0]").isEqualTo("RS256")
                .jsonPath("$.registration_endpoint").doesNotExist()
                .jsonPath("$.grant_types_supported").isEqualTo(java.util.List.of("authorization_code", "refresh_token"))
                .returnResult().getResponseBody();
        client.get().uri("/.well-known/openid-configuration").exchange().expectStatus().isOk()
                .expectBody().json(new String(oauth));
    }
}
