package io.movmo.booking.web;

import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * First filter of every request: takes the caller's {@code X-Request-Id} when it is a sane token (or makes one),
 * echoes it on the response, puts a {@link RequestContext} into the Reactor context, and logs one access line.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestIdFilter implements WebFilter {

    public static final String HEADER = "X-Request-Id";
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Logger access = LoggerFactory.getLogger("io.movmo.booking.access");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String offered = exchange.getRequest().getHeaders().getFirst(HEADER);
        String requestId = offered != null && ACCEPTED.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
        exchange.getResponse().getHeaders().set(HEADER, requestId);
        long started = System.nanoTime();
        return chain.filter(exchange)
                .doFinally(signal -> logAccess(exchange, requestId, started))
                .contextWrite(ctx -> new RequestContext(requestId, null, null).writeTo(ctx));
    }

    private static void logAccess(ServerWebExchange exchange, String requestId, long started) {
        try (MDC.MDCCloseable ignored = MDC.putCloseable(RequestIdLogging.MDC_KEY, requestId)) {
            access.info("{} {} -> {} in {} ms", exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath().value(), exchange.getResponse().getStatusCode(),
                    (System.nanoTime() - started) / 1_000_000);
        }
    }
}
