package io.movmo.booking.payments.gateway;

/**
 * {@link PaymentGateway#retrieve} got no usable answer (network failure, timeout, rate limit, 5xx): nothing is known
 * about the payment intent, so try again later. Reads only; a write that gets no answer is
 * {@link PaymentOutcome.Unknown}. The message carries no card data or keys.
 */
public class PaymentGatewayUnavailableException extends RuntimeException {

    public PaymentGatewayUnavailableException(String message) {
        super(message);
    }
}
