package io.movmo.booking.offers.web;

/**
 * The seed's {@code OfferPassengerMapping}: an offer passenger, and (optionally) the caller's saved passenger for it.
 * Checked by the controller, element by element, so errors name the field.
 */
record OfferPassengerMappingRequest(String user_passenger_id, String provider_passenger_id) {}
