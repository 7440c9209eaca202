package io.movmo.booking.testing;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.ServerResponse;

class OpenApiContractTest {

    private static final String JSON = "application/json";
    private static final String PROVIDER = """
            {"id": "darwin", "name": "Darwin", "type": "API", "capabilities": {"max_passengers": 9}, "is_active": true}
            """;

    private final OpenApiContract contract = OpenApiContract.get();

    @Test
    void acceptsValidProviderList() {
        assertValid("GET", "/v1/flights/providers", 200, JSON, "[" + PROVIDER + "]");
    }

    @Test
    void rejectsProviderWithoutName() {
        assertInvalid("GET", "/v1/flights/providers", 200, JSON, "[" + PROVIDER.replace("\"name\": \"Darwin\", ", "") + "]",
                "name");
    }

    @Test
    void rejectsProviderWithStringIsActive() {
        assertInvalid("GET", "/v1/flights/providers", 200, JSON, "[" + PROVIDER.replace("true", "\"true\"") + "]",
                "is_active");
    }

    @Test
    void rejectsViolationInsideReferencedSchema() {
        assertInvalid("GET", "/v1/flights/providers", 200, JSON, "[" + PROVIDER.replace("9", "\"nine\"") + "]",
                "max_passengers");
    }

    @Test
    void rejectsUndeclaredStatusAndListsDeclaredOnes() {
        assertInvalid("GET", "/v1/flights/providers", 418, JSON, "{\"message\": \"teapot\"}", "declared: [200, 401");
    }

    @Test
    void prefersLiteralSegmentOverPathParameter() {
        // /active declares an array of providers and no 404; /{provider} declares a single provider and a 404.
        assertValid("GET", "/v1/flights/providers/active", 200, JSON, "[" + PROVIDER + "]");
        assertInvalid("GET", "/v1/flights/providers/active", 404, JSON, "{\"message\": \"not found\"}", "declared");
    }

    @Test
    void validatesOperationsUnderPathParameters() {
        assertValid("GET", "/v1/flights/providers/darwin?x=1", 200, JSON, PROVIDER);
        assertInvalid("GET", "/v1/flights/providers/darwin", 200, JSON, "[" + PROVIDER + "]", "array");
    }

    @Test
    void acceptsErrorFromUnknownPath() {
        assertValid("GET", "/v1/nowhere", 404, JSON, "{\"message\": \"not found\"}");
    }

    @Test
    void rejectsNonErrorBodyFromUnknownPath() {
        assertInvalid("GET", "/v1/nowhere", 404, JSON, "{\"error\": \"x\"}", "message");
    }

    @Test
    void rejectsSuccessFromUnknownPath() {
        assertInvalid("GET", "/v1/nowhere", 200, JSON, "{\"message\": \"ok\"}", "must be an error");
    }

    @Test
    void acceptsMethodNotAllowedOnKnownPath() {
        assertValid("DELETE", "/v1/flights/providers", 405, JSON, "{\"message\": \"method not allowed\"}");
        assertInvalid("DELETE", "/v1/flights/providers", 200, JSON, "{\"message\": \"ok\"}", "404 or 405");
    }

    @Test
    void acceptsEmptyNoContentResponse() {
        assertValid("PUT", "/v1/users/00000000-0000-0000-0000-000000000001", 204, null, "");
    }

    @Test
    void rejectsBodyOnNoContentResponse() {
        assertInvalid("PUT", "/v1/users/00000000-0000-0000-0000-000000000001", 204, JSON, "{}", "declares no content");
    }

    @Test
    void rejectsEmptyBodyWhereContentIsDeclared() {
        assertInvalid("GET", "/v1/flights/providers", 200, JSON, "", "body is empty");
    }

    @Test
    void acceptsOAuthErrorFromTokenEndpoint() {
        assertValid("POST", "/v1/oauth/token", 400, "application/json;charset=UTF-8", "{\"error\": \"invalid_grant\"}");
    }

    @Test
    void validatesNonJsonBodyAsText() {
        assertValid("GET", "/openapi.yaml", 200, "application/yaml", "openapi: 3.1.0\n");
    }

    @Test
    void webTestClientFilterPassesValidBodyThrough() {
        WebTestClient client = OpenApiValidatingFilter.validating(WebTestClient.bindToRouterFunction(
                route().GET("/v1/flights/providers", request -> ServerResponse.ok()
                        .contentType(MediaType.APPLICATION_JSON).bodyValue("[" + PROVIDER + "]")).build())
                .configureClient()).build();

        client.get().uri("/v1/flights/providers").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$[0].name").isEqualTo("Darwin");
    }

    @Test
    void webTestClientFilterFailsExchangeOnViolation() {
        WebTestClient client = OpenApiValidatingFilter.validating(WebTestClient.bindToRouterFunction(
                route().GET("/v1/flights/providers", request -> ServerResponse.status(418)
                        .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"message\": \"teapot\"}")).build())
                .configureClient()).build();

        // Mono.block() inside exchange() rethrows an Error wrapped in a RuntimeException; the test still fails.
        assertThatThrownBy(() -> client.get().uri("/v1/flights/providers").exchange())
                .cause()
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("GET /v1/flights/providers -> 418");
    }

    private void assertValid(String method, String path, int status, String contentType, String body) {
        assertThatCode(() -> contract.assertValidResponse(method, path, status, contentType, bytes(body)))
                .doesNotThrowAnyException();
    }

    private void assertInvalid(String method, String path, int status, String contentType, String body,
            String expectedMessage) {
        assertThatThrownBy(() -> contract.assertValidResponse(method, path, status, contentType, bytes(body)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(expectedMessage);
    }

    private static byte[] bytes(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }
}
