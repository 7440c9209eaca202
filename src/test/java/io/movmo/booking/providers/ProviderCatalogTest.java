package io.movmo.booking.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.movmo.booking.providers.api.BookingFlow;
import io.movmo.booking.providers.api.ProviderView;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.ByteArrayResource;

class ProviderCatalogTest {

    static final ProviderCatalog shipped = ProviderCatalog.load(new ClassPathResource("providers/catalog.yml"));

    @Test
    void shippedCatalogHoldsTheFourSeedProviders() {
        assertThat(shipped.all()).extracting(ProviderView::id).containsExactly("darwin", "duffel", "amadeus", "dohop");
        assertThat(shipped.bookingFlows("duffel")).containsExactly(BookingFlow.DIRECT, BookingFlow.HOLD_THEN_CONFIRM);
    }

    @Test
    void pricingIsRequiredExactlyWhereTheSeedSaysSo() {
        // Seed: the pricing step applies to Amadeus and Dohop; Duffel and Darwin book directly.
        assertThat(shipped.all()).filteredOn(p -> p.capabilities().requiresPricing())
                .extracting(ProviderView::id).containsExactlyInAnyOrder("amadeus", "dohop");
        assertThat(shipped.all()).filteredOn(p -> p.capabilities().supportsDirectBooking())
                .extracting(ProviderView::id).containsExactlyInAnyOrder("duffel", "darwin");
    }

    @Test
    void rejectsAnUnknownProvider() {
        assertThatThrownBy(() -> load(shippedYaml().replace("id: dohop", "id: skyscanner")))
                .hasMessageContaining("unknown provider id 'skyscanner'");
    }

    @Test
    void rejectsRepeatedPriorities() {
        assertThatThrownBy(() -> load(shippedYaml().replace("priority: 4", "priority: 1")))
                .hasMessageContaining("priority 1 is used twice");
    }

    @Test
    void rejectsAMissingCapability() {
        assertThatThrownBy(() -> load(shippedYaml().replaceFirst("      max_passengers: 9\n", "")))
                .hasMessageContaining("max_passengers");
    }

    @Test
    void rejectsProvidersWithoutBookingFlows() {
        List<ProviderView> providers = new ArrayList<>(shipped.all());
        ProviderView darwin = providers.get(0);
        providers.set(0, new ProviderView(darwin.id(), darwin.name(), darwin.type(), darwin.capabilities(),
                darwin.config(), true, 1, List.of()));
        assertThatThrownBy(() -> ProviderCatalog.of(providers, "test")).hasMessageContaining("darwin: booking_flows are missing");
    }

    private static String shippedYaml() {
        try {
            return new ClassPathResource("providers/catalog.yml").getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ProviderCatalog load(String yaml) {
        return ProviderCatalog.load(new ByteArrayResource(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8), "test catalog"));
    }
}
