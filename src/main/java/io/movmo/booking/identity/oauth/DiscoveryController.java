package io.movmo.booking.identity.oauth;

import io.movmo.booking.web.security.JwtProperties;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * RFC 8414 authorization-server metadata, served identically at both discovery paths. With the sandbox issuer
 * everything points at this engine; in production the issuer, sign-in page and keys are Cognito's, while the token
 * endpoint stays the engine's (so {@code issuer} differs from where the metadata is served, as the seed's design
 * implies). No registration endpoint is announced: dynamic client registration does not exist yet.
 */
@RestController
class DiscoveryController {

    private final Map<String, Object> metadata;

    DiscoveryController(JwtProperties jwt,
            @Value("${movmo.oauth.public-base-url}") String baseUrl,
            @Value("${movmo.sandbox.issuer}") String sandboxIssuer,
            @Value("${movmo.oauth.authorization-endpoint:}") String authorizationEndpoint) {
        String base = baseUrl.replaceAll("/+$", "");
        boolean sandbox = jwt.usesSandboxIssuer();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("issuer", sandbox ? sandboxIssuer : jwt.issuerUri());
        m.put("authorization_endpoint", sandbox || authorizationEndpoint.isBlank() ? base + "/v1/oauth/authorize" : authorizationEndpoint);
        m.put("token_endpoint", base + "/v1/oauth/token");
        m.put("jwks_uri", sandbox ? base + "/.well-known/jwks.json" : jwt.effectiveJwkSetUri());
        m.put("response_types_supported", List.of("code"));
        m.put("grant_types_supported", List.of("authorization_code", "refresh_token"));
        m.put("token_endpoint_auth_methods_supported", List.of("none", "client_secret_basic", "client_secret_post"));
        m.put("code_challenge_methods_supported", List.of("S256"));
        m.put("scopes_supported", Scopes.SUPPORTED);
        // Required by OpenID Connect Discovery for the openid-configuration alias.
        m.put("subject_types_supported", List.of("public"));
        m.put("id_token_signing_alg_values_supported", List.of("RS256"));
        this.metadata = Map.copyOf(m);
    }

    @GetMapping(path = {"/.well-known/oauth-authorization-server", "/.well-known/openid-configuration"},
            produces = "application/json")
    Mono<ResponseEntity<Map<String, Object>>> metadata() {
        return Mono.just(ResponseEntity.ok().cacheControl(CacheControl.maxAge(java.time.Duration.ofHours(1))).body(metadata));
    }
}
