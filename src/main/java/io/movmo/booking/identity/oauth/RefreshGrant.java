package io.movmo.booking.identity.oauth;

/** A {@code refresh_token} grant from an authenticated client; {@code clientSecret} for confidential clients only. */
public record RefreshGrant(String refreshToken, String clientId, String clientSecret) {}
