package io.movmo.booking.payments.methods;

/** The payment provider could not be reached or failed (5xx, rate limit, network): a 502, nothing changed. */
public class PaymentProviderUnavailableException extends RuntimeException {

    public PaymentProviderUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
