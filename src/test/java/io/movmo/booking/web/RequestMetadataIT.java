package io.movmo.booking.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.movmo.booking.testing.EngineTest;
import io.movmo.booking.testing.Partners;
import io.movmo.booking.testing.TestTokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The request id, partner and user of a request reach the metadata of the events it causes. */
@EngineTest
@ExtendWith(OutputCaptureExtension.class)
class RequestMetadataIT {

    @Autowired WebTestClient client;
    @Autowired TestTokens tokens;
    @Autowired JdbcClient jdbc;

    @Test
    void carriesRequestPartnerAndUserIntoStoredEventMetadata() {
        String probeId = "probe-" + UUID.randomUUID();
        client.post().uri("/test/probes/{id}", probeId)
                .header("x-api-key", Partners.SANDBOX_KEY)
                .headers(h -> h.setBearerAuth(tokens.forUser("user-meta-1")))
                .header("X-Request-Id", "req-meta-1")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"note\":\"hi\"}")
                .exchange().expectStatus().isCreated()
                // JDBC work never runs on a Netty event loop: commands are handled on the command pool.
                .expectBody().jsonPath("$.handled_on").value(t -> assertThat((String) t).startsWith("movmo-command-"));

        byte[] metadata = jdbc.sql("SELECT metadata FROM domainevententry WHERE aggregateidentifier = :id")
                .param("id", probeId).query(byte[].class).single();
        JsonNode meta = JsonMapper.builder().build().readTree(new String(metadata, StandardCharsets.UTF_8));
        assertThat(meta.get("requestId").asString()).isEqualTo("req-meta-1");
        assertThat(meta.get("partnerId").asString()).isEqualTo("sandbox");
        assertThat(meta.get("userId").asString()).isEqualTo(TestTokens.userId("user-meta-1"));
        assertThat(meta.has("correlationId")).isTrue();
    }

    @Test
    void logsEachRequestAsStructuredLineWithItsRequestId(CapturedOutput output) {
        client.get().uri("/v1/flights/providers/darwin/capabilities").header("x-api-key", Partners.SANDBOX_KEY)
                .header("X-Request-Id", "req-log-1")
                .exchange().expectStatus().isOk();
        // The access line is written when the exchange completes, which may be just after the client has its answer.
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(output.getOut().lines().filter(l -> l.contains("req-log-1")))
                        .anySatisfy(line -> assertThat(line)
                                .startsWith("{")
                                .contains("\"request_id\":\"req-log-1\"")
                                .contains("GET /v1/flights/providers/darwin/capabilities -> 200")));
    }

    @Test
    void logsErrorsWithTheirRealStatusAndRequestId(CapturedOutput output) {
        client.get().uri("/v1/nowhere").header("x-api-key", Partners.SANDBOX_KEY)
                .headers(h -> h.setBearerAuth(tokens.forUser("user-log")))
                .header("X-Request-Id", "req-log-404")
                .exchange().expectStatus().isNotFound()
                .expectHeader().valueEquals("X-Request-Id", "req-log-404");
        client.get().uri("/test/boom").header("x-api-key", Partners.SANDBOX_KEY)
                .headers(h -> h.setBearerAuth(tokens.forUser("user-log")))
                .header("X-Request-Id", "req-log-500")
                .exchange().expectStatus().isEqualTo(500);
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(output.getOut().lines().filter(l -> l.contains("\"request_id\":\"req-log-404\"")))
                    .anySatisfy(line -> assertThat(line).contains("GET /v1/nowhere -> 404"));
            assertThat(output.getOut().lines().filter(l -> l.contains("\"request_id\":\"req-log-500\"")))
                    .anySatisfy(line -> assertThat(line).contains("Request GET /test/boom failed"))
                    .anySatisfy(line -> assertThat(line).contains("GET /test/boom -> 500"));
        });
    }

    @Test
    void exposesRequestContextToHandlers() {
        client.get().uri("/test/context")
                .header("x-api-key", Partners.SANDBOX_KEY)
                .headers(h -> h.setBearerAuth(tokens.forUser("user-ctx")))
                .header("X-Request-Id", "req-ctx")
                .exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.requestId").isEqualTo("req-ctx")
                .jsonPath("$.partnerId").isEqualTo("sandbox")
                .jsonPath("$.userId").isEqualTo(TestTokens.userId("user-ctx"));
    }

    @Test
    void letsUsersReachOnlyTheirOwnRecords() {
        String token = tokens.forUser("owner-a");
        client.get().uri("/test/users/{id}/probe", TestTokens.userId("owner-a")).header("x-api-key", Partners.SANDBOX_KEY)
                .headers(h -> h.setBearerAuth(token))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.user_id").isEqualTo(TestTokens.userId("owner-a"));
        client.get().uri("/test/users/{id}/probe", TestTokens.userId("owner-b")).header("x-api-key", Partners.SANDBOX_KEY)
                .headers(h -> h.setBearerAuth(token))
                .exchange().expectStatus().isForbidden().expectBody().jsonPath("$.message").isEqualTo("not allowed");
    }
}
