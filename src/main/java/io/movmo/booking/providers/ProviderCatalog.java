package io.movmo.booking.providers;

import io.movmo.booking.providers.api.BookingFlow;
import io.movmo.booking.providers.api.ProviderCapabilities;
import io.movmo.booking.providers.api.ProviderView;
import io.movmo.booking.shared.ProviderId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.core.io.Resource;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.LoaderOptions;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The flight providers, their capabilities, priority, activity and booking flows, held as documented configuration
 * ({@code providers/catalog.yml}, or the file {@code movmo.providers.catalog} names). Validated when loaded: an
 * unknown provider id, a repeated id or priority, or a missing capability stops the engine from starting.
 */
public final class ProviderCatalog {

    private final List<ProviderView> providers;

    private ProviderCatalog(List<ProviderView> providers) {
        this.providers = providers.stream().sorted(Comparator.comparingInt(ProviderView::priority)).toList();
    }

    public static ProviderCatalog load(Resource resource) {
        try (InputStream in = resource.getInputStream()) {
            Object yaml = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            JsonMapper mapper = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();
            Map<String, List<ProviderView>> doc = mapper.convertValue(yaml, new TypeReference<>() {});
            return of(doc.get("providers"), resource.getDescription());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the provider catalog " + resource.getDescription(), e);
        }
    }

    static ProviderCatalog of(List<ProviderView> providers, String source) {
        List<String> problems = new ArrayList<>();
        if (providers == null || providers.isEmpty()) {
            problems.add("it lists no providers");
            providers = List.of();
        }
        Set<String> ids = new HashSet<>();
        Set<Integer> priorities = new HashSet<>();
        for (ProviderView p : providers) {
            if (ProviderId.fromId(p.id()).isEmpty()) problems.add("unknown provider id '" + p.id() + "'");
            if (!ids.add(p.id())) problems.add("provider '" + p.id() + "' is listed twice");
            if (!priorities.add(p.priority())) problems.add("priority " + p.priority() + " is used twice");
            if (p.priority() < 1) problems.add(p.id() + ": priority must be 1 or more");
            if (p.name() == null || p.name().isBlank()) problems.add(p.id() + ": name is missing");
            if (!Set.of("GDS", "NDC", "API", "OTA").contains(p.type())) problems.add(p.id() + ": type must be GDS, NDC, API or OTA");
            if (p.capabilities() == null) problems.add(p.id() + ": capabilities are missing");
            else problems.addAll(check(p.id(), p.capabilities()));
            if (p.bookingFlows() == null || p.bookingFlows().isEmpty()) problems.add(p.id() + ": booking_flows are missing");
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Provider catalog " + source + " is invalid: " + String.join("; ", problems));
        }
        return new ProviderCatalog(providers);
    }

    private static List<String> check(String id, ProviderCapabilities c) {
        List<String> problems = new ArrayList<>();
        if (c.maxPassengers() < 1) problems.add(id + ": max_passengers must be 1 or more");
        if (c.supportedCurrencies() == null || c.supportedCurrencies().isEmpty()) problems.add(id + ": supported_currencies are missing");
        if (c.supportedCabinClasses() == null || c.supportedCabinClasses().isEmpty()) problems.add(id + ": supported_cabin_classes are missing");
        if (c.bookingTimeoutSeconds() < 1) problems.add(id + ": booking_timeout_seconds must be 1 or more");
        return problems;
    }

    /** All providers, highest priority (lowest number) first. */
    public List<ProviderView> all() {
        return providers;
    }

    /** Active providers, highest priority first. */
    public List<ProviderView> active() {
        return providers.stream().filter(ProviderView::isActive).toList();
    }

    public Optional<ProviderView> find(String id) {
        return providers.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    public List<BookingFlow> bookingFlows(String id) {
        return find(id).map(ProviderView::bookingFlows).orElse(List.of());
    }
}
