package io.movmo.booking.providers.duffel;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code movmo.providers.duffel.*}, read only where {@link DuffelFlightProvider} is built (outside the sandbox):
 * <ul>
 *   <li>{@code access-token} ({@code MOVMO_DUFFEL_ACCESS_TOKEN}): the Duffel access token ({@code duffel_live_…} or
 *       {@code duffel_test_…}), sent as {@code Authorization: Bearer}; never logged, never in a reason;</li>
 *   <li>{@code base-url}: where Duffel's API is reached (a proxy, or a stub in tests); default
 *       {@code https://api.duffel.com};</li>
 *   <li>{@code connect-timeout}, {@code read-timeout}: bound each call's connection and each wait for Duffel's answer
 *       (the read timeout defaults to the catalog's {@code booking_timeout_seconds}, 60 s, because order creation
 *       waits for the airline); the whole exchange is bounded by their sum. A timeout on a call that can change
 *       Duffel's state is an unknown outcome, never a failure;</li>
 *   <li>{@code order-lookup-window}, {@code order-lookup-max-pages}: how far back, and through how many pages of 200
 *       orders, {@link DuffelFlightProvider#findOrderByReference} looks (Duffel cannot filter orders by metadata).</li>
 * </ul>
 * {@link #toString()} masks the token.
 */
@ConfigurationProperties("movmo.providers.duffel")
public record DuffelProperties(
        String accessToken,
        @DefaultValue("https://api.duffel.com") URI baseUrl,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("60s") Duration readTimeout,
        @DefaultValue("72h") Duration orderLookupWindow,
        @DefaultValue("10") int orderLookupMaxPages) {

    static final URI DEFAULT_BASE_URL = URI.create("https://api.duffel.com");
    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);
    static final Duration DEFAULT_ORDER_LOOKUP_WINDOW = Duration.ofHours(72);

    public DuffelProperties {
        baseUrl = baseUrl == null ? DEFAULT_BASE_URL : baseUrl;
        connectTimeout = connectTimeout == null ? DEFAULT_CONNECT_TIMEOUT : connectTimeout;
        readTimeout = readTimeout == null ? DEFAULT_READ_TIMEOUT : readTimeout;
        orderLookupWindow = orderLookupWindow == null ? DEFAULT_ORDER_LOOKUP_WINDOW : orderLookupWindow;
        if (connectTimeout.isNegative() || connectTimeout.isZero() || readTimeout.isNegative() || readTimeout.isZero()) {
            throw new IllegalArgumentException("movmo.providers.duffel connect-timeout and read-timeout must be positive");
        }
        if (orderLookupWindow.isNegative() || orderLookupWindow.isZero()) {
            throw new IllegalArgumentException("movmo.providers.duffel.order-lookup-window must be positive");
        }
        if (orderLookupMaxPages < 1) {
            throw new IllegalArgumentException("movmo.providers.duffel.order-lookup-max-pages must be at least 1");
        }
    }

    /** Test and tooling shorthand: the token and base URL, everything else at its default. */
    public static DuffelProperties of(String accessToken, URI baseUrl) {
        return new DuffelProperties(accessToken, baseUrl, null, null, null, 10);
    }

    /**
     * The access token, or a startup failure naming {@code MOVMO_DUFFEL_ACCESS_TOKEN}. The failure never repeats the
     * value: anything that is not a Duffel access token is refused by its prefix alone.
     */
    String requiredAccessToken() {
        if (accessToken == null || accessToken.isBlank()) {
            throw new IllegalStateException("movmo.providers.duffel.access-token (MOVMO_DUFFEL_ACCESS_TOKEN) must be set "
                    + "outside the sandbox: Duffel is an active provider in the catalog, and its adapter needs the "
                    + "organisation's Duffel access token (duffel_live_... or duffel_test_...)");
        }
        if (!accessToken.startsWith("duffel_live_") && !accessToken.startsWith("duffel_test_")) {
            throw new IllegalStateException("movmo.providers.duffel.access-token (MOVMO_DUFFEL_ACCESS_TOKEN) must be a "
                    + "Duffel access token (duffel_live_... or duffel_test_...)");
        }
        if (accessToken.chars().anyMatch(c -> c <= ' ' || c >= 127)) {
            throw new IllegalStateException("movmo.providers.duffel.access-token (MOVMO_DUFFEL_ACCESS_TOKEN) contains "
                    + "whitespace or characters a Duffel access token never has");
        }
        return accessToken;
    }

    @Override
    public String toString() {
        return "DuffelProperties[accessToken=" + (accessToken == null || accessToken.isBlank() ? "(unset)" : "(set)")
                + ", baseUrl=" + baseUrl + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
                + ", orderLookupWindow=" + orderLookupWindow + ", orderLookupMaxPages=" + orderLookupMaxPages + "]";
    }
}
