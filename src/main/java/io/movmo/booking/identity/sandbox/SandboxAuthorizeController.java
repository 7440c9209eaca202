package io.movmo.booking.identity.sandbox;

import io.movmo.booking.identity.oauth.OAuthClient;
import io.movmo.booking.identity.oauth.OAuthClients;
import io.movmo.booking.identity.oauth.OAuthException;
import io.movmo.booking.identity.oauth.Scopes;
import io.movmo.booking.identity.oauth.ResourceIndicators;
import java.net.URI;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code GET /v1/oauth/authorize} of the sandbox issuer: the sign-in page Cognito's hosted UI is in production,
 * without the page. The user named by {@code login_hint} is signed in and consents at once; PKCE (S256 only) is
 * still required, and the answer is a 302 to the client's redirect URI with {@code code} and {@code state}.
 * An unknown client or a redirect URI the client did not register is answered here (400) and never redirected to.
 */
@RestController
@Profile("sandbox")
class SandboxAuthorizeController {

    private static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43,128}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");

    private final OAuthClients clients;
    private final SandboxIssuer issuer;
    private final java.util.List<String> resources;

    SandboxAuthorizeController(OAuthClients clients, SandboxIssuer issuer,
            @org.springframework.beans.factory.annotation.Value("${movmo.oauth.resources}") java.util.List<String> resources) {
        this.clients = clients;
        this.issuer = issuer;
        this.resources = resources;
    }

    @GetMapping("/v1/oauth/authorize")
    Mono<ResponseEntity<Void>> authorize(@RequestParam Map<String, String> params) {
        return Mono.fromCallable(() -> decide(params)).subscribeOn(Schedulers.boundedElastic());
    }

    private ResponseEntity<Void> decide(Map<String, String> p) {
        String clientId = p.get("client_id");
        if (clientId == null || clientId.isBlank()) {
            throw OAuthException.invalidRequest("client_id is required");
        }
        OAuthClient client = clients.find(clientId).orElseThrow(() ->
                new OAuthException(HttpStatus.BAD_REQUEST, "invalid_client", "unknown client_id"));
        String redirectUri = p.get("redirect_uri");
        if (!client.acceptsRedirect(redirectUri)) {
            throw new OAuthException(HttpStatus.BAD_REQUEST, "invalid_redirect_uri",
                    "redirect_uri is not registered for this client");
        }
        String state = p.get("state");
        if (!"code".equals(p.get("response_type"))) {
            return redirect(redirectUri, state, Map.of("error", "unsupported_response_type",
                    "error_description", "response_type must be code"));
        }
        if (!"S256".equals(p.get("code_challenge_method")) || p.get("code_challenge") == null
                || !CHALLENGE.matcher(p.get("code_challenge")).matches()) {
            return redirect(redirectUri, state, Map.of("error", "invalid_request",
                    "error_description", "PKCE is required: code_challenge (43-128 base64url characters) with code_challenge_method=S256"));
        }
        String email = p.get("login_hint");
        if (email == null || !EMAIL.matcher(email).matches()) {
            return redirect(redirectUri, state, Map.of("error", "invalid_request",
                    "error_description", "the sandbox signs in the user named by login_hint=<email>"));
        }
        String resource = p.get("resource");
        try {
            ResourceIndicators.check(resource, resources);
        } catch (OAuthException e) {
            return redirect(redirectUri, state, Map.of("error", e.error(), "error_description", e.getMessage()));
        }
        String scope;
        try {
            scope = Scopes.grant(p.get("scope"));
        } catch (OAuthException e) {
            return redirect(redirectUri, state, Map.of("error", e.error(), "error_description", e.getMessage()));
        }
        String code = issuer.authorize(new SandboxIssuer.Authorization(clientId, redirectUri, p.get("code_challenge"),
                resource, scope, email));
        return redirect(redirectUri, state, Map.of("code", code));
    }

    /**
     * The registered redirect URI exactly as registered, plus our parameters, each form-encoded (RFC 6749 §4.1.2),
     * so {@code state} comes back to the client byte for byte and nothing can inject into the header.
     */
    static String location(String redirectUri, String state, Map<String, String> params) {
        StringBuilder location = new StringBuilder(redirectUri);
        char separator = redirectUri.contains("?") ? '&' : '?';
        java.util.Map<String, String> all = new java.util.LinkedHashMap<>(params);
        if (state != null) {
            all.put("state", state);
        }
        for (var param : all.entrySet()) {
            location.append(separator).append(param.getKey()).append('=')
                    .append(java.net.URLEncoder.encode(param.getValue(), java.nio.charset.StandardCharsets.UTF_8));
            separator = '&';
        }
        return location.toString();
    }

    private static ResponseEntity<Void> redirect(String redirectUri, String state, Map<String, String> params) {
        return ResponseEntity.status(HttpStatus.FOUND)
                .header(HttpHeaders.LOCATION, location(redirectUri, state, params))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }
}
