package io.movmo.booking.providers.amadeus;

import static org.assertj.core.api.Assertions.assertThat;

import io.movmo.booking.providers.port.FlightProvider;
import io.movmo.booking.shared.ProviderId;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** Outside the sandbox Amadeus serves the amadeus provider, and it does not start without its credentials. */
class AmadeusConfigurationTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(AmadeusProperties.class)
    static class Properties {}

    private static final String SECRET = "AmadeusSecretNeverPrinted";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(Properties.class, AmadeusConfiguration.class);

    @Test
    void amadeusIsAFlightProviderWithItsDefaultsUnlessConfigured() {
        runner.withPropertyValues("movmo.providers.amadeus.client-id=MovmoApiKey",
                "movmo.providers.amadeus.client-secret=" + SECRET,
                "movmo.providers.amadeus.order-timeout=120s").run(context -> {
            assertThat(context).hasSingleBean(FlightProvider.class).hasSingleBean(AmadeusTokens.class);
            assertThat(context.getBean(FlightProvider.class)).isInstanceOf(AmadeusFlightProvider.class);
            assertThat(context.getBean(FlightProvider.class).id()).isEqualTo(ProviderId.AMADEUS);
            AmadeusProperties properties = context.getBean(AmadeusProperties.class);
            assertThat(properties.baseUrl()).hasToString("https://test.api.amadeus.com");
            assertThat(properties.readTimeout()).isEqualTo(Duration.ofSeconds(20));
            assertThat(properties.orderTimeout()).isEqualTo(Duration.ofSeconds(120));
        });
    }

    @Test
    void withoutCredentialsTheEngineDoesNotStartAndSaysWhichVariablesToSet() {
        runner.run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                .hasMessageContaining("MOVMO_AMADEUS_CLIENT_ID").hasMessageContaining("MOVMO_AMADEUS_CLIENT_SECRET")
                .hasMessageContaining("both are missing"));
        runner.withPropertyValues("movmo.providers.amadeus.client-id=MovmoApiKey").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context).getFailure().rootCause().hasMessageContaining("MOVMO_AMADEUS_CLIENT_SECRET is missing");
        });
        runner.withPropertyValues("movmo.providers.amadeus.client-secret=" + SECRET).run(context -> {
            assertThat(context).hasFailed();
            for (Throwable t = context.getStartupFailure(); t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage())).doesNotContain(SECRET);
            }
        });
    }

    @Test
    void theSandboxHasNoAmadeusAdapter() {
        runner.withPropertyValues("spring.profiles.active=sandbox").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(FlightProvider.class);
            assertThat(context).doesNotHaveBean(AmadeusTokens.class);
        });
    }
}
