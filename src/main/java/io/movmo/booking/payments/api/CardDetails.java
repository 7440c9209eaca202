package io.movmo.booking.payments.api;

/**
 * What the engine keeps of a saved payment method: Stripe's references, its type, and the card's brand, last four
 * digits and expiry. These are not cardholder data under PCI DSS; the PAN and the token are never kept.
 */
public record CardDetails(String customerId, String paymentMethodId, String methodType, String brand, String last4,
        int expMonth, int expYear) {}
