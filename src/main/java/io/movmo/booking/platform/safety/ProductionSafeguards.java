package io.movmo.booking.platform.safety;

import io.movmo.booking.shared.SandboxAdapter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.env.Environment;

/**
 * The {@code prod} profile refuses to start while anything would stand in for a real system: a bean marked
 * {@link SandboxAdapter} (a component or a {@code @Bean}), the sandbox profile, the embedded database, the built-in
 * token issuer. Checked on the bean definitions, before any bean (the embedded database included) is created; what
 * only the database can tell (a sandbox key still active) is checked by {@link ProductionDataSafeguards}.
 */
public final class ProductionSafeguards implements BeanFactoryPostProcessor {

    /** The signing secret the sandbox uses by default (application.yml); never valid in prod. */
    static final String SANDBOX_WEBHOOK_SECRET = io.movmo.booking.payments.webhooks.StripeWebhooks.SANDBOX_SIGNING_SECRET;

    private final Environment environment;

    public ProductionSafeguards(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        if (!environment.matchesProfiles("prod")) {
            return;
        }
        List<String> violations = new ArrayList<>();
        if (environment.matchesProfiles("sandbox")) {
            violations.add("the sandbox profile is active alongside prod");
        }
        if (isBlank(environment.getProperty("movmo.database.url"))) {
            violations.add("MOVMO_DATABASE_URL is not set, so the embedded PostgreSQL would be used");
        }
        if (isBlank(environment.getProperty("movmo.security.jwt.issuer-uri"))) {
            violations.add("MOVMO_JWT_ISSUER_URI is not set, so tokens of the built-in sandbox issuer would be accepted");
        }
        if (isBlank(environment.getProperty("movmo.cognito.domain"))) {
            violations.add("MOVMO_COGNITO_DOMAIN is not set, so no identity provider could exchange codes or refresh tokens");
        }
        if (isBlank(environment.getProperty("movmo.stripe.api-key"))) {
            violations.add("MOVMO_STRIPE_SECRET_KEY must be the Stripe secret (sk_…) or restricted (rk_…) key");
        }
        String webhookSecret = environment.getProperty("movmo.stripe.webhook.signing-secret");
        if (isBlank(webhookSecret) || SANDBOX_WEBHOOK_SECRET.equals(webhookSecret)) {
            violations.add("MOVMO_STRIPE_WEBHOOK_SECRET must be the Stripe webhook endpoint's own signing secret"
                    + " (the sandbox's documented one signs nothing real)");
        }
        if (isBlank(environment.getProperty("movmo.kms.key-id")) || isBlank(environment.getProperty("movmo.kms.region"))) {
            violations.add("MOVMO_KMS_KEY_ID and MOVMO_KMS_REGION must name the KMS key that protects personal data");
        }
        for (String name : beanFactory.getBeanNamesForAnnotation(SandboxAdapter.class)) {
            Class<?> type = beanFactory.getType(name, false);
            violations.add("sandbox adapter " + (type == null ? name : type.getSimpleName()) + " is registered");
        }
        if (!violations.isEmpty()) {
            throw new IllegalStateException("The prod profile refuses to start: " + String.join("; ", violations)
                    + " (active profiles: " + Arrays.toString(environment.getActiveProfiles()) + ")");
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
