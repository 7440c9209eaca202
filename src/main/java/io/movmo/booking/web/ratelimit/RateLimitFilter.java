package io.movmo.booking.web.ratelimit;

import io.movmo.booking.identity.Partner;
import io.movmo.booking.web.ErrorEnvelopes;
import io.movmo.booking.web.security.ApiKeyFilter;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.function.LongSupplier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Limits each partner (the one {@link ApiKeyFilter} resolved from {@code x-api-key}) and, on public routes, each client
 * address, answering {@code 429} with {@code Retry-After} in the {@code Error} envelope when its bucket is empty. Runs
 * right after {@link ApiKeyFilter} in the security chain, so unknown keys are refused (401) before they cost anything.
 *
 * <p>The address is the TCP peer's; {@code X-Forwarded-For} is never read, since any client can write it. IPv6 peers
 * are keyed by their {@code /64}, the block a single subscriber usually holds and can rotate addresses within.
 * Partners and addresses have separate maps, so a flood of addresses can never push a partner's bucket out.
 *
 * <p>Buckets live in this node's memory: with N nodes behind a load balancer a key gets up to N times the rate.
 */
public final class RateLimitFilter implements WebFilter {

    static final String MESSAGE = "rate limit exceeded";

    private final boolean enabled;
    private final RateLimiter partners;
    private final RateLimiter addresses;
    private final ErrorEnvelopes envelopes;

    public RateLimitFilter(RateLimitProperties properties, ErrorEnvelopes envelopes) {
        this(properties, envelopes, System::nanoTime);
    }

    RateLimitFilter(RateLimitProperties properties, ErrorEnvelopes envelopes, LongSupplier nanoTime) {
        this.enabled = properties.enabled();
        this.partners = new RateLimiter(properties.requestsPerSecond(), properties.burst(),
                properties.maxTrackedKeys(), nanoTime);
        this.addresses = new RateLimiter(properties.anonymousRequestsPerSecond(), properties.anonymousBurst(),
                properties.maxTrackedKeys(), nanoTime);
        this.envelopes = envelopes;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().value();
        // Stripe's webhooks are verified by signature and retried by Stripe with long back-offs: throttling them with
        // the anonymous per-address bucket (shared by everyone behind one load balancer) would delay payment signals.
        if (!enabled || path.startsWith("/actuator/") || path.equals("/v1/webhooks/stripe")) {
            // Health probes are never limited: a 429 on liveness would get a healthy node restarted.
            return chain.filter(exchange);
        }
        return Mono.defer(() -> {
            TokenBucket.Result result = exchange.getAttribute(ApiKeyFilter.API_KEY_ID_ATTRIBUTE) instanceof java.util.UUID keyId
                    ? partners.tryConsume("key:" + keyId)
                    : addresses.tryConsume("ip:" + clientAddress(exchange.getRequest().getRemoteAddress()));
            if (result.allowed()) {
                return chain.filter(exchange);
            }
            long seconds = result.retryAfter().toSeconds();
            ServerHttpResponse response = exchange.getResponse();
            response.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
            return envelopes.write(response, HttpStatus.TOO_MANY_REQUESTS, MESSAGE, "retry after " + seconds + " seconds");
        });
    }

    static String clientAddress(InetSocketAddress remote) {
        if (remote == null) {
            return "unknown";
        }
        InetAddress address = remote.getAddress();
        if (address == null) {
            return remote.getHostString();
        }
        if (address instanceof Inet6Address) {
            byte[] prefix = Arrays.copyOf(address.getAddress(), 16);
            Arrays.fill(prefix, 8, 16, (byte) 0);
            try {
                return InetAddress.getByAddress(prefix).getHostAddress() + "/64";
            } catch (UnknownHostException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
        return address.getHostAddress();
    }
}
