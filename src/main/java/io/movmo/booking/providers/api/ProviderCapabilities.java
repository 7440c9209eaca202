package io.movmo.booking.providers.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** What a provider supports and its limits (the seed's {@code ProviderCapabilities}), read before rendering booking UI. */
public record ProviderCapabilities(
        @JsonProperty("supports_direct_booking") boolean supportsDirectBooking,
        @JsonProperty("requires_pricing") boolean requiresPricing,
        @JsonProperty("requires_payment_step") boolean requiresPaymentStep,
        @JsonProperty("requires_order_creation") boolean requiresOrderCreation,
        @JsonProperty("supports_offer_passenger_update") boolean supportsOfferPassengerUpdate,
        @JsonProperty("supports_integrated_pricing_booking") boolean supportsIntegratedPricingBooking,
        @JsonProperty("supports_seat_selection") boolean supportsSeatSelection,
        @JsonProperty("supports_bag_selection") boolean supportsBagSelection,
        @JsonProperty("supports_refunds") boolean supportsRefunds,
        @JsonProperty("supports_changes") boolean supportsChanges,
        @JsonProperty("supports_partial_booking") boolean supportsPartialBooking,
        @JsonProperty("supports_hold_booking") boolean supportsHoldBooking,
        @JsonProperty("max_passengers") int maxPassengers,
        @JsonProperty("max_connections") int maxConnections,
        @JsonProperty("supported_currencies") List<String> supportedCurrencies,
        @JsonProperty("supported_cabin_classes") List<String> supportedCabinClasses,
        @JsonProperty("max_advance_booking_days") int maxAdvanceBookingDays,
        @JsonProperty("min_advance_booking_hours") int minAdvanceBookingHours,
        @JsonProperty("search_timeout_seconds") int searchTimeoutSeconds,
        @JsonProperty("pricing_timeout_seconds") int pricingTimeoutSeconds,
        @JsonProperty("booking_timeout_seconds") int bookingTimeoutSeconds) {}
