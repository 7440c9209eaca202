package io.movmo.booking.providers.darwin;

import io.movmo.booking.providers.adapter.ProviderSettings;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code movmo.providers.darwin.*}, read only where {@link DarwinFlightProvider} is built (outside the sandbox); see
 * {@code docs/providers/darwin.md}:
 * <ul>
 *   <li>{@code base-url} ({@code MOVMO_DARWIN_BASE_URL}): where Darwin's API is reached, without the {@code /v1}
 *       version prefix (e.g. {@code https://api.darwin.example});</li>
 *   <li>{@code api-key} ({@code MOVMO_DARWIN_API_KEY}): the engine's Darwin API key, sent as a Bearer token;</li>
 *   <li>{@code connect-timeout}: bounds each connection;</li>
 *   <li>{@code read-timeout}: bounds the wait for a lookup (booking retrieval and search, seat maps);</li>
 *   <li>{@code booking-timeout}: bounds the wait for a booking or cancellation (the catalog's
 *       {@code booking_timeout_seconds}); running out of it is an unknown outcome, never a failure.</li>
 * </ul>
 * {@link #toString()} masks the key.
 */
@ConfigurationProperties("movmo.providers.darwin")
public record DarwinProperties(
        String baseUrl,
        String apiKey,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("10s") Duration readTimeout,
        @DefaultValue("60s") Duration bookingTimeout) {

    public DarwinProperties {
        connectTimeout = ProviderSettings.orDefault(connectTimeout, Duration.ofSeconds(2));
        readTimeout = ProviderSettings.orDefault(readTimeout, Duration.ofSeconds(10));
        bookingTimeout = ProviderSettings.orDefault(bookingTimeout, Duration.ofSeconds(60));
    }

    /** The base URL, or a startup failure naming {@code MOVMO_DARWIN_BASE_URL}. */
    URI requiredBaseUrl() {
        return ProviderSettings.requiredBaseUrl(baseUrl, "Darwin", "https://api.darwin.example");
    }

    /** The API key, or a startup failure naming {@code MOVMO_DARWIN_API_KEY}; the failure never repeats a value. */
    String requiredApiKey() {
        return ProviderSettings.requiredApiKey(apiKey, "Darwin");
    }

    @Override
    public String toString() {
        return "DarwinProperties[baseUrl=" + baseUrl + ", apiKey=" + ProviderSettings.masked(apiKey)
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
                + ", bookingTimeout=" + bookingTimeout + "]";
    }
}
