package io.movmo.booking.providers;

import io.movmo.booking.providers.port.FlightProvider;
import io.movmo.booking.shared.ProviderId;
import io.movmo.booking.web.ApiException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** The flight provider a route names in its path: one with an adapter and a catalog entry, else 404. */
@Component
public class FlightProviders {

    private final Map<ProviderId, FlightProvider> adapters;
    private final ProviderCatalog catalog;

    FlightProviders(List<FlightProvider> adapters, ProviderCatalog catalog) {
        this.adapters = adapters.stream().collect(Collectors.toMap(FlightProvider::id, Function.identity()));
        this.catalog = catalog;
    }

    public FlightProvider named(String id) {
        ProviderId provider = ProviderId.fromId(id).orElseThrow(() -> ApiException.notFound("unknown provider " + id));
        FlightProvider flights = adapters.get(provider);
        if (flights == null || catalog.find(id).isEmpty()) {
            throw ApiException.notFound("unknown provider " + id);
        }
        return flights;
    }
}
