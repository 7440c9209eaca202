package io.movmo.booking.offers.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The seed's {@code OfferPassengerMapping}: an offer passenger, and (optionally) the caller's saved passenger for it. */
record OfferPassengerMappingRequest(
        @Pattern(regexp = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}",
                message = "must be the id of one of the user's saved passengers") String user_passenger_id,
        @NotBlank @Size(max = 200) String provider_passenger_id) {}
