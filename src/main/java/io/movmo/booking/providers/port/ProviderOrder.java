package io.movmo.booking.providers.port;

import io.movmo.booking.shared.Money;
import java.time.Instant;

/**
 * An order as the provider knows it now. {@code status}: {@code confirmed}, {@code held}, {@code cancelled} or
 * {@code pending} (the provider is still working on it). {@code reference} is ours, as stored with the provider.
 */
public record ProviderOrder(String providerOrderId, String bookingReference, String reference, String status,
        Money total, Instant paymentRequiredBy) {}
