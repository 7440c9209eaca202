package io.movmo.booking.web.security;

import io.movmo.booking.web.RequestContext;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/** Adds the authenticated user's id ({@code custom:user_id}) to the request context once the token is verified. */
final class UserContextFilter implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return ReactiveSecurityContextHolder.getContext()
                .mapNotNull(sc -> sc.getAuthentication() instanceof JwtAuthenticationToken jwt ? jwt.getName() : null)
                .map(userId -> chain.filter(exchange).contextWrite(ctx -> RequestContext.from(ctx)
                        .map(rc -> rc.withUser(userId).writeTo(ctx)).orElse(ctx)))
                .defaultIfEmpty(chain.filter(exchange))
                .flatMap(m -> m);
    }
}
