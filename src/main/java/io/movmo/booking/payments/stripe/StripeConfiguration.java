package io.movmo.booking.payments.stripe;

import com.stripe.StripeClient;
import io.movmo.booking.payments.gateway.PaymentGateway;
import io.movmo.booking.payments.methods.PaymentMethodRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * Outside the sandbox, payments and saved payment methods go through Stripe ({@code movmo.stripe.*}), over one
 * {@link StripeClient}; without {@code MOVMO_STRIPE_SECRET_KEY} the engine does not start.
 */
@Configuration(proxyBeanMethods = false)
@Profile("!sandbox")
class StripeConfiguration {

    @Bean
    StripeClient stripeClient(StripeProperties properties) {
        return StripePaymentGateway.client(properties);
    }

    @Bean
    PaymentGateway stripePaymentGateway(StripeClient stripe) {
        return new StripePaymentGateway(stripe);
    }

    @Bean
    PaymentMethodRegistry stripePaymentMethodRegistry(StripeClient stripe) {
        return new StripePaymentMethodRegistry(stripe);
    }
}
