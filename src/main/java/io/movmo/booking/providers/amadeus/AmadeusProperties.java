package io.movmo.booking.providers.amadeus;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code movmo.providers.amadeus.*}, read only where the Amadeus adapter is built (outside the sandbox):
 * <ul>
 *   <li>{@code client-id}, {@code client-secret} ({@code MOVMO_AMADEUS_CLIENT_ID}, {@code MOVMO_AMADEUS_CLIENT_SECRET}):
 *       the Self-Service application's API key and secret, exchanged for an access token (OAuth2 client
 *       credentials);</li>
 *   <li>{@code base-url}: {@code https://test.api.amadeus.com} (the default, Amadeus's test environment) or
 *       {@code https://api.amadeus.com} (production);</li>
 *   <li>{@code connect-timeout}: bounds each connection;</li>
 *   <li>{@code read-timeout}: bounds each wait for Amadeus's answer to a token request, a pricing, a seat map or an
 *       order lookup;</li>
 *   <li>{@code order-timeout}: bounds each wait for the answer to creating or cancelling an order. It is long on
 *       purpose: a timeout there is an unknown outcome, and Amadeus Self-Service cannot find an order by our
 *       reference, so every avoidable timeout on an order is one less order to reconcile by hand.</li>
 * </ul>
 * {@link #toString()} masks the secret.
 */
@ConfigurationProperties("movmo.providers.amadeus")
public record AmadeusProperties(
        String clientId,
        String clientSecret,
        @DefaultValue("https://test.api.amadeus.com") URI baseUrl,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("20s") Duration readTimeout,
        @DefaultValue("90s") Duration orderTimeout) {

    public AmadeusProperties {
        if (baseUrl == null) {
            baseUrl = URI.create("https://test.api.amadeus.com");
        }
        if (connectTimeout == null) {
            connectTimeout = Duration.ofSeconds(2);
        }
        if (readTimeout == null) {
            readTimeout = Duration.ofSeconds(20);
        }
        if (orderTimeout == null) {
            orderTimeout = Duration.ofSeconds(90);
        }
        for (Duration timeout : new Duration[] {connectTimeout, readTimeout, orderTimeout}) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("movmo.providers.amadeus timeouts must be positive");
            }
        }
    }

    /**
     * This configuration, or a startup failure naming {@code MOVMO_AMADEUS_CLIENT_ID} and
     * {@code MOVMO_AMADEUS_CLIENT_SECRET}. The failure never repeats a value.
     */
    AmadeusProperties requireCredentials() {
        boolean noId = clientId == null || clientId.isBlank();
        boolean noSecret = clientSecret == null || clientSecret.isBlank();
        if (noId || noSecret) {
            throw new IllegalStateException("movmo.providers.amadeus.client-id (MOVMO_AMADEUS_CLIENT_ID) and "
                    + "movmo.providers.amadeus.client-secret (MOVMO_AMADEUS_CLIENT_SECRET) must be set outside the "
                    + "sandbox: the API key and secret of the Amadeus Self-Service application ("
                    + (noId && noSecret ? "both are" : noId ? "MOVMO_AMADEUS_CLIENT_ID is" : "MOVMO_AMADEUS_CLIENT_SECRET is")
                    + " missing)");
        }
        return this;
    }

    /** Where Amadeus's paths are resolved, without a trailing slash. */
    String base() {
        return baseUrl.toString().replaceAll("/+$", "");
    }

    @Override
    public String toString() {
        return "AmadeusProperties[clientId=" + clientId + ", clientSecret="
                + (clientSecret == null || clientSecret.isBlank() ? "(unset)" : "(set)") + ", baseUrl=" + baseUrl
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + ", orderTimeout="
                + orderTimeout + "]";
    }
}
