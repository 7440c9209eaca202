package io.movmo.booking.offers.api;

import io.movmo.booking.providers.port.NormalizedOffer;
import io.movmo.booking.shared.ProviderId;
import io.movmo.booking.shared.UserId;
import io.movmo.booking.shared.pii.Sealed;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * What happens to an offer. The provider-native payload is sealed (under {@code offer:<id>}): after passenger
 * updates it can hold names and loyalty numbers. The normalization is not personal data (its passengers are provider
 * ids, types and ages) and stays readable for support and analysts.
 */
public final class OfferEvents {

    private OfferEvents() {}

    public sealed interface OfferEvent permits OfferCreatedEvent, OfferPayloadReplacedEvent, OfferPricedEvent,
            OfferPassengersMappedEvent, OfferPassengerUpdatedEvent {
        String offerId();
    }

    /** A partner created an offer from a provider-native payload. */
    @Revision("1")
    public record OfferCreatedEvent(String offerId, ProviderId provider, String partnerId, Sealed rawOffer,
            NormalizedOffer offer, Instant createdAt) implements OfferEvent {}

    /** The partner replaced the provider payload (a refreshed search result). */
    @Revision("1")
    public record OfferPayloadReplacedEvent(String offerId, Sealed rawOffer, NormalizedOffer offer, Instant replacedAt)
            implements OfferEvent {}

    /** The provider priced the offer: its current payload and normalization. */
    @Revision("1")
    public record OfferPricedEvent(String offerId, Sealed rawOffer, NormalizedOffer offer, Instant pricedAt)
            implements OfferEvent {}

    /** A user mapped their saved passengers to the offer's provider passengers (replacing their earlier mapping). */
    @Revision("1")
    public record OfferPassengersMappedEvent(String offerId, UserId userId, List<PassengerMapping> mappings,
            Instant mappedAt) implements OfferEvent {}

    /** A provider passenger of the offer was updated (KTN, loyalty, documents) at the provider. */
    @Revision("1")
    public record OfferPassengerUpdatedEvent(String offerId, String providerPassengerId, Sealed rawOffer,
            NormalizedOffer offer, Instant updatedAt) implements OfferEvent {}

    /** One provider passenger of the offer, and the saved passenger (if any) it stands for. */
    public record PassengerMapping(String providerPassengerId, String userPassengerId) {}
}
