package io.movmo.booking.payments.methods;

import reactor.core.publisher.Mono;

/**
 * The payment provider's side of saved payment methods (Stripe: PaymentMethods attached to a Customer). The engine
 * changes the provider first and records the change after, so a failure here changes nothing. Refusals the partner
 * can fix are {@link PaymentMethodRejectedException}; the provider being unreachable or failing is
 * {@link PaymentProviderUnavailableException}. Implementations never block the caller's thread.
 */
public interface PaymentMethodRegistry {

    /** Attaches the payment method to the customer; attaching it again to the same customer changes nothing. */
    Mono<Void> attach(String customerId, String paymentMethodId);

    /** Sets the card's expiry at the provider. */
    Mono<Void> updateExpiry(String paymentMethodId, int expMonth, int expYear);

    /** Makes it the customer's default payment method at the provider. */
    Mono<Void> makeDefault(String customerId, String paymentMethodId);

    /** The customer has no default payment method at the provider any more (the user un-defaulted theirs). */
    Mono<Void> clearDefault(String customerId);

    /** Detaches it from its customer; one already detached, or unknown to the provider, is not an error. */
    Mono<Void> detach(String paymentMethodId);
}
