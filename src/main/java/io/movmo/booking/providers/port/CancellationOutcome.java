package io.movmo.booking.providers.port;

import io.movmo.booking.shared.Money;

/** What confirming a cancellation answered. */
public sealed interface CancellationOutcome {

    /** Cancelled; the provider refunds {@code refund} (what the booking then refunds to the card). */
    record Cancelled(String providerOrderId, Money refund) implements CancellationOutcome {}

    /** The provider refused (already flown, not cancellable, quote expired). */
    record Refused(String reason) implements CancellationOutcome {}

    /** No definite answer: look the order up before anything else. */
    record Unknown(String reason) implements CancellationOutcome {}
}
