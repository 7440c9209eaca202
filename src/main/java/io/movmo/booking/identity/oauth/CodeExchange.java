package io.movmo.booking.identity.oauth;

/**
 * An {@code authorization_code} grant as the engine has checked it: the client is registered and authenticated,
 * and the redirect URI is one of its own. {@code clientSecret} is set for confidential clients only.
 */
public record CodeExchange(String code, String codeVerifier, String redirectUri, String clientId, String clientSecret,
        String resource) {}
