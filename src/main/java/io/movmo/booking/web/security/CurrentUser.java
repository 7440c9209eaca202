package io.movmo.booking.web.security;

import io.movmo.booking.web.ApiException;
import java.util.Collection;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import reactor.core.publisher.Mono;

/**
 * The signed-in user of a request and the ownership rule of every user-scoped route: a user touches only their own
 * records ({@code 403 not allowed} otherwise), whatever the partner.
 */
public record CurrentUser(String userId, Collection<? extends GrantedAuthority> authorities) {

    public static Mono<CurrentUser> get() {
        return ReactiveSecurityContextHolder.getContext()
                .mapNotNull(sc -> sc.getAuthentication() instanceof JwtAuthenticationToken jwt
                        ? new CurrentUser(jwt.getName(), jwt.getAuthorities()) : null)
                .switchIfEmpty(Mono.error(() -> ApiException.unauthorized("a user token is required")));
    }

    /** Completes with the current user when it is {@code ownerId}; fails with 403 otherwise. */
    public static Mono<CurrentUser> requireOwnerOf(String ownerId) {
        return get().flatMap(user -> user.userId().equals(ownerId) ? Mono.just(user) : Mono.error(ApiException.forbidden()));
    }

    public boolean hasRole(String role) {
        return authorities.stream().anyMatch(a -> a.getAuthority().equals("ROLE_" + role));
    }
}
