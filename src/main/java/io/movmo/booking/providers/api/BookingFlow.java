package io.movmo.booking.providers.api;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How an order is placed with a provider; partners read these to decide which steps their UI shows. */
public enum BookingFlow {
    /** One call creates and pays the order. */
    DIRECT,
    /** The order is held first and paid or confirmed before its payment deadline. */
    HOLD_THEN_CONFIRM,
    /** The offer must be priced (and the price accepted) before it can be booked. */
    PRICING_THEN_BOOK,
    /** Book, and on a price change confirm again with the provider's order id (Dohop). */
    TWO_PHASE;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
