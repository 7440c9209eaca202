package io.movmo.booking.providers.adapter;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * Validation of a provider adapter's {@code movmo.providers.<provider>.*} settings, shared by the properties records:
 * failures name the property and its environment variable ({@code MOVMO_<PROVIDER>_…}) and never repeat a secret.
 */
public final class ProviderSettings {

    private ProviderSettings() {
    }

    /** {@code value}, or {@code fallback} when unset. */
    public static Duration orDefault(Duration value, Duration fallback) {
        return value == null ? fallback : value;
    }

    /**
     * The base URL, or a startup failure naming {@code MOVMO_<PROVIDER>_BASE_URL}; {@code provider} is the provider's
     * name ("Darwin"), {@code example} an example base URL.
     */
    public static URI requiredBaseUrl(String baseUrl, String provider, String example) {
        String property = property(provider, "base-url", "BASE_URL");
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new IllegalStateException(property + " must be set outside the sandbox: the base URL of " + provider
                    + "'s booking API, e.g. " + example);
        }
        URI uri;
        try {
            uri = URI.create(baseUrl.trim());
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || !uri.isAbsolute() || uri.getHost() == null
                || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
            throw new IllegalStateException(property + " must be an absolute http(s) URL, e.g. " + example);
        }
        return uri;
    }

    /** The API key, or a startup failure naming {@code MOVMO_<PROVIDER>_API_KEY}; the failure never repeats a value. */
    public static String requiredApiKey(String apiKey, String provider) {
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalStateException(property(provider, "api-key", "API_KEY")
                    + " must be set outside the sandbox: the engine's " + provider + " API key");
        }
        return apiKey.trim();
    }

    /** What a {@code toString()} shows of an API key: whether it is set, never the value. */
    public static String masked(String apiKey) {
        return apiKey == null || apiKey.isBlank() ? "(unset)" : "(set)";
    }

    /** {@code movmo.providers.darwin.base-url (MOVMO_DARWIN_BASE_URL)}. */
    private static String property(String provider, String name, String variable) {
        return "movmo.providers." + provider.toLowerCase(Locale.ROOT) + "." + name + " (MOVMO_"
                + provider.toUpperCase(Locale.ROOT) + "_" + variable + ")";
    }
}
