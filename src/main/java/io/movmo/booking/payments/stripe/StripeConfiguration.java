package io.movmo.booking.payments.stripe;

import io.movmo.booking.payments.gateway.PaymentGateway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * Outside the sandbox, payments go through Stripe ({@code movmo.stripe.*}); without {@code MOVMO_STRIPE_SECRET_KEY}
 * the engine does not start.
 */
@Configuration(proxyBeanMethods = false)
@Profile("!sandbox")
class StripeConfiguration {

    @Bean
    PaymentGateway stripePaymentGateway(StripeProperties properties) {
        return new StripePaymentGateway(properties);
    }
}
