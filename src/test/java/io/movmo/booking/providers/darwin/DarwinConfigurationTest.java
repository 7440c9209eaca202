package io.movmo.booking.providers.darwin;

import static org.assertj.core.api.Assertions.assertThat;

import io.movmo.booking.providers.port.FlightProvider;
import io.movmo.booking.shared.ProviderId;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** Outside the sandbox Darwin is a flight provider, and the engine does not start without its URL and key. */
class DarwinConfigurationTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(DarwinProperties.class)
    static class Properties {}

    private static final String KEY = "dar_live_4f1c9e7a2b8d6053e1f4a9c7b2d8e6f0";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(Properties.class, DarwinConfiguration.class);

    @Test
    void darwinIsAFlightProviderWithTheCatalogsTimeoutsUnlessConfigured() {
        runner.withPropertyValues("movmo.providers.darwin.base-url=https://api.darwin.example",
                "movmo.providers.darwin.api-key=" + KEY, "movmo.providers.darwin.read-timeout=7s").run(context -> {
            assertThat(context).hasSingleBean(FlightProvider.class);
            assertThat(context.getBean(FlightProvider.class)).isInstanceOf(DarwinFlightProvider.class);
            assertThat(context.getBean(FlightProvider.class).id()).isEqualTo(ProviderId.DARWIN);
            DarwinProperties properties = context.getBean(DarwinProperties.class);
            assertThat(properties.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
            assertThat(properties.readTimeout()).isEqualTo(Duration.ofSeconds(7));
            assertThat(properties.bookingTimeout()).isEqualTo(Duration.ofSeconds(60));
        });
    }

    @Test
    void withoutAKeyTheEngineDoesNotStartAndSaysWhichVariableToSet() {
        runner.withPropertyValues("movmo.providers.darwin.base-url=https://api.darwin.example").run(context ->
                assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageStartingWith("movmo.providers.darwin.api-key (MOVMO_DARWIN_API_KEY) must be set "
                                + "outside the sandbox"));
        runner.withPropertyValues("movmo.providers.darwin.base-url=https://api.darwin.example",
                "movmo.providers.darwin.api-key= ").run(context -> assertThat(context).hasFailed().getFailure()
                .rootCause().hasMessageContaining("MOVMO_DARWIN_API_KEY"));
    }

    @Test
    void withoutAUsableBaseUrlTheEngineDoesNotStartAndSaysWhichVariableToSet() {
        runner.withPropertyValues("movmo.providers.darwin.api-key=" + KEY).run(context ->
                assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageStartingWith("movmo.providers.darwin.base-url (MOVMO_DARWIN_BASE_URL) must be set"));
        runner.withPropertyValues("movmo.providers.darwin.api-key=" + KEY,
                "movmo.providers.darwin.base-url=api.darwin.example").run(context -> {
            assertThat(context).hasFailed().getFailure().rootCause()
                    .hasMessageContaining("MOVMO_DARWIN_BASE_URL").hasMessageContaining("absolute http(s) URL");
            for (Throwable t = context.getStartupFailure(); t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage())).doesNotContain(KEY);
            }
        });
    }

    @Test
    void thePropertiesNeverPrintTheKey() {
        DarwinProperties properties = new DarwinProperties("https://api.darwin.example", KEY, null, null, null);

        assertThat(properties.toString()).doesNotContain(KEY).contains("apiKey=(set)");
        assertThat(new DarwinProperties(null, null, null, null, null).toString()).contains("apiKey=(unset)");
    }

    @Test
    void theSandboxHasNoDarwinAdapter() {
        runner.withPropertyValues("spring.profiles.active=sandbox").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(FlightProvider.class);
        });
    }
}
