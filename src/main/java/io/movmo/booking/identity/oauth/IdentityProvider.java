package io.movmo.booking.identity.oauth;

import reactor.core.publisher.Mono;

/**
 * Where users' tokens come from: Cognito in production, the built-in sandbox issuer offline. Both answer the token
 * endpoint's two grants. A refusal is an {@link OAuthException} with the RFC 6749 error code partners dispatch on;
 * an upstream that fails or does not answer in time is {@code server_error} (500) or, for a bad gateway, 502.
 */
public interface IdentityProvider {

    Mono<TokenSet> exchangeCode(CodeExchange exchange);

    Mono<TokenSet> refresh(RefreshGrant grant);

    /**
     * Revokes a refresh token and everything issued with it (RFC 7009). Completes normally for a token that is
     * unknown or already revoked; refuses only a client that is not allowed to revoke it.
     */
    Mono<Void> revoke(String refreshToken, String clientId, String clientSecret);
}
