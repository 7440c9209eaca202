package io.movmo.booking.identity.oauth;

/**
 * What a successful token exchange yields: the user's RS256 ID token (sent to partners as {@code access_token}),
 * a refresh token when the identity provider issues or rotates one, and the ID token's lifetime in seconds.
 */
public record TokenSet(String idToken, String refreshToken, long expiresIn) {}
