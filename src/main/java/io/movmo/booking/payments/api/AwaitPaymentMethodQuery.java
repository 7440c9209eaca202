package io.movmo.booking.payments.api;

/** Whether the payment-methods read model shows the method's events up to {@code version}; answered with {@code Shown}. */
public record AwaitPaymentMethodQuery(String methodId, long version) {}
