package io.movmo.booking.providers.port;

/** A provider-native offer payload the adapter cannot read or that breaks the provider's own rules: a 400 with details. */
public class OfferPayloadException extends RuntimeException {

    private final String details;

    public OfferPayloadException(String message, String details) {
        super(message);
        this.details = details;
    }

    public String details() {
        return details;
    }
}
