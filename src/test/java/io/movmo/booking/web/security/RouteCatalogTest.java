package io.movmo.booking.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

/** The access each route requires is read from openapi.yaml, and what it does not know is locked down. */
class RouteCatalogTest {

    static RouteCatalog routes;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("openapi.yaml"))) {
            routes = RouteCatalog.fromOpenApi(in);
        }
    }

    @Test
    void discoveryAndTokenEndpointArePublic() {
        assertThat(routes.accessFor(HttpMethod.GET, "/.well-known/openid-configuration")).isEqualTo(RouteAccess.PUBLIC);
        assertThat(routes.accessFor(HttpMethod.POST, "/v1/oauth/token")).isEqualTo(RouteAccess.PUBLIC);
        assertThat(routes.accessFor(HttpMethod.GET, "/.well-known/jwks.json")).isEqualTo(RouteAccess.PUBLIC);
    }

    @Test
    void theSeedsThreeCatalogEntryPointsNeedOnlyTheApiKey() {
        assertThat(routes.accessFor(HttpMethod.GET, "/v1/flights/providers/darwin/capabilities")).isEqualTo(RouteAccess.API_KEY);
        assertThat(routes.accessFor(HttpMethod.POST, "/v1/flights/providers/darwin/offers")).isEqualTo(RouteAccess.API_KEY);
        assertThat(routes.accessFor(HttpMethod.GET, "/v1/flights/providers/darwin/offers/off_1")).isEqualTo(RouteAccess.API_KEY);
        // ... and, of this engine's additions, only the sandbox outbox (sandbox profile only).
        assertThat(routes.accessFor(HttpMethod.GET, "/v1/sandbox/outbox")).isEqualTo(RouteAccess.API_KEY);
        assertThat(routes.routes()).filteredOn(r -> r.access() == RouteAccess.API_KEY).hasSize(4);
    }

    @Test
    void everythingElseNeedsKeyAndUser() {
        assertThat(routes.accessFor(HttpMethod.GET, "/v1/flights/providers")).isEqualTo(RouteAccess.API_KEY_AND_USER);
        assertThat(routes.accessFor(HttpMethod.DELETE, "/v1/flights/providers/darwin/bookings/b1")).isEqualTo(RouteAccess.API_KEY_AND_USER);
        assertThat(routes.accessFor(HttpMethod.GET, "/v1/users/u1/passengers")).isEqualTo(RouteAccess.API_KEY_AND_USER);
    }

    @Test
    void unknownRoutesAndMethodsGetTheStrictestAccess() {
        assertThat(routes.accessFor(HttpMethod.GET, "/v1/admin/secrets")).isEqualTo(RouteAccess.API_KEY_AND_USER);
        assertThat(routes.accessFor(HttpMethod.POST, "/.well-known/openid-configuration")).isEqualTo(RouteAccess.API_KEY_AND_USER);
        assertThat(routes.accessFor(HttpMethod.GET, "/v1/flights/providers/darwin/capabilities/extra")).isEqualTo(RouteAccess.API_KEY_AND_USER);
    }

    @Test
    void healthProbesArePublic() {
        assertThat(routes.accessFor(HttpMethod.GET, "/actuator/health/readiness")).isEqualTo(RouteAccess.PUBLIC);
        assertThat(routes.accessFor(HttpMethod.GET, "/actuator/env")).isEqualTo(RouteAccess.API_KEY_AND_USER);
    }
}
