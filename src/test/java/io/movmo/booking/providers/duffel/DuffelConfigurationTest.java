package io.movmo.booking.providers.duffel;

import static org.assertj.core.api.Assertions.assertThat;

import io.movmo.booking.providers.port.FlightProvider;
import io.movmo.booking.shared.ProviderId;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** Outside the sandbox Duffel is served by its real adapter, and the engine does not start without its token. */
class DuffelConfigurationTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(DuffelProperties.class)
    static class Properties {}

    private static final String TOKEN = "duffel_live_Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MEFCQ0RFRkdISUpL";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(Properties.class, DuffelConfiguration.class);

    @Test
    void duffelIsAFlightProviderWithDefaultsUnlessConfigured() {
        runner.withPropertyValues("movmo.providers.duffel.access-token=" + TOKEN,
                "movmo.providers.duffel.read-timeout=45s").run(context -> {
                    assertThat(context).hasSingleBean(FlightProvider.class);
                    FlightProvider provider = context.getBean(FlightProvider.class);
                    assertThat(provider).isInstanceOf(DuffelFlightProvider.class);
                    assertThat(provider.id()).isEqualTo(ProviderId.DUFFEL);
                    DuffelProperties properties = context.getBean(DuffelProperties.class);
                    assertThat(properties.baseUrl()).isEqualTo(URI.create("https://api.duffel.com"));
                    assertThat(properties.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
                    assertThat(properties.readTimeout()).isEqualTo(Duration.ofSeconds(45));
                    assertThat(properties.orderLookupWindow()).isEqualTo(Duration.ofHours(72));
                    assertThat(properties.orderLookupMaxPages()).isEqualTo(10);
                });
    }

    @Test
    void withoutATokenTheEngineDoesNotStartAndSaysWhichVariableToSet() {
        runner.run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                .hasMessageStartingWith("movmo.providers.duffel.access-token (MOVMO_DUFFEL_ACCESS_TOKEN) must be set "
                        + "outside the sandbox"));
        runner.withPropertyValues("movmo.providers.duffel.access-token= ").run(context -> assertThat(context)
                .hasFailed().getFailure().rootCause().hasMessageContaining("MOVMO_DUFFEL_ACCESS_TOKEN"));
    }

    @Test
    void somethingThatIsNotADuffelTokenIsRefusedWithoutBeingRepeated() {
        String stripeKey = "sk_live_51MovmoPastedIntoTheWrongVariable000000000000000000000000";
        runner.withPropertyValues("movmo.providers.duffel.access-token=" + stripeKey).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context).getFailure().rootCause().hasMessageContaining("MOVMO_DUFFEL_ACCESS_TOKEN")
                    .hasMessageContaining("must be a Duffel access token");
            for (Throwable t = context.getStartupFailure(); t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage())).doesNotContain(stripeKey);
            }
        });
    }

    @Test
    void thePropertiesNeverPrintTheToken() {
        assertThat(DuffelProperties.of(TOKEN, null).toString()).doesNotContain(TOKEN).contains("accessToken=(set)")
                .contains("baseUrl=https://api.duffel.com");
        assertThat(DuffelProperties.of(null, null).toString()).contains("accessToken=(unset)");
    }

    @Test
    void theSandboxHasNoDuffelAdapter() {
        runner.withPropertyValues("spring.profiles.active=sandbox").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(FlightProvider.class);
        });
    }
}
