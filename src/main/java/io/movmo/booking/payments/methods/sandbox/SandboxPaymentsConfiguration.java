package io.movmo.booking.payments.methods.sandbox;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;

/** In the sandbox, saved payment methods are attached to customers of the sandbox's own Stripe. */
@Configuration(proxyBeanMethods = false)
@Profile("sandbox")
class SandboxPaymentsConfiguration {

    @Bean
    SandboxPaymentMethodRegistry sandboxPaymentMethodRegistry(JdbcClient jdbc) {
        return new SandboxPaymentMethodRegistry(jdbc);
    }
}
