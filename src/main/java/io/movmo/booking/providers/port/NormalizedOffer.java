package io.movmo.booking.providers.port;

import tools.jackson.databind.JsonNode;
import io.movmo.booking.shared.Money;
import java.time.Instant;
import java.util.List;

/**
 * An offer in the partner API's normalized shape (the seed's {@code Offer} minus the engine's own id and
 * timestamps). Amounts are {@link Money}; the parts the seed leaves provider-shaped ({@code slices},
 * {@code passengers}, {@code conditions}, …) are JSON as the seed specifies them. {@code providerOfferId} is the
 * provider's own id for the offer, when it has one.
 *
 * <p>{@code slices}: array of {@code {id, origin, destination, departing_at, arriving_at, duration, segments:[{id,
 * origin, destination, departing_at, arriving_at, marketing_carrier, operating_carrier, flight_number, aircraft,
 * cabin_class}], conditions}}. {@code passengers}: array of {@code {id, type (adult|child|infant), age?}} with the
 * provider's passenger ids, which offer-passenger mappings and orders use.
 */
public record NormalizedOffer(
        String providerOfferId,
        Instant expiresAt,
        Money total,
        Money base,
        Money tax,
        String totalEmissionsKg,
        boolean passengerIdentityDocumentsRequired,
        List<String> supportedPassengerIdentityDocumentTypes,
        List<String> supportedLoyaltyProgrammes,
        JsonNode owner,
        JsonNode passengers,
        JsonNode slices,
        JsonNode conditions,
        JsonNode paymentRequirements,
        JsonNode privateFares,
        JsonNode availableServices,
        JsonNode fareClassMetadata) {}
