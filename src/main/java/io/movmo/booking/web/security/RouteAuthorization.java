package io.movmo.booking.web.security;

import io.movmo.booking.identity.oauth.Scopes;
import io.movmo.booking.web.ApiException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import reactor.core.publisher.Mono;

/**
 * Decides every request from what {@code openapi.yaml} says of its route:
 * <ul>
 *   <li>public and key-only routes need no user;</li>
 *   <li>every other route needs a verified user token (401 otherwise);</li>
 *   <li>a route under {@code /v1/users/{userid}} belongs to that user alone (admins may also reach the user record
 *       itself, as the seed says): anyone else gets 403 before any handler runs, so no controller can forget it;</li>
 *   <li>an operation with {@code x-required-scopes} needs each of them in the token's {@code scope} claim (403
 *       {@code insufficient scope} otherwise). The full-delegation scope {@code movmo}, or a token without a
 *       {@code scope} claim (Cognito ID tokens carry none), grants them all until per-operation scopes ship.</li>
 * </ul>
 */
final class RouteAuthorization implements ReactiveAuthorizationManager<AuthorizationContext> {

    private final RouteCatalog routes;

    RouteAuthorization(RouteCatalog routes) {
        this.routes = routes;
    }

    static boolean requiresUser(RouteCatalog routes, ServerHttpRequest request) {
        return routes.accessFor(request.getMethod(), path(request)) == RouteAccess.API_KEY_AND_USER;
    }

    @Override
    public Mono<AuthorizationResult> authorize(Mono<Authentication> authentication, AuthorizationContext context) {
        ServerHttpRequest request = context.getExchange().getRequest();
        if (!requiresUser(routes, request)) {
            return Mono.just(new AuthorizationDecision(true));
        }
        Optional<RouteCatalog.Route> route = routes.find(request.getMethod(), path(request));
        return authentication
                .filter(a -> a instanceof JwtAuthenticationToken && a.isAuthenticated())
                .cast(JwtAuthenticationToken.class)
                .flatMap(user -> decide(route, path(request), user))
                .defaultIfEmpty(new AuthorizationDecision(false));
    }

    private static Mono<AuthorizationResult> decide(Optional<RouteCatalog.Route> route, String path, JwtAuthenticationToken user) {
        Optional<String> owner = route.isPresent() ? route.flatMap(r -> r.ownerIn(path)) : undocumentedOwner(path);
        boolean adminOnTheUserRecord = route.map(r -> ADMIN_READABLE.equals(r.template())).orElse(false) && isAdmin(user);
        if (owner.isPresent() && !owner.get().equals(user.getName()) && !adminOnTheUserRecord) {
            return Mono.error(ApiException.forbidden());
        }
        List<String> required = route.map(RouteCatalog.Route::requiredScopes).orElse(List.of());
        if (!required.isEmpty() && !grants(user.getToken().getClaimAsString("scope"), required)) {
            return Mono.error(new ApiException(HttpStatus.FORBIDDEN, "insufficient scope",
                    "this operation requires the scope(s): " + String.join(" ", required)));
        }
        return Mono.just(new AuthorizationDecision(true));
    }

    /**
     * The one route the seed opens to admins ("must be the caller's own user ID unless the caller is an admin"): the
     * user record itself. Passengers, documents, payment methods and bookings stay their owner's alone.
     */
    private static final String ADMIN_READABLE = "/v1/users/{userid}";

    /** Whether the token carries the admin group. */
    private static boolean isAdmin(JwtAuthenticationToken user) {
        return user.getAuthorities().stream().anyMatch(a -> "ROLE_admin".equals(a.getAuthority()));
    }

    /** A path under /v1/users/{x} that the contract does not list still belongs to user x (fail closed). */
    private static Optional<String> undocumentedOwner(String path) {
        java.util.regex.Matcher m = USER_PATH.matcher(path);
        return m.matches() && !"me".equals(m.group(1)) ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static final java.util.regex.Pattern USER_PATH = java.util.regex.Pattern.compile("/v1/users/([^/]+)(/.*)?");

    static boolean grants(String scopeClaim, List<String> required) {
        if (scopeClaim == null) {
            return true;
        }
        List<String> granted = Arrays.asList(scopeClaim.trim().split("\\s+"));
        return granted.contains(Scopes.FULL_DELEGATION) || granted.containsAll(required);
    }

    private static String path(ServerHttpRequest request) {
        return request.getPath().pathWithinApplication().value();
    }
}
