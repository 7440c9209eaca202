package io.movmo.booking.web.ratelimit;

import io.movmo.booking.MovmoBookingApplication;
import io.movmo.booking.testing.OpenApiValidatingFilter;
import io.movmo.booking.testing.Partners;
import io.movmo.booking.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/** In the real filter chain, a partner over its allowance gets 429 with Retry-After; bad keys spend none of it. */
class RateLimitIT {

    @Test
    void refusesAPartnerOverItsAllowance() {
        try (ConfigurableApplicationContext engine = new SpringApplicationBuilder(MovmoBookingApplication.class).run(
                "--server.port=0", "--movmo.database.url=" + TestPostgres.get().createDatabase(),
                "--movmo.rate-limit.requests-per-second=0.01", "--movmo.rate-limit.burst=2")) {
            int port = ((WebServerApplicationContext) engine).getWebServer().getPort();
            WebTestClient client = OpenApiValidatingFilter.validating(
                    WebTestClient.bindToServer().baseUrl("http://localhost:" + port)).build();
            String path = "/v1/flights/providers/darwin/capabilities";

            client.get().uri(path).header("x-api-key", "not-a-key").exchange().expectStatus().isUnauthorized();
            client.get().uri(path).header("x-api-key", Partners.SANDBOX_KEY).exchange().expectStatus().isOk();
            client.get().uri(path).header("x-api-key", Partners.SANDBOX_KEY).exchange().expectStatus().isOk();
            client.get().uri(path).header("x-api-key", Partners.SANDBOX_KEY).exchange()
                    .expectStatus().isEqualTo(429)
                    .expectHeader().exists("Retry-After")
                    .expectBody().jsonPath("$.message").isEqualTo("rate limit exceeded");
            client.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        }
    }
}
