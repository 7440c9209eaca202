package io.movmo.booking.profile.contact;

/** A code could not be delivered or checked because a provider (Cognito, SMS, the code store) failed: a 502/503, never the user's fault. */
public class ContactDeliveryException extends RuntimeException {

    public ContactDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }

    public ContactDeliveryException(String message) {
        super(message);
    }
}
