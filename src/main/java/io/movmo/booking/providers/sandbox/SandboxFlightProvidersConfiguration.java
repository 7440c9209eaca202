package io.movmo.booking.providers.sandbox;

import io.movmo.booking.providers.amadeus.AmadeusFlightProvider;
import io.movmo.booking.providers.darwin.DarwinFlightProvider;
import io.movmo.booking.providers.dohop.DohopFlightProvider;
import io.movmo.booking.providers.duffel.DuffelFlightProvider;
import io.movmo.booking.shared.ProviderId;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * In the sandbox every provider is a deterministic simulator that reads the provider's own payloads with the real
 * adapter's normalizer (see {@link SandboxScenario} for the behaviours a payload can ask for).
 */
@Configuration(proxyBeanMethods = false)
@Profile("sandbox")
class SandboxFlightProvidersConfiguration {

    @Bean
    SandboxFlightProvider sandboxDuffel(JdbcClient jdbc) {
        return new SandboxFlightProvider(ProviderId.DUFFEL, DuffelFlightProvider::normalizeOffer, jdbc, Clock.systemUTC());
    }

    @Bean
    SandboxFlightProvider sandboxDarwin(JdbcClient jdbc) {
        return new SandboxFlightProvider(ProviderId.DARWIN, DarwinFlightProvider::normalizeOffer, jdbc, Clock.systemUTC());
    }

    @Bean
    SandboxFlightProvider sandboxDohop(JdbcClient jdbc) {
        return new SandboxFlightProvider(ProviderId.DOHOP, DohopFlightProvider::normalizeOffer, jdbc, Clock.systemUTC());
    }

    @Bean
    SandboxFlightProvider sandboxAmadeus(JdbcClient jdbc) {
        return new SandboxFlightProvider(ProviderId.AMADEUS, AmadeusFlightProvider::normalizeOffer, jdbc, Clock.systemUTC());
    }
}
