package io.movmo.booking.providers.dohop;

import static org.assertj.core.api.Assertions.assertThat;

import io.movmo.booking.providers.port.FlightProvider;
import io.movmo.booking.shared.ProviderId;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/**
 * Outside the sandbox Dohop is a flight provider (whether or not the catalog lists it as active), and the engine does not
 * start without its URL and key.
 */
class DohopConfigurationTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(DohopProperties.class)
    static class Properties {}

    private static final String KEY = "dh_live_7b3e91c04fa2d6e85b1c7a9f30e4d2b6";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(Properties.class, DohopConfiguration.class);

    @Test
    void dohopIsAFlightProviderWithTheCatalogsTimeoutsUnlessConfigured() {
        runner.withPropertyValues("movmo.providers.dohop.base-url=https://connect.dohop.example",
                "movmo.providers.dohop.api-key=" + KEY, "movmo.providers.dohop.read-timeout=7s").run(context -> {
            assertThat(context).hasSingleBean(FlightProvider.class);
            assertThat(context.getBean(FlightProvider.class)).isInstanceOf(DohopFlightProvider.class);
            assertThat(context.getBean(FlightProvider.class).id()).isEqualTo(ProviderId.DOHOP);
            DohopProperties properties = context.getBean(DohopProperties.class);
            assertThat(properties.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
            assertThat(properties.readTimeout()).isEqualTo(Duration.ofSeconds(7));
            assertThat(properties.pricingTimeout()).isEqualTo(Duration.ofSeconds(30));
            assertThat(properties.bookingTimeout()).isEqualTo(Duration.ofSeconds(120));
        });
    }

    @Test
    void withoutAKeyTheEngineDoesNotStartAndSaysWhichVariableToSet() {
        runner.withPropertyValues("movmo.providers.dohop.base-url=https://connect.dohop.example").run(context ->
                assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageStartingWith("movmo.providers.dohop.api-key (MOVMO_DOHOP_API_KEY) must be set "
                                + "outside the sandbox"));
        runner.withPropertyValues("movmo.providers.dohop.base-url=https://connect.dohop.example",
                "movmo.providers.dohop.api-key= ").run(context -> assertThat(context).hasFailed().getFailure()
                .rootCause().hasMessageContaining("MOVMO_DOHOP_API_KEY"));
    }

    @Test
    void withoutAUsableBaseUrlTheEngineDoesNotStartAndSaysWhichVariableToSet() {
        runner.withPropertyValues("movmo.providers.dohop.api-key=" + KEY).run(context ->
                assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageStartingWith("movmo.providers.dohop.base-url (MOVMO_DOHOP_BASE_URL) must be set"));
        runner.withPropertyValues("movmo.providers.dohop.api-key=" + KEY,
                "movmo.providers.dohop.base-url=connect.dohop.example").run(context -> {
            assertThat(context).hasFailed().getFailure().rootCause()
                    .hasMessageContaining("MOVMO_DOHOP_BASE_URL").hasMessageContaining("absolute http(s) URL");
            for (Throwable t = context.getStartupFailure(); t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage())).doesNotContain(KEY);
            }
        });
    }

    @Test
    void thePropertiesNeverPrintTheKey() {
        DohopProperties properties = new DohopProperties("https://connect.dohop.example", KEY, null, null, null, null);

        assertThat(properties.toString()).doesNotContain(KEY).contains("apiKey=(set)");
        assertThat(new DohopProperties(null, null, null, null, null, null).toString()).contains("apiKey=(unset)");
    }

    @Test
    void theSandboxHasNoDohopAdapter() {
        runner.withPropertyValues("spring.profiles.active=sandbox").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(FlightProvider.class);
        });
    }
}
