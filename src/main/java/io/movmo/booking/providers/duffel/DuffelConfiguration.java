package io.movmo.booking.providers.duffel;

import io.movmo.booking.providers.port.FlightProvider;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Outside the sandbox Duffel (an active provider in the catalog) is served by {@link DuffelFlightProvider}; without
 * {@code MOVMO_DUFFEL_ACCESS_TOKEN} the engine does not start.
 */
@Configuration(proxyBeanMethods = false)
@Profile("!sandbox")
class DuffelConfiguration {

    @Bean
    FlightProvider duffelFlightProvider(DuffelProperties properties) {
        return new DuffelFlightProvider(properties, WebClient.builder(), Clock.systemUTC());
    }
}
