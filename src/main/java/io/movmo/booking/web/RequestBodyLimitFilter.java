package io.movmo.booking.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses a body whose declared length exceeds {@code movmo.http.max-request-body} before reading a byte of it.
 * Bodies without a declared length are capped by the codecs' in-memory limit (same value), which also ends in 413.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class RequestBodyLimitFilter implements WebFilter {

    private final long maxBytes;
    private final ErrorEnvelopes envelopes;

    RequestBodyLimitFilter(@Value("${movmo.http.max-request-body}") long maxBytes, ErrorEnvelopes envelopes) {
        this.maxBytes = maxBytes;
        this.envelopes = envelopes;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (exchange.getRequest().getHeaders().getContentLength() > maxBytes) {
            return envelopes.write(exchange.getResponse(), HttpStatus.PAYLOAD_TOO_LARGE, "request body too large",
                    "the limit is " + maxBytes + " bytes");
        }
        return chain.filter(exchange);
    }
}
