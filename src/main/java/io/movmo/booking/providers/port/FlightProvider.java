package io.movmo.booking.providers.port;

import tools.jackson.databind.JsonNode;
import io.movmo.booking.shared.Money;
import io.movmo.booking.shared.ProviderId;
import java.util.List;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * One flight provider, as the offer routes and the booking saga use it. Each provider has a real adapter (its own
 * HTTP API, over WebClient) and a deterministic sandbox simulator speaking the same payload shapes.
 *
 * <p>Rules every implementation keeps:
 * <ul>
 *   <li>{@link #normalize} is pure: no network, no clock but the payload's own; a payload it cannot read is an
 *       {@link OfferPayloadException} with details a partner can act on.</li>
 *   <li>Calls that can change the provider's state ({@link #createOrder}, {@link #payHold}, {@link #confirmCancellation})
 *       are never retried blindly. A timeout, a 202 or a 5xx the provider does not document as "not created" is
 *       {@link OrderOutcome.Unknown}: the caller reconciles with {@link #findOrderByReference} before anything else.</li>
 *   <li>Every order carries the engine's own reference ({@link OrderRequest#reference()}) where the provider can store
 *       it, so that {@link #findOrderByReference} finds an order whose creation answer was lost.</li>
 *   <li>Monos are lazy, emit once, and never block the subscribing thread.</li>
 * </ul>
 */
public interface FlightProvider {

    ProviderId id();

    /** The normalized offer of a provider-native payload (the partner's {@code ProviderOfferInput}). */
    NormalizedOffer normalize(JsonNode rawOffer);

    /**
     * Prices the offer with the provider where it has a pricing step (Amadeus, Dohop); others answer the offer as it
     * is. {@link PricingOutcome.Priced} carries the re-normalized offer (new total, expiry, raw payload).
     */
    Mono<PricingOutcome> price(JsonNode rawOffer);

    /** Seat maps, one per segment that allows seat selection; empty where the provider or fare has none. */
    Mono<List<SeatMap>> seatMaps(JsonNode rawOffer);

    /**
     * Applies a passenger update (KTN, loyalty accounts, identity documents) to the offer's provider passenger;
     * answers the updated raw offer (the same payload where the provider keeps these on the order instead).
     */
    Mono<JsonNode> updatePassenger(JsonNode rawOffer, String providerPassengerId, OfferPassengerUpdate update);

    /** Creates an order (instant, or a hold where supported). See the class rules on unknown outcomes. */
    Mono<OrderOutcome> createOrder(OrderRequest request);

    /** Pays (confirms) a held order for {@code amount}. */
    Mono<OrderOutcome> payHold(String providerOrderId, Money amount, String idempotencyKey);

    /** The order by the provider's id; empty when the provider does not know it. */
    Mono<Optional<ProviderOrder>> findOrder(String providerOrderId);

    /** The order carrying our reference (a booking id); empty when none was created. For reconciliation. */
    Mono<Optional<ProviderOrder>> findOrderByReference(String reference);

    /** What cancelling would refund, where the provider quotes first; a direct quote otherwise. */
    Mono<CancellationQuote> quoteCancellation(String providerOrderId);

    /** Cancels the order (confirming the quote where the provider has one); answers what is refunded. */
    Mono<CancellationOutcome> confirmCancellation(String providerOrderId, CancellationQuote quote, String idempotencyKey);
}
