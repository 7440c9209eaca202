package io.movmo.booking.web.security;

import io.movmo.booking.identity.Partner;
import io.movmo.booking.identity.PartnerCredentials;
import io.movmo.booking.web.ErrorEnvelopes;
import io.movmo.booking.web.RequestContext;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Requires a known, unrevoked {@code x-api-key} on every route that is not public, and records the partner it
 * belongs to on the exchange and in the request context.
 */
public final class ApiKeyFilter implements WebFilter {

    public static final String HEADER = "x-api-key";
    public static final String PARTNER_ATTRIBUTE = Partner.class.getName();

    /** The partner whose API key the request carries; 401 when it carries none. */
    public static String partnerId(org.springframework.web.server.ServerWebExchange exchange) {
        if (exchange.getAttribute(PARTNER_ATTRIBUTE) instanceof io.movmo.booking.identity.Partner partner) {
            return partner.partnerId();
        }
        throw io.movmo.booking.web.ApiException.unauthorized("an API key is required");
    }
    /** The id of the API key the request came with (rate limits are per key). */
    public static final String API_KEY_ID_ATTRIBUTE = ApiKeyFilter.class.getName() + ".keyId";

    private final RouteCatalog routes;
    private final PartnerCredentials credentials;
    private final ErrorEnvelopes envelopes;

    public ApiKeyFilter(RouteCatalog routes, PartnerCredentials credentials, ErrorEnvelopes envelopes) {
        this.routes = routes;
        this.credentials = credentials;
        this.envelopes = envelopes;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var request = exchange.getRequest();
        if (routes.accessFor(request.getMethod(), request.getPath().pathWithinApplication().value()) == RouteAccess.PUBLIC) {
            return chain.filter(exchange);
        }
        String key = request.getHeaders().getFirst(HEADER);
        if (key == null || key.isBlank()) {
            return reject(exchange, "x-api-key header is missing");
        }
        return credentials.resolve(key.trim())
                .flatMap(resolved -> {
                    Partner partner = resolved.partner();
                    exchange.getAttributes().put(PARTNER_ATTRIBUTE, partner);
                    exchange.getAttributes().put(API_KEY_ID_ATTRIBUTE, resolved.keyId());
                    return chain.filter(exchange)
                            .contextWrite(ctx -> RequestContext.from(ctx)
                                    .map(rc -> rc.withPartner(partner.partnerId()).writeTo(ctx))
                                    .orElse(ctx))
                            .thenReturn(true);
                })
                .switchIfEmpty(Mono.defer(() -> reject(exchange, "x-api-key is not valid").thenReturn(false)))
                .then();
    }

    private Mono<Void> reject(ServerWebExchange exchange, String details) {
        return envelopes.write(exchange.getResponse(), HttpStatus.UNAUTHORIZED, "unauthorized", details);
    }
}
