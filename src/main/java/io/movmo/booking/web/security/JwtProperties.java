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

    public String effectiveJwkSetUri() {
        if (jwkSetUri != null && !jwkSetUri.isBlank()) {
            return jwkSetUri;
        }
        return issuerUri.replaceAll("/+$", "") + "/.well-known/jwks.json";
    }
}
