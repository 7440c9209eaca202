package io.movmo.booking.payments.webhooks;

import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** The sandbox's published signing secret signs nothing outside the sandbox profile. */
class StripeWebhooksTest {

    private static StripeWebhooks webhooks(String secret, String... profiles) {
        MockEnvironment environment = new MockEnvironment();
        environment.setActiveProfiles(profiles);
        return new StripeWebhooks(new StripeWebhookProperties(secret), null, null, null, environment);
    }

    @Test
    void refusesTheSandboxSecretOutsideTheSandbox() {
        assertThatThrownBy(() -> webhooks(StripeWebhooks.SANDBOX_SIGNING_SECRET, "staging"))
                .hasMessageContaining("MOVMO_STRIPE_WEBHOOK_SECRET");
        assertThatThrownBy(() -> webhooks(StripeWebhooks.SANDBOX_SIGNING_SECRET))
                .hasMessageContaining("outside the sandbox profile");
    }

    @Test
    void acceptsItInTheSandboxAndARealSecretAnywhere() {
        assertThatNoException().isThrownBy(() -> webhooks(StripeWebhooks.SANDBOX_SIGNING_SECRET, "sandbox"));
        assertThatNoException().isThrownBy(() -> webhooks("whsec_endpoint_own_secret", "staging"));
    }

    @Test
    void refusesSomethingThatIsNotASigningSecret() {
        assertThatThrownBy(() -> new StripeWebhookProperties("sk_test_oops")).hasMessageContaining("whsec_");
        assertThatThrownBy(() -> new StripeWebhookProperties(null)).hasMessageContaining("whsec_");
    }
}
