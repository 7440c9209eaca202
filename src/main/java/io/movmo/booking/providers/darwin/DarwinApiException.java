package io.movmo.booking.providers.darwin;

/**
 * A Darwin lookup (booking retrieval or search, seat maps, cancellation quote) that got no usable answer: Darwin's
 * status ({@code 0} when none came: a timeout or a network failure), its error code and request id when it sent them.
 * The message never carries Darwin's own text or any body.
 */
public class DarwinApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final String requestId;

    DarwinApiException(String operation, int status, String code, String requestId) {
        super("Darwin " + operation + " failed: " + (status == 0 ? "no answer" : "HTTP " + status)
                + (code == null ? "" : " " + code) + (requestId == null ? "" : " (request " + requestId + ")"));
        this.status = status;
        this.code = code;
        this.requestId = requestId;
    }

    DarwinApiException(String operation, String problem, String requestId) {
        super("Darwin " + operation + " failed: " + problem + (requestId == null ? "" : " (request " + requestId + ")"));
        this.status = 0;
        this.code = null;
        this.requestId = requestId;
    }

    /** Darwin's HTTP status; 0 when no answer came. */
    public int status() {
        return status;
    }

    /** Darwin's error code ({@code BOOKING_NOT_FOUND}, …), when it sent one. */
    public String code() {
        return code;
    }

    public String requestId() {
        return requestId;
    }
}
