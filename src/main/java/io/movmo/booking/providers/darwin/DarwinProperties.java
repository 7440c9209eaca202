package io.movmo.booking.providers.darwin;

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
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(10) : readTimeout;
        bookingTimeout = bookingTimeout == null ? Duration.ofSeconds(60) : bookingTimeout;
    }

    /** The base URL, or a startup failure naming {@code MOVMO_DARWIN_BASE_URL}. */
    URI requiredBaseUrl() {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new IllegalStateException("movmo.providers.darwin.base-url (MOVMO_DARWIN_BASE_URL) must be set "
                    + "outside the sandbox: the base URL of Darwin's booking API, e.g. https://api.darwin.example");
        }
        URI uri;
        try {
            uri = URI.create(baseUrl.trim());
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || !uri.isAbsolute() || uri.getHost() == null
                || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
            throw new IllegalStateException("movmo.providers.darwin.base-url (MOVMO_DARWIN_BASE_URL) must be an "
                    + "absolute http(s) URL, e.g. https://api.darwin.example");
        }
        return uri;
    }

    /** The API key, or a startup failure naming {@code MOVMO_DARWIN_API_KEY}; the failure never repeats a value. */
    String requiredApiKey() {
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalStateException("movmo.providers.darwin.api-key (MOVMO_DARWIN_API_KEY) must be set "
                    + "outside the sandbox: the engine's Darwin API key");
        }
        return apiKey.trim();
    }

    @Override
    public String toString() {
        return "DarwinProperties[baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null || apiKey.isBlank() ? "(unset)"
                : "(set)") + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
                + ", bookingTimeout=" + bookingTimeout + "]";
    }
}
