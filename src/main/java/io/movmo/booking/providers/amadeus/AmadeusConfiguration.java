package io.movmo.booking.providers.amadeus;

import io.movmo.booking.providers.port.FlightProvider;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * Outside the sandbox, Amadeus Self-Service serves the {@code amadeus} provider ({@code movmo.providers.amadeus.*});
 * without {@code MOVMO_AMADEUS_CLIENT_ID} and {@code MOVMO_AMADEUS_CLIENT_SECRET} the engine does not start.
 */
@Configuration(proxyBeanMethods = false)
@Profile("!sandbox")
class AmadeusConfiguration {

    @Bean
    AmadeusTokens amadeusTokens(AmadeusProperties properties) {
        return new AmadeusTokens(properties.requireCredentials(), Clock.systemUTC());
    }

    @Bean
    FlightProvider amadeusFlightProvider(AmadeusProperties properties, AmadeusTokens amadeusTokens) {
        return new AmadeusFlightProvider(properties, amadeusTokens, Clock.systemUTC());
    }
}
