package io.movmo.booking.providers.amadeus;

/**
 * A call to Amadeus that gave no usable answer, where the port has no outcome type to say so (seat maps, order
 * lookups, cancellation quotes, reconciliation). The message names the operation, the HTTP status, Amadeus's error
 * code and title and its request id; never a token, a secret, personal data or a body. No cause is kept.
 */
public class AmadeusException extends RuntimeException {

    /** What went wrong, for callers that branch on it. */
    public enum Kind {
        /** No access token could be obtained (bad credentials, token endpoint down): nothing was sent. */
        AUTHENTICATION,
        /** Timeout, connection failure, 429, 5xx or an unreadable answer: try again later. */
        UNAVAILABLE,
        /** Amadeus refused the request as made. */
        REFUSED,
        /** Amadeus Self-Service has no such operation. */
        UNSUPPORTED
    }

    private final Kind kind;

    public AmadeusException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
