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
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * In the sandbox every provider is a deterministic simulator that reads the provider's own payloads with the real
 * adapter's normalizer (see {@link SandboxScenario} for the behaviours a payload can ask for).
 */
@Configuration(proxyBeanMethods = false)
@Profile("sandbox")
class SandboxFlightProvidersConfiguration {

    @Bean
    SandboxFlightProvider sandboxDuffel(JdbcClient jdbc, PlatformTransactionManager transactions) {
        return new SandboxFlightProvider(ProviderId.DUFFEL, DuffelFlightProvider::normalizeOffer, jdbc, new TransactionTemplate(transactions),
                Clock.systemUTC());
    }

    @Bean
    SandboxFlightProvider sandboxDarwin(JdbcClient jdbc, PlatformTransactionManager transactions) {
        return new SandboxFlightProvider(ProviderId.DARWIN, DarwinFlightProvider::normalizeOffer, jdbc, new TransactionTemplate(transactions),
                Clock.systemUTC());
    }

    @Bean
    SandboxFlightProvider sandboxDohop(JdbcClient jdbc, PlatformTransactionManager transactions) {
        return new SandboxFlightProvider(ProviderId.DOHOP, DohopFlightProvider::normalizeOffer, jdbc, new TransactionTemplate(transactions),
                Clock.systemUTC());
    }

    @Bean
    SandboxFlightProvider sandboxAmadeus(JdbcClient jdbc, PlatformTransactionManager transactions) {
        return new SandboxFlightProvider(ProviderId.AMADEUS, AmadeusFlightProvider::normalizeOffer, jdbc, new TransactionTemplate(transactions),
                Clock.systemUTC());
    }
}
