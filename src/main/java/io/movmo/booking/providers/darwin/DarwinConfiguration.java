package io.movmo.booking.providers.darwin;

import io.movmo.booking.providers.port.FlightProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Outside the sandbox, Darwin is reached over its booking API ({@code docs/providers/darwin.md}); without
 * {@code MOVMO_DARWIN_BASE_URL} and {@code MOVMO_DARWIN_API_KEY} the engine does not start.
 */
@Configuration(proxyBeanMethods = false)
@Profile("!sandbox")
class DarwinConfiguration {

    @Bean
    FlightProvider darwinFlightProvider(DarwinProperties properties) {
        return new DarwinFlightProvider(properties, WebClient.builder());
    }
}
