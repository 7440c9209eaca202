package io.movmo.booking.bookings.saga;

import io.movmo.booking.bookings.saga.BookingSteps.BookingSagaSettings;
import io.movmo.booking.payments.gateway.PaymentGateway;
import io.movmo.booking.providers.port.FlightProvider;
import io.movmo.booking.shared.pii.PersonalDataVault;
import java.time.Duration;
import java.util.List;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The booking saga's collaborators and timings ({@code movmo.bookings.*}), and its failure policy: a handler that
 * throws is not skipped (Axon's default for event handlers) but retried, its event delivered again after a backoff,
 * so a void or cancellation that got no answer is repeated until it has one.
 */
@Configuration(proxyBeanMethods = false)
class BookingSagaConfiguration {

    @Bean
    BookingSagaSettings bookingSagaSettings(
            @Value("${movmo.bookings.step-timeout:30s}") Duration stepTimeout,
            @Value("${movmo.bookings.authorization-margin:6h}") Duration authorizationMargin,
            @Value("${movmo.bookings.hold-payment-lead:1h}") Duration holdPaymentLead,
            @Value("${movmo.bookings.reconcile-window:90s}") Duration reconcileWindow,
            @Value("${movmo.bookings.authorize-window:2m}") Duration authorizeWindow,
            @Value("${movmo.bookings.backoff-initial:1s}") Duration backoffInitial,
            @Value("${movmo.bookings.backoff-max:30s}") Duration backoffMax,
            @Value("${movmo.bookings.capture-retries:5}") int captureRetries) {
        return new BookingSagaSettings(stepTimeout, authorizationMargin, holdPaymentLead, reconcileWindow,
                authorizeWindow, backoffInitial, backoffMax, captureRetries);
    }

    @Bean
    BookingSteps bookingSteps(PaymentGateway payments, List<FlightProvider> providers, JdbcClient jdbc,
            PersonalDataVault vault, JsonMapper json, BookingSagaSettings settings) {
        return BookingSteps.reading(payments, providers, jdbc, vault, json, settings, java.time.Clock.systemUTC());
    }

    @Bean
    ConfigurerModule bookingSagaRetriesFailedHandlers() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerListenerInvocationErrorHandler(BookingSaga.PROCESSING_GROUP,
                        c -> PropagatingErrorHandler.instance()));
    }
}
