package io.movmo.booking.platform.safety;

import io.movmo.booking.shared.SandboxAdapter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * The {@code prod} profile refuses to start while anything would stand in for a real system: a bean marked
 * {@link SandboxAdapter}, the sandbox profile, the embedded database, the built-in token issuer. Checked on the bean
 * definitions, before any bean (the embedded database included) is created.
 */
public final class ProductionSafeguards implements BeanDefinitionRegistryPostProcessor {

    private final Environment environment;

    public ProductionSafeguards(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
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
        for (String name : registry.getBeanDefinitionNames()) {
            Class<?> type = beanClass(registry.getBeanDefinition(name));
            if (type != null && type.isAnnotationPresent(SandboxAdapter.class)) {
                violations.add("sandbox adapter " + type.getSimpleName() + " is registered");
            }
        }
        if (!violations.isEmpty()) {
            throw new IllegalStateException("The prod profile refuses to start: " + String.join("; ", violations)
                    + " (active profiles: " + Arrays.toString(environment.getActiveProfiles()) + ")");
        }
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {}

    private static Class<?> beanClass(BeanDefinition definition) {
        String className = definition.getBeanClassName();
        if (className == null) {
            return null;
        }
        try {
            return ClassUtils.forName(className, ProductionSafeguards.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
