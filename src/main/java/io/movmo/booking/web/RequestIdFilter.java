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
 * echoes it on the response, puts a {@link RequestContext} into the Reactor context and the exchange, and logs one
 * access line when the response is committed (so statuses set by the exception handlers are the ones logged).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestIdFilter implements WebFilter {

    public static final String HEADER = "X-Request-Id";
    public static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".requestId";
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Logger access = LoggerFactory.getLogger("io.movmo.booking.access");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String offered = exchange.getRequest().getHeaders().getFirst(HEADER);
        String requestId = offered != null && ACCEPTED.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
        exchange.getResponse().getHeaders().set(HEADER, requestId);
        exchange.getAttributes().put(ATTRIBUTE, requestId);
        long started = System.nanoTime();
        exchange.getResponse().beforeCommit(() -> Mono.fromRunnable(() -> logAccess(exchange, requestId, started)));
        return chain.filter(exchange).contextWrite(ctx -> new RequestContext(requestId, null, null).writeTo(ctx));
    }

    /** Runs {@code action} with the exchange's request id in the logging MDC, for code outside the request's context. */
    public static void withRequestId(ServerWebExchange exchange, Runnable action) {
        String requestId = exchange.getAttribute(ATTRIBUTE);
        if (requestId == null) {
            action.run();
            return;
        }
        try (MDC.MDCCloseable ignored = MDC.putCloseable(RequestIdLogging.MDC_KEY, requestId)) {
            action.run();
        }
    }

    private static void logAccess(ServerWebExchange exchange, String requestId, long started) {
        withRequestId(exchange, () -> access.info("{} {} -> {} in {} ms", exchange.getRequest().getMethod(),
                exchange.getRequest().getPath().value(), exchange.getResponse().getStatusCode(),
                (System.nanoTime() - started) / 1_000_000));
    }
}
