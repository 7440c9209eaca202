package io.movmo.booking.payments.webhooks;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code movmo.stripe.webhook.*}: the webhook endpoint's signing secret ({@code whsec_…}, from the Stripe dashboard or
 * {@code stripe listen}). The sandbox has a fixed, documented one so partners and tests can sign events; the
 * {@code prod} profile refuses to start without a real one.
 */
@ConfigurationProperties("movmo.stripe.webhook")
public record StripeWebhookProperties(String signingSecret) {

    public StripeWebhookProperties {
        if (signingSecret == null || !signingSecret.startsWith("whsec_")) {
            throw new IllegalStateException("movmo.stripe.webhook.signing-secret (MOVMO_STRIPE_WEBHOOK_SECRET) must be the"
                    + " webhook endpoint's signing secret (whsec_…)");
        }
    }

    @Override
    public String toString() {
        return "StripeWebhookProperties[signingSecret=whsec_…]";
    }
}
