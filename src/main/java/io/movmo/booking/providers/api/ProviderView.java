package io.movmo.booking.providers.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** A provider as partners see it (the seed's {@code Provider}); {@code booking_flows} is read from the
 * catalog but served only on its own route. */
public record ProviderView(
        String id,
        String name,
        String type,
        ProviderCapabilities capabilities,
        Map<String, Object> config,
        @JsonProperty("is_active") boolean isActive,
        int priority,
        @JsonProperty(value = "booking_flows", access = JsonProperty.Access.WRITE_ONLY) List<BookingFlow> bookingFlows) {}
