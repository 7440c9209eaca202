package io.movmo.booking.providers.darwin;

import io.movmo.booking.providers.adapter.ProviderApiException;

/**
 * A Darwin lookup (booking retrieval or search, seat maps, cancellation quote) that got no usable answer; see
 * {@link ProviderApiException}.
 */
public class DarwinApiException extends ProviderApiException {

    DarwinApiException(String operation, int status, String code, String requestId) {
        super("Darwin", operation, status, code, requestId);
    }

    DarwinApiException(String operation, String problem, String requestId) {
        super("Darwin", operation, problem, requestId);
    }
}
