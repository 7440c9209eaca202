package io.movmo.booking.payments.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import com.stripe.StripeClient;
import io.movmo.booking.payments.gateway.PaymentGateway;
import io.movmo.booking.payments.methods.PaymentMethodRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** Outside the sandbox Stripe serves the payment gateway port, and it does not start without a secret key. */
class StripeConfigurationTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(StripeProperties.class)
    static class Properties {}

    private static final String SECRET = "sk_live_51MovmoLiveKey00000000000000000000000000000000000000000000000000";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(Properties.class, StripeConfiguration.class);

    @Test
    void stripeServesThePaymentGatewayWithStripesDefaultsUnlessConfigured() {
        runner.withPropertyValues("movmo.stripe.api-key=" + SECRET, "movmo.stripe.read-timeout=20s").run(context -> {
            assertThat(context).hasSingleBean(PaymentGateway.class);
            assertThat(context.getBean(PaymentGateway.class)).isInstanceOf(StripePaymentGateway.class);
            StripeProperties properties = context.getBean(StripeProperties.class);
            assertThat(properties.readTimeout()).isEqualTo(Duration.ofSeconds(20));
            assertThat(properties.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
            assertThat(properties.maxNetworkRetries()).isEqualTo(2);
            assertThat(properties.apiBase()).isNull();
        });
    }

    @Test
    void stripeServesSavedPaymentMethodsOverTheSameClient() {
        runner.withPropertyValues("movmo.stripe.api-key=" + SECRET).run(context -> {
            assertThat(context).hasSingleBean(PaymentMethodRegistry.class);
            assertThat(context.getBean(PaymentMethodRegistry.class)).isInstanceOf(StripePaymentMethodRegistry.class);
            assertThat(context).hasSingleBean(StripeClient.class);
        });
    }

    @Test
    void withoutASecretKeyTheEngineDoesNotStartAndSaysWhichVariableToSet() {
        runner.run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                .hasMessageStartingWith("movmo.stripe.api-key (MOVMO_STRIPE_SECRET_KEY) must be set outside the "
                        + "sandbox"));
        runner.withPropertyValues("movmo.stripe.api-key= ").run(context -> assertThat(context).hasFailed()
                .getFailure().rootCause().hasMessageContaining("MOVMO_STRIPE_SECRET_KEY"));
    }

    @Test
    void aPublishableKeyIsRefusedWithoutBeingRepeated() {
        String publishable = "pk_live_51MovmoPublishable000000000000000000000000000000000000000000000000";
        runner.withPropertyValues("movmo.stripe.api-key=" + publishable).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context).getFailure().rootCause()
                    .hasMessageContaining("MOVMO_STRIPE_SECRET_KEY")
                    .hasMessageContaining("not a publishable key");
            Throwable failure = context.getStartupFailure();
            for (Throwable t = failure; t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage())).doesNotContain(publishable);
            }
        });
    }

    @Test
    void thePropertiesNeverPrintTheKey() {
        StripeProperties properties = new StripeProperties(SECRET, null, null, null, 2);

        assertThat(properties.toString()).doesNotContain(SECRET).contains("apiKey=(set)");
        assertThat(new StripeProperties(null, null, null, null, 0).toString()).contains("apiKey=(unset)");
    }

    @Test
    void theSandboxHasNoStripeGateway() {
        runner.withPropertyValues("spring.profiles.active=sandbox").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(PaymentGateway.class);
            assertThat(context).doesNotHaveBean(PaymentMethodRegistry.class);
            assertThat(context).doesNotHaveBean(StripeClient.class);
        });
    }
}
