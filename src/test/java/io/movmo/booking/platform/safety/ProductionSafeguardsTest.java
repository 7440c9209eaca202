package io.movmo.booking.platform.safety;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatNoException;

import io.movmo.booking.shared.SandboxAdapter;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.env.MockEnvironment;

/** The guard sees sandbox adapters however they are declared, and leaves other profiles alone. */
class ProductionSafeguardsTest {

    @SandboxAdapter
    static class OfflineStandIn {}

    @Configuration(proxyBeanMethods = false)
    static class DeclaredWithBeanMethod {
        @Bean
        OfflineStandIn standIn() {
            return new OfflineStandIn();
        }
    }

    private static MockEnvironment prodEnvironment() {
        MockEnvironment env = new MockEnvironment()
                .withProperty("movmo.database.url", "postgresql://movmo:pw@db:5432/movmo")
                .withProperty("movmo.security.jwt.issuer-uri", "https://issuer.example.com")
                .withProperty("movmo.cognito.domain", "https://auth.example.com")
                .withProperty("movmo.kms.key-id", "alias/movmo-personal-data")
                .withProperty("movmo.kms.region", "eu-west-1")
                .withProperty("movmo.stripe.api-key", "sk_test_51Movmo")
                .withProperty("movmo.stripe.webhook.signing-secret", "whsec_real_endpoint_secret");
        env.setActiveProfiles("prod");
        return env;
    }

    private static void refresh(MockEnvironment env) {
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
            context.setEnvironment(env);
            context.addBeanFactoryPostProcessor(new ProductionSafeguards(env));
            context.register(DeclaredWithBeanMethod.class);
            context.refresh();
        }
    }

    @Test
    void refusesSandboxAdapterDeclaredByBeanMethod() {
        assertThatThrownBy(() -> refresh(prodEnvironment()))
                .hasMessageContaining("sandbox adapter OfflineStandIn is registered");
    }

    @Test
    void refusesAMissingStripeKeyAndTheSandboxWebhookSecret() {
        MockEnvironment env = prodEnvironment().withProperty("movmo.stripe.api-key", "")
                .withProperty("movmo.stripe.webhook.signing-secret", ProductionSafeguards.SANDBOX_WEBHOOK_SECRET);
        assertThatThrownBy(() -> refresh(env))
                .hasMessageContaining("MOVMO_STRIPE_SECRET_KEY")
                .hasMessageContaining("MOVMO_STRIPE_WEBHOOK_SECRET");
    }

    @Test
    void leavesOtherProfilesAlone() {
        MockEnvironment sandbox = new MockEnvironment();
        sandbox.setActiveProfiles("sandbox");
        assertThatNoException().isThrownBy(() -> refresh(sandbox));
    }
}
