package io.movmo.booking.providers.port;

import tools.jackson.databind.JsonNode;

/** What pricing an offer with its provider answered. */
public sealed interface PricingOutcome {

    /** Priced: the provider's current payload for the offer and its normalization. */
    record Priced(JsonNode rawOffer, NormalizedOffer offer) implements PricingOutcome {}

    /** The provider no longer sells this offer. */
    record OfferGone(String reason) implements PricingOutcome {}

    /** The provider refused the request as made. */
    record Rejected(String reason) implements PricingOutcome {}

    /** No definite answer (timeout, 5xx): price again later. */
    record Unknown(String reason) implements PricingOutcome {}
}
