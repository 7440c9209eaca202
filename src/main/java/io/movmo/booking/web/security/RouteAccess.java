package io.movmo.booking.web.security;

/** What a route asks of its caller, as the OpenAPI document's security requirements say. */
public enum RouteAccess {
    /** {@code security: []}: discovery, the token endpoint, the spec itself, health probes. */
    PUBLIC,
    /** {@code security: [ApiKeyAuth]}: the partner's key, no user token (the seed's three catalog routes). */
    API_KEY,
    /** The default: the partner's key and a user's Bearer token. */
    API_KEY_AND_USER
}
