package io.movmo.booking.providers.dohop;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code movmo.providers.dohop.*}, read only where {@link DohopFlightProvider} is built (outside the sandbox); see
 * {@code docs/providers/dohop.md}:
 * <ul>
 *   <li>{@code base-url} ({@code MOVMO_DOHOP_BASE_URL}): where Dohop's API is reached, without the {@code /v1}
 *       version prefix (e.g. {@code https://connect.dohop.example});</li>
 *   <li>{@code api-key} ({@code MOVMO_DOHOP_API_KEY}): the engine's Dohop API key, sent as {@code X-Api-Key};</li>
 *   <li>{@code connect-timeout}: bounds each connection;</li>
 *   <li>{@code read-timeout}: bounds the wait for a lookup (order retrieval and search, cancellation quote);</li>
 *   <li>{@code pricing-timeout}: bounds the wait for {@code POST /v1/price} (the catalog's
 *       {@code pricing_timeout_seconds});</li>
 *   <li>{@code booking-timeout}: bounds the wait for each phase of a booking and for a cancellation (the catalog's
 *       {@code booking_timeout_seconds}); running out of it is an unknown outcome, never a failure.</li>
 * </ul>
 * {@link #toString()} masks the key.
 */
@ConfigurationProperties("movmo.providers.dohop")
public record DohopProperties(
        String baseUrl,
        String apiKey,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("10s") Duration readTimeout,
        @DefaultValue("30s") Duration pricingTimeout,
        @DefaultValue("120s") Duration bookingTimeout) {

    public DohopProperties {
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(10) : readTimeout;
        pricingTimeout = pricingTimeout == null ? Duration.ofSeconds(30) : pricingTimeout;
        bookingTimeout = bookingTimeout == null ? Duration.ofSeconds(120) : bookingTimeout;
    }

    /** The base URL, or a startup failure naming {@code MOVMO_DOHOP_BASE_URL}. */
    URI requiredBaseUrl() {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new IllegalStateException("movmo.providers.dohop.base-url (MOVMO_DOHOP_BASE_URL) must be set "
                    + "outside the sandbox: the base URL of Dohop's booking API, e.g. https://connect.dohop.example");
        }
        URI uri;
        try {
            uri = URI.create(baseUrl.trim());
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || !uri.isAbsolute() || uri.getHost() == null
                || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
            throw new IllegalStateException("movmo.providers.dohop.base-url (MOVMO_DOHOP_BASE_URL) must be an "
                    + "absolute http(s) URL, e.g. https://connect.dohop.example");
        }
        return uri;
    }

    /** The API key, or a startup failure naming {@code MOVMO_DOHOP_API_KEY}; the failure never repeats a value. */
    String requiredApiKey() {
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalStateException("movmo.providers.dohop.api-key (MOVMO_DOHOP_API_KEY) must be set "
                    + "outside the sandbox: the engine's Dohop API key");
        }
        return apiKey.trim();
    }

    @Override
    public String toString() {
        return "DohopProperties[baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null || apiKey.isBlank() ? "(unset)"
                : "(set)") + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
                + ", pricingTimeout=" + pricingTimeout + ", bookingTimeout=" + bookingTimeout + "]";
    }
}
