package io.movmo.booking.web.security;

import io.movmo.booking.identity.PartnerCredentials;
import io.movmo.booking.identity.sandbox.SandboxSigningKeys;
import io.movmo.booking.web.ErrorEnvelopes;
import io.movmo.booking.web.ratelimit.RateLimitFilter;
import io.movmo.booking.web.ratelimit.RateLimitProperties;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The engine's two credentials: the partner's {@code x-api-key} (hashed, looked up per request) and the user's
 * RS256 ID token verified against the issuer's JWKS with issuer, audience and expiry checked. Which route needs which
 * comes from {@code openapi.yaml} through {@link RouteCatalog}. Failures answer in the seed's {@code Error} envelope.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfiguration {

    static final String USER_ID_CLAIM = "custom:user_id";

    @Bean
    RouteCatalog routeCatalog() {
        return RouteCatalog.fromClasspath("openapi.yaml");
    }

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, RouteCatalog routes,
            PartnerCredentials credentials, ErrorEnvelopes envelopes, ReactiveJwtDecoder jwtDecoder,
            RateLimitProperties rateLimits) {
        ServerAuthenticationEntryPoint unauthorized = (exchange, e) -> {
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            boolean tokenSent = exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION);
            return envelopes.write(exchange.getResponse(), HttpStatus.UNAUTHORIZED, "unauthorized",
                    tokenSent ? "bearer token is invalid or expired" : "a user bearer token is required");
        };
        ServerAccessDeniedHandler denied = (exchange, e) ->
                envelopes.write(exchange.getResponse(), HttpStatus.FORBIDDEN, "not allowed", null);

        ServerBearerTokenAuthenticationConverter bearer = new ServerBearerTokenAuthenticationConverter();
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .addFilterBefore(new ApiKeyFilter(routes, credentials, envelopes), SecurityWebFiltersOrder.AUTHENTICATION)
                // Same order as the key filter, added after it: limits apply per partner once the key is known.
                .addFilterBefore(new RateLimitFilter(rateLimits, envelopes), SecurityWebFiltersOrder.AUTHENTICATION)
                .addFilterAfter(new UserContextFilter(), SecurityWebFiltersOrder.AUTHORIZATION)
                .oauth2ResourceServer(rs -> rs
                        // A token is only read where a user is required: an expired token sent to a key-only route
                        // does not break it.
                        .bearerTokenConverter(exchange -> RouteAuthorization.requiresUser(routes, exchange.getRequest())
                                ? bearer.convert(exchange) : Mono.empty())
                        .jwt(jwt -> jwt.jwtDecoder(jwtDecoder).jwtAuthenticationConverter(authenticationConverter()))
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(denied))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized).accessDeniedHandler(denied))
                .authorizeExchange(exchanges -> exchanges.anyExchange().access(new RouteAuthorization(routes)))
                .build();
    }

    @Bean
    ReactiveJwtDecoder jwtDecoder(JwtProperties jwt, ObjectProvider<SandboxSigningKeys> sandboxKeys,
            @Value("${movmo.sandbox.issuer}") String sandboxIssuer) {
        NimbusReactiveJwtDecoder decoder;
        String issuer;
        if (jwt.usesSandboxIssuer()) {
            SandboxSigningKeys keys = sandboxKeys.getIfAvailable();
            if (keys == null) {
                throw new IllegalStateException(
                        "No token issuer configured: set MOVMO_JWT_ISSUER_URI (the sandbox issuer exists only in the sandbox profile)");
            }
            decoder = NimbusReactiveJwtDecoder.withJwkSource(token -> keys.publicKeysFor(token.getHeader().getKeyID())
                            .flatMapMany(set -> Flux.fromIterable(set.getKeys())))
                    .jwsAlgorithm(SignatureAlgorithm.RS256).build();
            issuer = sandboxIssuer;
        } else {
            decoder = NimbusReactiveJwtDecoder.withJwkSetUri(jwt.effectiveJwkSetUri())
                    .jwsAlgorithm(SignatureAlgorithm.RS256).build();
            issuer = jwt.issuerUri();
        }
        decoder.setJwtValidator(validator(issuer, jwt.audiences()));
        return decoder;
    }

    static OAuth2TokenValidator<Jwt> validator(String issuer, List<String> audiences) {
        return new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(issuer),
                // Spring's timestamp validator lets a token without exp live forever; ours must expire.
                new JwtClaimValidator<Instant>("exp", Objects::nonNull),
                new JwtClaimValidator<List<String>>("aud", aud -> aud != null && aud.stream().anyMatch(audiences::contains)),
                new JwtClaimValidator<Object>(USER_ID_CLAIM, SecurityConfiguration::isUuid));
    }

    private static boolean isUuid(Object value) {
        try {
            return value instanceof String s && java.util.UUID.fromString(s).toString().equalsIgnoreCase(s);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static ReactiveJwtAuthenticationConverterAdapter authenticationConverter() {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setPrincipalClaimName(USER_ID_CLAIM);
        converter.setJwtGrantedAuthoritiesConverter(SecurityConfiguration::roles);
        return new ReactiveJwtAuthenticationConverterAdapter(converter);
    }

    /** Roles ({@code support}, {@code admin}) come from the token's groups claim (Cognito's, or plain {@code groups}). */
    private static Collection<GrantedAuthority> roles(Jwt jwt) {
        List<GrantedAuthority> roles = new ArrayList<>();
        for (String claim : List.of("cognito:groups", "groups")) {
            List<String> groups = jwt.getClaimAsStringList(claim);
            if (groups != null) {
                groups.forEach(g -> roles.add(new SimpleGrantedAuthority("ROLE_" + g)));
            }
        }
        return roles;
    }
}
