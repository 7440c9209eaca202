package io.movmo.booking.providers.duffel;

/**
 * A read from Duffel (offer passenger update, seat maps, order lookups, cancellation quote) got no usable answer:
 * network failure, timeout, rate limit, 5xx, or a body the adapter cannot read. Nothing changed that the caller must
 * know of; try again later. Calls that can change Duffel's state answer an {@code Unknown} outcome instead. The
 * message carries Duffel's status, error type/code and request id only: never the token, passenger data or a body.
 */
public class DuffelUnavailableException extends RuntimeException {

    public DuffelUnavailableException(String message) {
        super(message);
    }
}
