package io.movmo.booking.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.movmo.booking.testing.EngineTest;
import io.movmo.booking.testing.Partners;
import io.movmo.booking.testing.TestTokens;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;

/** Every failure at the edge answers in the seed's envelopes with a real status, and leaks nothing. */
@EngineTest
class EdgeErrorsIT {

    @Autowired WebTestClient client;
    @Autowired TestTokens tokens;
    String token;

    @BeforeEach
    void setUp() {
        token = tokens.forUser("edge-user");
    }

    private WebTestClient.RequestHeadersSpec<?> authed(WebTestClient.RequestHeadersSpec<?> spec) {
        return spec.header("x-api-key", Partners.SANDBOX_KEY).headers(h -> h.setBearerAuth(token));
    }

    @Test
    void answersUnknownRouteWithNotFoundEnvelope() {
        client.get().uri("/v1/nowhere").header("x-api-key", Partners.SANDBOX_KEY).headers(h -> h.setBearerAuth(token))
                .exchange().expectStatus().isNotFound()
                .expectBody().jsonPath("$.message").isEqualTo("route not found")
                .jsonPath("$.status_code").isEqualTo(404);
    }

    @Test
    void answersUnknownRouteWithoutCredentialsWithUnauthorized() {
        client.get().uri("/v1/nowhere").exchange().expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.message").isEqualTo("unauthorized");
    }

    @Test
    void answersWrongMethodWithMethodNotAllowedEnvelope() {
        authed(client.delete().uri("/v1/flights/providers"))
                .exchange().expectStatus().isEqualTo(405)
                .expectHeader().exists("Allow")
                .expectBody().jsonPath("$.message").isEqualTo("method not allowed");
    }

    @Test
    void answersMalformedJsonWithBadRequest() {
        authed(client.post().uri("/test/probes/p1").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"note\": "))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.message").isEqualTo("malformed JSON request body");
    }

    @Test
    void answersInvalidFieldsWithValidationError() {
        authed(client.post().uri("/test/probes/p2").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"note\": \"\"}"))
                .exchange().expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.message").isEqualTo("Validation failed")
                .jsonPath("$.fields.note.field").isEqualTo("note")
                .jsonPath("$.fields.note.message").value(m -> assertThat((String) m).startsWith("'note' "));
    }

    @Test
    void answersUnsupportedMediaType() {
        authed(client.post().uri("/test/probes/p3").contentType(MediaType.TEXT_PLAIN).bodyValue("note"))
                .exchange().expectStatus().isEqualTo(415)
                .expectBody().jsonPath("$.message").isEqualTo("unsupported media type");
    }

    @Test
    void refusesDeclaredOversizedBodyBeforeReadingIt() {
        byte[] big = new byte[300_000];
        Arrays.fill(big, (byte) 'a');
        authed(client.post().uri("/test/probes/p4").contentType(MediaType.APPLICATION_JSON).bodyValue(big))
                .exchange().expectStatus().isEqualTo(413)
                .expectBody().jsonPath("$.message").isEqualTo("request body too large");
    }

    @Test
    void refusesStreamedOversizedBody() {
        String chunk = "{\"note\": \"" + "a".repeat(100_000);
        Flux<org.springframework.core.io.buffer.DataBuffer> body = Flux.range(0, 4).map(i ->
                DefaultDataBufferFactory.sharedInstance.wrap((i == 0 ? chunk : "a".repeat(100_000)).getBytes(StandardCharsets.UTF_8)));
        authed(client.post().uri("/test/probes/p5").contentType(MediaType.APPLICATION_JSON)
                .body(body, org.springframework.core.io.buffer.DataBuffer.class))
                .exchange().expectStatus().isEqualTo(413)
                .expectBody().jsonPath("$.message").isEqualTo("request body too large");
    }

    @Test
    void hidesInternalFailureDetails() {
        String body = authed(client.get().uri("/test/boom"))
                .exchange().expectStatus().isEqualTo(500)
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(body).contains("\"message\":\"internal server error\"").doesNotContain("secret internal detail");
    }

    @Test
    void echoesAcceptableRequestId() {
        client.get().uri("/v1/flights/providers/darwin/capabilities").header("x-api-key", Partners.SANDBOX_KEY)
                .header("X-Request-Id", "partner-req-42")
                .exchange().expectStatus().isOk()
                .expectHeader().valueEquals("X-Request-Id", "partner-req-42");
    }

    @Test
    void replacesUnacceptableRequestIdWithGeneratedOne() {
        client.get().uri("/v1/flights/providers/darwin/capabilities").header("x-api-key", Partners.SANDBOX_KEY)
                .header("X-Request-Id", "bad id; " + "x".repeat(200))
                .exchange().expectStatus().isOk()
                .expectHeader().value("X-Request-Id", id -> assertThat(id).matches("[0-9a-f-]{36}"));
    }

    @Test
    void generatesRequestIdOnErrorsToo() {
        client.get().uri("/v1/flights/providers").exchange().expectStatus().isUnauthorized()
                .expectHeader().value("X-Request-Id", id -> assertThat(id).isNotBlank());
    }
}
