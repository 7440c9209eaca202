package io.movmo.booking.providers;

import static org.assertj.core.api.Assertions.assertThat;

import io.movmo.booking.testing.EngineTest;
import io.movmo.booking.testing.Partners;
import io.movmo.booking.testing.TestTokens;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The provider catalog routes answer as the seed says, for partners with and without a signed-in user. */
@EngineTest
class ProviderRoutesIT {

    @Autowired WebTestClient client;
    @Autowired TestTokens tokens;
    String token;

    @BeforeEach
    void setUp() {
        token = tokens.forUser("user-" + System.nanoTime());
    }

    private List<Map<String, Object>> providers(String path) {
        return client.get().uri(path).header("x-api-key", Partners.SANDBOX_KEY).headers(h -> h.setBearerAuth(token))
                .exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() {}).returnResult().getResponseBody();
    }

    @Test
    void listsEveryProviderOfTheCatalog() {
        assertThat(providers("/v1/flights/providers")).extracting(p -> p.get("id"))
                .containsExactlyInAnyOrder("darwin", "duffel", "amadeus", "dohop");
    }

    @Test
    void listsOnlyActiveProvidersInPriorityOrder() {
        List<Map<String, Object>> active = providers("/v1/flights/providers/active");
        assertThat(active).extracting(p -> p.get("id")).containsExactly("darwin", "duffel", "amadeus");
        assertThat(active).allSatisfy(p -> assertThat(p.get("is_active")).isEqualTo(true));
        assertThat(active).extracting(p -> (Integer) p.get("priority")).isSorted();
    }

    @Test
    void servesOneProviderWithCapabilitiesAndConfig() {
        client.get().uri("/v1/flights/providers/duffel").header("x-api-key", Partners.SANDBOX_KEY)
                .headers(h -> h.setBearerAuth(token))
                .exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.id").isEqualTo("duffel")
                .jsonPath("$.type").isEqualTo("NDC")
                .jsonPath("$.capabilities.supports_hold_booking").isEqualTo(true)
                .jsonPath("$.config.api_version").isEqualTo("v2")
                .jsonPath("$.booking_flows").doesNotExist();
    }

    @Test
    void answersUnknownProviderWithNotFoundEnvelope() {
        client.get().uri("/v1/flights/providers/skyscanner").header("x-api-key", Partners.SANDBOX_KEY)
                .headers(h -> h.setBearerAuth(token))
                .exchange().expectStatus().isNotFound()
                .expectBody()
                .jsonPath("$.message").isEqualTo("provider not found")
                .jsonPath("$.status_code").isEqualTo(404);
    }

    @Test
    void servesCapabilitiesWithTheApiKeyAlone() {
        client.get().uri("/v1/flights/providers/amadeus/capabilities").header("x-api-key", Partners.SANDBOX_KEY)
                .exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.requires_pricing").isEqualTo(true)
                .jsonPath("$.max_passengers").isEqualTo(9);
    }

    @Test
    void ignoresAnExpiredTokenOnTheKeyOnlyRoute() {
        String expired = tokens.forUser("u1", c -> c.expirationTime(Date.from(Instant.now().minusSeconds(3600))));
        client.get().uri("/v1/flights/providers/darwin/capabilities").header("x-api-key", Partners.SANDBOX_KEY)
                .headers(h -> h.setBearerAuth(expired))
                .exchange().expectStatus().isOk();
    }

    @Test
    void servesBookingFlows() {
        client.get().uri("/v1/flights/providers/duffel/booking-flows").header("x-api-key", Partners.SANDBOX_KEY)
                .headers(h -> h.setBearerAuth(token))
                .exchange().expectStatus().isOk()
                .expectBody().json("[\"direct\",\"hold_then_confirm\"]");
    }

    @Test
    void refusesCatalogWithoutApiKey() {
        client.get().uri("/v1/flights/providers").headers(h -> h.setBearerAuth(token))
                .exchange().expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.message").isEqualTo("unauthorized")
                .jsonPath("$.details").isEqualTo("x-api-key header is missing");
        client.get().uri("/v1/flights/providers/darwin/capabilities")
                .exchange().expectStatus().isUnauthorized();
    }

    @Test
    void refusesUnknownApiKey() {
        client.get().uri("/v1/flights/providers/darwin/capabilities").header("x-api-key", "not-a-key")
                .exchange().expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.details").isEqualTo("x-api-key is not valid");
    }

    @Test
    void refusesUserRoutesWithoutToken() {
        client.get().uri("/v1/flights/providers").header("x-api-key", Partners.SANDBOX_KEY)
                .exchange().expectStatus().isUnauthorized()
                .expectHeader().valueEquals("WWW-Authenticate", "Bearer")
                .expectBody().jsonPath("$.details").isEqualTo("a user bearer token is required");
    }
}
