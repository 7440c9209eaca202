package io.movmo.booking.offers.api;

import io.movmo.booking.offers.api.OfferEvents.PassengerMapping;
import io.movmo.booking.providers.port.NormalizedOffer;
import io.movmo.booking.shared.ProviderId;
import io.movmo.booking.shared.UserId;
import io.movmo.booking.shared.pii.Sealed;
import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Commands to an offer. Each names the calling partner: an offer answers only the partner that created it (others
 * get "not found"). Mutations of an expired offer are refused. Handlers answer the offer's version.
 */
public final class OfferCommands {

    private OfferCommands() {}

    public record CreateOffer(@TargetAggregateIdentifier String offerId, ProviderId provider, String partnerId,
            Sealed rawOffer, NormalizedOffer offer, Instant at) {}

    public record ReplaceOfferPayload(@TargetAggregateIdentifier String offerId, String partnerId, Sealed rawOffer,
            NormalizedOffer offer, Instant at) {}

    public record RecordOfferPricing(@TargetAggregateIdentifier String offerId, String partnerId, Sealed rawOffer,
            NormalizedOffer offer, Instant at) {}

    public record MapOfferPassengers(@TargetAggregateIdentifier String offerId, String partnerId, UserId userId,
            List<PassengerMapping> mappings, Instant at) {}

    public record RecordOfferPassengerUpdate(@TargetAggregateIdentifier String offerId, String partnerId,
            String providerPassengerId, Sealed rawOffer, NormalizedOffer offer, Instant at) {}

    /** No such offer for this partner: a 404. */
    public static final class OfferNotFound extends RuntimeException {
        public OfferNotFound() {
            super("offer not found");
        }
    }

    /** The offer expired: a 400. */
    public static final class OfferExpired extends RuntimeException {
        public OfferExpired(Instant expiresAt) {
            super("the offer expired at " + expiresAt + "; create a new one from a fresh search");
        }
    }

    /** A mapping names a passenger the offer does not have, twice, or too many: a 400 naming the rule. */
    public static final class InvalidPassengerMapping extends RuntimeException {
        public InvalidPassengerMapping(String message) {
            super(message);
        }
    }
}
