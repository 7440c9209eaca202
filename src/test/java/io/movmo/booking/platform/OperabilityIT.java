package io.movmo.booking.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.movmo.booking.testing.EngineTest;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Probes, metrics and the contract are reachable without credentials, as orchestrators and partners need them. */
@EngineTest
class OperabilityIT {

    @Autowired WebTestClient client;

    @Test
    void reportsReadinessIncludingDatabaseAndProcessors() {
        client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
        client.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
    }

    @Test
    void turnsNotReadyWhileAnEventProcessorIsStopped(@Autowired EventProcessingConfiguration processing) {
        EventProcessor projection = processing.eventProcessor("probe-projection").orElseThrow();
        projection.shutDown();
        try {
            client.get().uri("/actuator/health/readiness").exchange().expectStatus().isEqualTo(503)
                    .expectBody().jsonPath("$.status").isEqualTo("DOWN");
        } finally {
            projection.start();
        }
        client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
    }

    @Test
    void exposesPrometheusMetrics() {
        String metrics = client.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(metrics).contains("jvm_memory_used_bytes").contains("http_server_requests");
    }

    @Test
    void publishesEachProcessorsLagAsAMetricAndInTheProcessorsHealth() {
        String metrics = client.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        for (String processor : new String[] {"bookings", "offers", "passengers", "user-profiles"}) {
            java.util.regex.Matcher gauge = java.util.regex.Pattern.compile(
                    "(?m)^movmo_processor_lag_events\\{[^}]*processor=\"" + processor + "\"[^}]*} (\\S+)$").matcher(metrics);
            assertThat(gauge.find()).as("gauge for %s", processor).isTrue();
            assertThat(Double.parseDouble(gauge.group(1))).as("lag of %s", processor).isGreaterThanOrEqualTo(0);
        }
        client.get().uri("/actuator/health/processors").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components.processorLag.details.head").isNumber()
                .jsonPath("$.components.processorLag.details.lag.bookings").value(Number.class,
                        lag -> assertThat(lag.longValue()).isGreaterThanOrEqualTo(0))
                .jsonPath("$.components.processorLag.details.lag.offers").isNumber()
                .jsonPath("$.components.axonProcessors.details.processors.bookings.running").isEqualTo(true);
        // The other health routes still show no details.
        client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.components").doesNotExist();
    }

    @Test
    void servesTheContract() {
        String spec = client.get().uri("/openapi.yaml").exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith("application/yaml")
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(spec).contains("openapi: 3.1.0").contains("/v1/flights/providers/{provider}/capabilities");
    }

    @Test
    void everyTestClientRefusesResponsesOutsideTheContract(@Autowired io.movmo.booking.testing.TestTokens tokens) {
        assertThatThrownBy(() -> client.get().uri("/v1/probe-outside-contract")
                .header("x-api-key", io.movmo.booking.testing.Partners.SANDBOX_KEY)
                .headers(h -> h.setBearerAuth(tokens.forUser("u-contract")))
                .exchange())
                .rootCause().isInstanceOf(AssertionError.class).hasMessageContaining("/v1/probe-outside-contract");
    }

    @Test
    void publishesTheSandboxIssuerKeys() {
        client.get().uri("/.well-known/jwks.json").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.keys[0].kty").isEqualTo("RSA")
                .jsonPath("$.keys[0].alg").isEqualTo("RS256")
                .jsonPath("$.keys[0].d").doesNotExist();
    }
}
