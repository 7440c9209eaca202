package io.movmo.booking.providers.dohop;

import io.movmo.booking.providers.port.FlightProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Outside the sandbox, Dohop is reached over its booking API ({@code docs/providers/dohop.md}); without
 * {@code MOVMO_DOHOP_BASE_URL} and {@code MOVMO_DOHOP_API_KEY} the engine does not start (whether or not the catalog
 * lists Dohop as active).
 */
@Configuration(proxyBeanMethods = false)
@Profile("!sandbox")
class DohopConfiguration {

    @Bean
    FlightProvider dohopFlightProvider(DohopProperties properties) {
        return new DohopFlightProvider(properties, WebClient.builder());
    }
}
