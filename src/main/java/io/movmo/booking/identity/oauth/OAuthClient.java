package io.movmo.booking.identity.oauth;

import io.movmo.booking.identity.ApiKeys;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * A partner's registered OAuth client. Public clients (apps that cannot keep a secret) authenticate with nothing
 * and rely on PKCE; confidential clients also present their secret, kept here only as a hash.
 */
public record OAuthClient(String clientId, String partnerId, boolean confidential, String secretHash,
        List<String> redirectUris, boolean allowLoopback) {

    /** Exact match, or any port and path on the loopback host for clients registered for it (RFC 8252 §7.3). */
    public boolean acceptsRedirect(String redirectUri) {
        if (redirectUri == null) {
            return false;
        }
        if (redirectUris.contains(redirectUri)) {
            return true;
        }
        if (!allowLoopback) {
            return false;
        }
        try {
            URI uri = new URI(redirectUri);
            return "http".equals(uri.getScheme()) && uri.getRawFragment() == null && uri.getRawUserInfo() == null
                    && ("localhost".equals(uri.getHost()) || "127.0.0.1".equals(uri.getHost()));
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    /** Constant-time comparison of the presented secret's hash with the stored one. */
    public boolean secretMatches(String secret) {
        if (!confidential || secret == null) {
            return false;
        }
        return MessageDigest.isEqual(secretHash.getBytes(StandardCharsets.US_ASCII),
                ApiKeys.hash(secret).getBytes(StandardCharsets.US_ASCII));
    }
}
