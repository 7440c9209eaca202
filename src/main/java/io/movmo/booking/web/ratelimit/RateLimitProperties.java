package io.movmo.booking.web.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code movmo.rate-limit.*}: the per-node token buckets of {@link RateLimitFilter}. Partners (a resolved
 * {@code x-api-key}) get {@code requests-per-second} with bursts of {@code burst}; public routes are limited per client
 * address with the {@code anonymous-*} pair. At most {@code max-tracked-keys} buckets are kept per kind.
 */
@ConfigurationProperties("movmo.rate-limit")
public record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("20") double requestsPerSecond,
        @DefaultValue("40") int burst,
        @DefaultValue("5") double anonymousRequestsPerSecond,
        @DefaultValue("20") int anonymousBurst,
        @DefaultValue("100000") int maxTrackedKeys) {

    public RateLimitProperties {
        requirePositive("requests-per-second", requestsPerSecond);
        requirePositive("anonymous-requests-per-second", anonymousRequestsPerSecond);
        requirePositive("burst", burst);
        requirePositive("anonymous-burst", anonymousBurst);
        requirePositive("max-tracked-keys", maxTrackedKeys);
    }

    private static void requirePositive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("movmo.rate-limit." + name + " must be a positive number, got " + value);
        }
    }
}
