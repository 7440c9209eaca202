package io.movmo.booking.providers.port;

import io.movmo.booking.shared.Money;
import java.time.Instant;

/**
 * What cancelling an order would refund. {@code quoteId} is the provider's pending-cancellation id where it quotes
 * first (Duffel's order cancellation), null where cancellation is one step. {@code refund} may be zero
 * (non-refundable fare); {@code expiresAt} bounds the quote.
 */
public record CancellationQuote(String providerOrderId, String quoteId, Money refund, Instant expiresAt) {}
