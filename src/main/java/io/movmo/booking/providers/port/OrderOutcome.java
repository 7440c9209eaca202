package io.movmo.booking.providers.port;

import io.movmo.booking.shared.Money;
import java.time.Instant;

/** What creating or paying an order answered. Only {@link Created} means an order exists for certain. */
public sealed interface OrderOutcome {

    /**
     * An order exists: confirmed (ticketed or ticketing) or held. {@code paymentRequiredBy} is the hold's deadline,
     * null for a confirmed order.
     */
    record Created(String providerOrderId, String bookingReference, Money total, boolean held,
            Instant paymentRequiredBy) implements OrderOutcome {}

    /**
     * The price moved. {@code providerOrderId} is what a retry must name (two-phase providers), null where the retry
     * is a fresh order from a re-priced offer; {@code expiresAt} bounds how long the new price stands.
     */
    record PriceChanged(Money newTotal, String providerOrderId, Instant expiresAt, String message) implements OrderOutcome {}

    /** The offer is sold out or expired at the provider; no order was created. */
    record OfferGone(String reason) implements OrderOutcome {}

    /** The provider refused the order as made (invalid passenger data, unsupported request); none was created. */
    record Rejected(String reason) implements OrderOutcome {}

    /** No definite answer: an order may or may not exist. Reconcile by reference; never create another blindly. */
    record Unknown(String reason) implements OrderOutcome {}
}
