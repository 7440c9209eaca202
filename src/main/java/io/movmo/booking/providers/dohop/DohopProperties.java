package io.movmo.booking.providers.dohop;

import io.movmo.booking.providers.adapter.ProviderSettings;
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
        connectTimeout = ProviderSettings.orDefault(connectTimeout, Duration.ofSeconds(2));
        readTimeout = ProviderSettings.orDefault(readTimeout, Duration.ofSeconds(10));
        pricingTimeout = ProviderSettings.orDefault(pricingTimeout, Duration.ofSeconds(30));
        bookingTimeout = ProviderSettings.orDefault(bookingTimeout, Duration.ofSeconds(120));
    }

    /** The base URL, or a startup failure naming {@code MOVMO_DOHOP_BASE_URL}. */
    URI requiredBaseUrl() {
        return ProviderSettings.requiredBaseUrl(baseUrl, "Dohop", "https://connect.dohop.example");
    }

    /** The API key, or a startup failure naming {@code MOVMO_DOHOP_API_KEY}; the failure never repeats a value. */
    String requiredApiKey() {
        return ProviderSettings.requiredApiKey(apiKey, "Dohop");
    }

    @Override
    public String toString() {
        return "DohopProperties[baseUrl=" + baseUrl + ", apiKey=" + ProviderSettings.masked(apiKey)
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
                + ", pricingTimeout=" + pricingTimeout + ", bookingTimeout=" + bookingTimeout + "]";
    }
}
