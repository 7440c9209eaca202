package io.movmo.booking.providers.dohop;

/**
 * A Dohop lookup (order retrieval or search, cancellation quote) that got no usable answer: Dohop's
 * status ({@code 0} when none came: a timeout or a network failure), its error code and request id when it sent them.
 * The message never carries Dohop's own text or any body.
 */
public class DohopApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final String requestId;

    DohopApiException(String operation, int status, String code, String requestId) {
        super("Dohop " + operation + " failed: " + (status == 0 ? "no answer" : "HTTP " + status)
                + (code == null ? "" : " " + code) + (requestId == null ? "" : " (request " + requestId + ")"));
        this.status = status;
        this.code = code;
        this.requestId = requestId;
    }

    DohopApiException(String operation, String problem, String requestId) {
        super("Dohop " + operation + " failed: " + problem + (requestId == null ? "" : " (request " + requestId + ")"));
        this.status = 0;
        this.code = null;
        this.requestId = requestId;
    }

    /** Dohop's HTTP status; 0 when no answer came. */
    public int status() {
        return status;
    }

    /** Dohop's error code ({@code ORDER_NOT_FOUND}, …), when it sent one. */
    public String code() {
        return code;
    }

    public String requestId() {
        return requestId;
    }
}
