package io.movmo.booking.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.movmo.booking.web.ApiException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import reactor.core.publisher.Mono;

/** Ownership of /v1/users/{userid} routes and declared scopes are enforced before any handler runs. */
class RouteAuthorizationTest {

    static final RouteCatalog routes = RouteCatalog.fromOpenApi(new ByteArrayInputStream("""
            openapi: 3.1.0
            security:
              - ApiKeyAuth: []
                BearerAuth: []
            paths:
              /v1/users/{userid}:
                get: {responses: {"200": {description: ok}}}
              /v1/users/{userid}/passengers:
                get: {responses: {"200": {description: ok}}}
              /v1/flights/providers/{provider}/bookings:
                post:
                  x-required-scopes: [bookings:write]
                  responses: {"201": {description: ok}}
              /v1/flights/providers/{provider}/capabilities:
                get:
                  security: [{ApiKeyAuth: []}]
                  responses: {"200": {description: ok}}
            """.getBytes(StandardCharsets.UTF_8)));

    private static boolean granted(String method, String path, Authentication user) {
        var exchange = MockServerWebExchange.from(MockServerHttpRequest.method(
                org.springframework.http.HttpMethod.valueOf(method), path).build());
        return new RouteAuthorization(routes).authorize(user == null ? Mono.empty() : Mono.just(user),
                new AuthorizationContext(exchange)).block().isGranted();
    }

    private static JwtAuthenticationToken user(String userId, String scope) {
        Jwt.Builder jwt = Jwt.withTokenValue("t").header("alg", "RS256").claim("custom:user_id", userId)
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60));
        if (scope != null) {
            jwt.claim("scope", scope);
        }
        return new JwtAuthenticationToken(jwt.build(), List.of(), userId);
    }

    @Test
    void letsUsersReachTheirOwnRecords() {
        assertThat(granted("GET", "/v1/users/u-1/passengers", user("u-1", null))).isTrue();
    }

    @Test
    void forbidsEveryoneElseBeforeAnyHandler() {
        assertThatThrownBy(() -> granted("GET", "/v1/users/u-2/passengers", user("u-1", null)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status().value()).isEqualTo(403));
    }

    @Test
    void failsClosedOnUserPathsTheContractDoesNotList() {
        assertThatThrownBy(() -> granted("GET", "/v1/users/u-2/secret-things", user("u-1", null)))
                .isInstanceOf(ApiException.class);
        assertThat(granted("GET", "/v1/users/u-1/secret-things", user("u-1", null))).isTrue();
        assertThat(granted("GET", "/v1/users/me/anything", user("u-1", null))).isTrue();
    }

    @Test
    void opensOnlyTheUserRecordItselfToAdmins() {
        JwtAuthenticationToken admin = new JwtAuthenticationToken(user("admin-1", null).getToken(),
                List.of(new org.springframework.security.core.authority.SimpleGrantedAuthority("ROLE_admin")), "admin-1");
        assertThat(granted("GET", "/v1/users/u-2", admin)).isTrue();
        assertThatThrownBy(() -> granted("GET", "/v1/users/u-2/passengers", admin)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> granted("GET", "/v1/users/u-2/secret-things", admin)).isInstanceOf(ApiException.class);
    }

    @Test
    void requiresAUserTokenOnUserRoutes() {
        assertThat(granted("GET", "/v1/users/u-1/passengers", null)).isFalse();
        assertThat(granted("GET", "/v1/users/u-1/passengers", new TestingAuthenticationToken("u-1", "x"))).isFalse();
    }

    @Test
    void needsNoUserOnKeyOnlyRoutes() {
        assertThat(granted("GET", "/v1/flights/providers/duffel/capabilities", null)).isTrue();
    }

    @Test
    void enforcesDeclaredScopes() {
        assertThat(granted("POST", "/v1/flights/providers/duffel/bookings", user("u", "openid bookings:write"))).isTrue();
        assertThat(granted("POST", "/v1/flights/providers/duffel/bookings", user("u", "movmo"))).isTrue();
        assertThat(granted("POST", "/v1/flights/providers/duffel/bookings", user("u", null))).isTrue();
        assertThatThrownBy(() -> granted("POST", "/v1/flights/providers/duffel/bookings", user("u", "openid email")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage()).isEqualTo("insufficient scope"));
    }
}
