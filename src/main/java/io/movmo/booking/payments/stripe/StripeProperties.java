package io.movmo.booking.payments.stripe;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code movmo.stripe.*}, read only where the Stripe client behind {@link StripePaymentGateway} and
 * {@link StripePaymentMethodRegistry} is built (outside the sandbox):
 * <ul>
 *   <li>{@code api-key} ({@code MOVMO_STRIPE_SECRET_KEY}): the account's secret ({@code sk_live_...},
 *       {@code sk_test_...}) or restricted ({@code rk_...}) key; a restricted key needs write access to
 *       PaymentIntents, Refunds, PaymentMethods and Customers;</li>
 *   <li>{@code api-base}: optional, where Stripe's API is reached (a proxy, or a stub in tests); default
 *       {@code https://api.stripe.com};</li>
 *   <li>{@code connect-timeout}, {@code read-timeout}: bound each attempt's connection and each wait for Stripe's
 *       answer; a timeout is an unknown outcome, never a failure;</li>
 *   <li>{@code max-network-retries}: how often stripe-java retries a connection failure, a 409, or a 5xx, with the
 *       caller's idempotency key and a jittered backoff (0.5 s doubling, at most 5 s); 2 as in stripe-java's global
 *       default.</li>
 * </ul>
 * {@link #toString()} masks the key.
 */
@ConfigurationProperties("movmo.stripe")
public record StripeProperties(
        String apiKey,
        URI apiBase,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("30s") Duration readTimeout,
        @DefaultValue("2") int maxNetworkRetries) {

    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);

    public StripeProperties {
        if (connectTimeout == null) {
            connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        }
        if (readTimeout == null) {
            readTimeout = DEFAULT_READ_TIMEOUT;
        }
        if (maxNetworkRetries < 0) {
            throw new IllegalArgumentException("movmo.stripe.max-network-retries cannot be negative");
        }
    }

    /**
     * The API key, or a startup failure naming {@code MOVMO_STRIPE_SECRET_KEY}. The failure never repeats the value: a
     * publishable key ({@code pk_...}) pasted by mistake is refused by its prefix alone.
     */
    String requiredApiKey() {
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalStateException("movmo.stripe.api-key (MOVMO_STRIPE_SECRET_KEY) must be set outside the "
                    + "sandbox: the Stripe secret key (sk_...) or restricted key (rk_...) of the account that takes "
                    + "payments");
        }
        if (!apiKey.startsWith("sk_") && !apiKey.startsWith("rk_")) {
            throw new IllegalStateException("movmo.stripe.api-key (MOVMO_STRIPE_SECRET_KEY) must be a Stripe secret "
                    + "key (sk_...) or restricted key (rk_...), not a publishable key or anything else");
        }
        return apiKey;
    }

    @Override
    public String toString() {
        return "StripeProperties[apiKey=" + (apiKey == null || apiKey.isBlank() ? "(unset)" : "(set)")
                + ", apiBase=" + apiBase + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
                + ", maxNetworkRetries=" + maxNetworkRetries + "]";
    }
}
