package io.movmo.booking.web.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code movmo.security.jwt.*}: which issuer's RS256 tokens are accepted. Empty {@code issuer-uri} means the
 * engine's own sandbox issuer ({@code movmo.sandbox.issuer}).
 */
@ConfigurationProperties("movmo.security.jwt")
public record JwtProperties(String issuerUri, String jwkSetUri, String audience) {

    public boolean usesSandboxIssuer() {
        return issuerUri == null || issuerUri.isBlank();
    }

    /** Accepted audiences: {@code audience} may list several, comma-separated (e.g. each partner's Cognito app client). */
    public java.util.List<String> audiences() {
        return java.util.Arrays.stream(audience.split(",")).map(String::trim).filter(a -> !a.isEmpty()).toList();
    }

    public String effectiveJwkSetUri() {
        if (jwkSetUri != null && !jwkSetUri.isBlank()) {
            return jwkSetUri;
        }
        return issuerUri.replaceAll("/+$", "") + "/.well-known/jwks.json";
    }
}
