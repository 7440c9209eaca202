package io.movmo.booking.providers.duffel;

/**
 * Duffel refused a request definitely (a 4xx other than 429): the order cannot be cancelled, the order or offer does
 * not exist, the token lacks a permission. Retrying the same request will not help. {@link #code()} is Duffel's error
 * code ({@code already_cancelled}, {@code unsupported_action}, …) or the HTTP status when Duffel gave none. The
 * message carries status, error type/code and request id only.
 */
public class DuffelRefusedException extends RuntimeException {

    private final int status;
    private final String code;

    public DuffelRefusedException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
