package io.movmo.booking.identity.oauth;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The scopes tokens carry (groundwork for per-operation scopes, MOVMO-346). The OIDC identity scopes plus
 * {@code movmo} — the full set of a user's permissions delegated to the partner app, which is what every partner
 * token carries until per-operation scopes ship. An operation declares the scopes it needs with
 * {@code x-required-scopes} in openapi.yaml; a token without one of them is refused with 403.
 */
public final class Scopes {

    public static final String FULL_DELEGATION = "movmo";
    public static final List<String> SUPPORTED = List.of("openid", "email", "profile", FULL_DELEGATION);

    private Scopes() {}

    /** The scopes granted for a requested {@code scope} parameter; none requested means all of them. */
    public static String grant(String requested) {
        if (requested == null || requested.isBlank()) {
            return String.join(" ", SUPPORTED);
        }
        Set<String> asked = new LinkedHashSet<>(Arrays.asList(requested.trim().split("\\s+")));
        Set<String> unknown = asked.stream().filter(s -> !SUPPORTED.contains(s)).collect(Collectors.toCollection(LinkedHashSet::new));
        if (!unknown.isEmpty()) {
            throw new OAuthException(org.springframework.http.HttpStatus.BAD_REQUEST, "invalid_scope",
                    "unsupported scope(s): " + String.join(" ", unknown));
        }
        return String.join(" ", asked);
    }
}
