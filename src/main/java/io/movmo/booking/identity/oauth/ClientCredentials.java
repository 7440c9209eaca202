package io.movmo.booking.identity.oauth;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * How a token request identified its client: {@code client_id} (and {@code client_secret}) in the body, or HTTP
 * Basic with form-urlencoded parts (RFC 6749 §2.3.1). Using both ways at once is refused.
 */
public record ClientCredentials(String clientId, String clientSecret, boolean viaBasic) {

    public static ClientCredentials from(String authorizationHeader, String bodyClientId, String bodySecret) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Basic ", 0, 6)) {
            if (bodyClientId == null || bodyClientId.isBlank()) {
                throw OAuthException.invalidRequest("client_id is required");
            }
            return new ClientCredentials(bodyClientId, blankToNull(bodySecret), false);
        }
        if (bodySecret != null) {
            throw OAuthException.invalidRequest("authenticate with HTTP Basic or client_secret in the body, not both");
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorizationHeader.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw OAuthException.invalidClient("malformed HTTP Basic credentials");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw OAuthException.invalidClient("malformed HTTP Basic credentials");
        }
        String id = URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
        String secret = URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
        if (bodyClientId != null && !bodyClientId.equals(id)) {
            throw OAuthException.invalidRequest("client_id in the body differs from the HTTP Basic client");
        }
        return new ClientCredentials(id, blankToNull(secret), true);
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
