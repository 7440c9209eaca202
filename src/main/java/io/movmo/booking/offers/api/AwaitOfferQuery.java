package io.movmo.booking.offers.api;

/** Whether the offers read model shows the offer's events up to {@code version}; answered with {@code Shown}. */
public record AwaitOfferQuery(String offerId, long version) {}
