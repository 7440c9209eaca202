package io.movmo.booking.providers.dohop;

import io.movmo.booking.providers.adapter.ProviderApiException;

/**
 * A Dohop lookup (order retrieval or search, cancellation quote) that got no usable answer; see
 * {@link ProviderApiException}.
 */
public class DohopApiException extends ProviderApiException {

    DohopApiException(String operation, int status, String code, String requestId) {
        super("Dohop", operation, status, code, requestId);
    }

    DohopApiException(String operation, String problem, String requestId) {
        super("Dohop", operation, problem, requestId);
    }
}
