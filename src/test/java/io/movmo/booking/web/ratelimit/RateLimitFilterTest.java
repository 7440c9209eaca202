package io.movmo.booking.web.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.movmo.booking.identity.Partner;
import io.movmo.booking.web.ErrorEnvelopes;
import io.movmo.booking.web.security.ApiKeyFilter;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Partners are limited by partner id, everyone else by address; a refused request never reaches the chain. */
class RateLimitFilterTest {

    private static final int BURST = 3;
    private static final int ANONYMOUS_BURST = 2;

    private final JsonMapper json = JsonMapper.builder().build();
    private final AtomicLong now = new AtomicLong();
    private final AtomicInteger downstream = new AtomicInteger();
    private final WebFilterChain chain = exchange -> {
        downstream.incrementAndGet();
        return Mono.empty();
    };

    private RateLimitFilter filter(boolean enabled) {
        return new RateLimitFilter(new RateLimitProperties(enabled, 1, BURST, 0.5, ANONYMOUS_BURST, 1000),
                new ErrorEnvelopes(json), now::get);
    }

    private static MockServerWebExchange request(Partner partner, String ip) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/v1/bookings")
                .remoteAddress(new InetSocketAddress(ip, 50_000)));
        if (partner != null) {
            // One API key per test partner: limits are per key.
            exchange.getAttributes().put(ApiKeyFilter.PARTNER_ATTRIBUTE, partner);
            exchange.getAttributes().put(ApiKeyFilter.API_KEY_ID_ATTRIBUTE,
                    java.util.UUID.nameUUIDFromBytes(partner.partnerId().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        return exchange;
    }

    private static MockServerWebExchange run(RateLimitFilter filter, MockServerWebExchange exchange, WebFilterChain chain) {
        filter.filter(exchange, chain).block();
        return exchange;
    }

    @Test
    void refusesThePartnersRequestAfterItsBurstWithoutCallingTheChain() {
        RateLimitFilter filter = filter(true);
        Partner acme = new Partner("acme", "Acme");
        for (int i = 0; i < BURST; i++) {
            assertThat(run(filter, request(acme, "203.0.113.1"), chain).getResponse().getStatusCode()).isNull();
        }
        assertThat(downstream).hasValue(BURST);

        MockServerWebExchange refused = run(filter, request(acme, "203.0.113.1"), chain);

        assertThat(downstream).as("the chain did not run for the refused request").hasValue(BURST);
        assertThat(refused.getResponse().getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(refused.getResponse().getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(refused.getResponse().getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
        assertThat(json.readTree(refused.getResponse().getBodyAsString().block())).isEqualTo(json.readTree(
                "{\"message\":\"rate limit exceeded\",\"status_code\":429,\"details\":\"retry after 1 seconds\"}"));
    }

    @Test
    void neverThrottlesStripesSignedWebhooksButStillTheirNeighbours() {
        RateLimitFilter filter = filter(true);
        for (int i = 0; i < ANONYMOUS_BURST * 5; i++) {
            MockServerWebExchange webhook = MockServerWebExchange.from(MockServerHttpRequest.post("/v1/webhooks/stripe")
                    .remoteAddress(new InetSocketAddress("198.51.100.7", 50_000)));
            assertThat(run(filter, webhook, chain).getResponse().getStatusCode()).isNull();
        }
        assertThat(downstream).hasValue(ANONYMOUS_BURST * 5);
        for (int i = 0; i < ANONYMOUS_BURST; i++) {
            run(filter, request(null, "198.51.100.7"), chain);
        }
        assertThat(run(filter, request(null, "198.51.100.7"), chain).getResponse().getStatusCode())
                .isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    }

    @Test
    void partnersAreLimitedByPartnerNotByAddress() {
        RateLimitFilter filter = filter(true);
        Partner acme = new Partner("acme", "Acme");
        for (int i = 0; i <= BURST; i++) {
            run(filter, request(acme, "203.0.113.1"), chain);
        }
        assertThat(run(filter, request(acme, "198.51.100.9"), chain).getResponse().getStatusCode())
                .as("same partner from another address").isEqualTo(HttpStatus.TOO_MANY_REQUESTS);

        MockServerWebExchange other = run(filter, request(new Partner("globex", "Globex"), "203.0.113.1"), chain);

        assertThat(other.getResponse().getStatusCode()).as("another partner from the same address").isNull();
        assertThat(downstream).hasValue(BURST + 1);
    }

    @Test
    void requestsWithoutAPartnerAreLimitedPerAddressIgnoringForwardedHeaders() {
        RateLimitFilter filter = filter(true);
        for (int i = 0; i < ANONYMOUS_BURST; i++) {
            run(filter, request(null, "203.0.113.1"), chain);
        }
        MockServerWebExchange spoofed = MockServerWebExchange.from(MockServerHttpRequest.get("/v1/oauth/token")
                .header("X-Forwarded-For", "192.0.2.77")
                .remoteAddress(new InetSocketAddress("203.0.113.1", 50_001)));

        assertThat(run(filter, spoofed, chain).getResponse().getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(spoofed.getResponse().getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("2"); // 0.5/s
        assertThat(run(filter, request(null, "203.0.113.2"), chain).getResponse().getStatusCode()).isNull();
        assertThat(downstream).hasValue(ANONYMOUS_BURST + 1);
    }

    @Test
    void ipv6ClientsAreLimitedPerSlash64() {
        RateLimitFilter filter = filter(true);
        run(filter, request(null, "2001:db8:1:2::a"), chain);
        run(filter, request(null, "2001:db8:1:2:ffff::b"), chain);

        assertThat(run(filter, request(null, "2001:db8:1:2::c"), chain).getResponse().getStatusCode())
                .isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(run(filter, request(null, "2001:db8:1:3::a"), chain).getResponse().getStatusCode()).isNull();
    }

    @Test
    void letsTheRequestThroughAgainOnceTheBucketRefills() {
        RateLimitFilter filter = filter(true);
        Partner acme = new Partner("acme", "Acme");
        for (int i = 0; i <= BURST; i++) {
            run(filter, request(acme, "203.0.113.1"), chain);
        }
        now.addAndGet(1_000_000_000L);

        assertThat(run(filter, request(acme, "203.0.113.1"), chain).getResponse().getStatusCode()).isNull();
        assertThat(downstream).hasValue(BURST + 1);
    }

    @Test
    void passesEverythingWhenDisabled() {
        RateLimitFilter filter = filter(false);
        for (int i = 0; i < 100; i++) {
            run(filter, request(new Partner("acme", "Acme"), "203.0.113.1"), chain);
        }
        assertThat(downstream).hasValue(100);
    }

    @Test
    void clientAddressKeys() {
        assertThat(RateLimitFilter.clientAddress(null)).isEqualTo("unknown");
        assertThat(RateLimitFilter.clientAddress(new InetSocketAddress("203.0.113.5", 1))).isEqualTo("203.0.113.5");
        assertThat(RateLimitFilter.clientAddress(new InetSocketAddress("2001:db8:a:b:c:d:e:f", 1)))
                .isEqualTo("2001:db8:a:b:0:0:0:0/64");
        assertThat(RateLimitFilter.clientAddress(new InetSocketAddress("::ffff:203.0.113.5", 1)))
                .as("IPv4-mapped IPv6 is the IPv4 client").isEqualTo("203.0.113.5");
    }
}
