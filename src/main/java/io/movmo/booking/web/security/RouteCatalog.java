package io.movmo.booking.web.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpMethod;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The routes of {@code openapi.yaml} with the access each one requires, so that what the contract documents and what
 * the engine enforces cannot drift apart. A route the document does not know requires the strictest access.
 */
public final class RouteCatalog {

    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final List<Route> INFRASTRUCTURE = List.of(
            new Route(HttpMethod.GET, "/actuator/health", RouteAccess.PUBLIC),
            new Route(HttpMethod.GET, "/actuator/health/liveness", RouteAccess.PUBLIC),
            new Route(HttpMethod.GET, "/actuator/health/readiness", RouteAccess.PUBLIC),
            new Route(HttpMethod.GET, "/actuator/health/processors", RouteAccess.PUBLIC),
            new Route(HttpMethod.GET, "/actuator/prometheus", RouteAccess.PUBLIC));

    private final List<Route> routes;

    private RouteCatalog(List<Route> routes) {
        // Literal segments win over templated ones: /providers/active before /providers/{provider}.
        this.routes = routes.stream().sorted(Comparator.comparingInt(Route::templatedSegments)).toList();
    }

    public static RouteCatalog fromClasspath(String resource) {
        try (InputStream in = new ClassPathResource(resource).getInputStream()) {
            return fromOpenApi(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }

    @SuppressWarnings("unchecked")
    static RouteCatalog fromOpenApi(InputStream openApi) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(16 * 1024 * 1024);
        Map<String, Object> doc = new Yaml(new SafeConstructor(options)).load(openApi);
        RouteAccess defaultAccess = accessOf((List<Map<String, Object>>) doc.get("security"), RouteAccess.API_KEY_AND_USER);
        List<Route> routes = new ArrayList<>(INFRASTRUCTURE);
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) doc.get("paths");
        paths.forEach((template, item) -> METHODS.forEach(method -> {
            Object op = item.get(method);
            if (op instanceof Map<?, ?> operation) {
                List<Map<String, Object>> security = (List<Map<String, Object>>) operation.get("security");
                List<String> scopes = (List<String>) operation.get(SCOPES_EXTENSION);
                routes.add(new Route(HttpMethod.valueOf(method.toUpperCase(Locale.ROOT)), template,
                        security == null ? defaultAccess : accessOf(security, defaultAccess),
                        scopes == null ? List.of() : List.copyOf(scopes)));
            }
        }));
        return new RouteCatalog(routes);
    }

    /** The operation extension naming the token scopes an operation requires (all of them). */
    public static final String SCOPES_EXTENSION = "x-required-scopes";
    /** The path parameter that names the user a route belongs to. */
    public static final String OWNER_PARAMETER = "{userid}";

    public RouteAccess accessFor(HttpMethod method, String path) {
        return find(method, path).map(Route::access).orElse(RouteAccess.API_KEY_AND_USER);
    }

    public Optional<Route> find(HttpMethod method, String path) {
        return routes.stream().filter(r -> r.matches(method, path)).findFirst();
    }

    public List<Route> routes() {
        return routes;
    }

    private static RouteAccess accessOf(List<Map<String, Object>> requirements, RouteAccess fallback) {
        if (requirements == null) {
            return fallback;
        }
        if (requirements.isEmpty() || requirements.stream().anyMatch(Map::isEmpty)) {
            return RouteAccess.PUBLIC;
        }
        boolean bearer = requirements.stream().allMatch(r -> r.containsKey("BearerAuth"));
        return bearer ? RouteAccess.API_KEY_AND_USER : RouteAccess.API_KEY;
    }

    public record Route(HttpMethod method, String template, RouteAccess access, List<String> requiredScopes, Pattern pattern) {

        Route(HttpMethod method, String template, RouteAccess access, List<String> requiredScopes) {
            this(method, template, access, requiredScopes, Pattern.compile(
                    Pattern.quote(template).replaceAll("\\{[^/}]+}", "\\\\E[^/]+\\\\Q")));
        }

        Route(HttpMethod method, String template, RouteAccess access) {
            this(method, template, access, List.of());
        }

        /** The user a concrete path of this route belongs to, when its template has {@code {userid}}. */
        public Optional<String> ownerIn(String path) {
            String[] templateSegments = template.split("/");
            String[] pathSegments = path.split("/");
            for (int i = 0; i < templateSegments.length && i < pathSegments.length; i++) {
                if (OWNER_PARAMETER.equals(templateSegments[i])) {
                    return Optional.of(pathSegments[i]);
                }
            }
            return Optional.empty();
        }

        boolean matches(HttpMethod requestMethod, String path) {
            boolean sameMethod = method.equals(requestMethod) || (HttpMethod.HEAD.equals(requestMethod) && HttpMethod.GET.equals(method));
            return sameMethod && pattern.matcher(path).matches();
        }

        int templatedSegments() {
            return (int) template.chars().filter(c -> c == '{').count();
        }
    }
}
