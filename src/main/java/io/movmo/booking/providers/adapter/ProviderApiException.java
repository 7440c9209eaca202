package io.movmo.booking.providers.adapter;

/**
 * A provider lookup (order retrieval or search, seat maps, cancellation quote) that got no usable answer: the
 * provider's status ({@code 0} when none came: a timeout or a network failure), its error code and request id when it
 * sent them. The message never carries the provider's own text or any body. Each adapter throws its own subclass.
 */
public class ProviderApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final String requestId;

    /** {@code provider} names the provider in the message ("Darwin"). */
    protected ProviderApiException(String provider, String operation, int status, String code, String requestId) {
        super(provider + " " + operation + " failed: " + (status == 0 ? "no answer" : "HTTP " + status)
                + (code == null ? "" : " " + code) + (requestId == null ? "" : " (request " + requestId + ")"));
        this.status = status;
        this.code = code;
        this.requestId = requestId;
    }

    protected ProviderApiException(String provider, String operation, String problem, String requestId) {
        super(provider + " " + operation + " failed: " + problem
                + (requestId == null ? "" : " (request " + requestId + ")"));
        this.status = 0;
        this.code = null;
        this.requestId = requestId;
    }

    /** The provider's HTTP status; 0 when no answer came. */
    public int status() {
        return status;
    }

    /** The provider's error code ({@code BOOKING_NOT_FOUND}, …), when it sent one. */
    public String code() {
        return code;
    }

    public String requestId() {
        return requestId;
    }
}
