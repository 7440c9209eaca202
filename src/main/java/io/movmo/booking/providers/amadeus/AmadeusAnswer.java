package io.movmo.booking.providers.amadeus;

import java.util.List;

/**
 * What Amadeus answered to one request: the HTTP status, its {@code ama-request-id} header (for support) and the
 * body's bytes. The body may hold personal data, so {@link #toString()} never shows it.
 */
record AmadeusAnswer(int status, String requestId, byte[] body) {

    boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** The errors envelope, if the body is one; empty otherwise. */
    List<AmadeusErrors.Issue> issues() {
        return AmadeusErrors.issues(body);
    }

    boolean hasCode(long code) {
        return issues().stream().anyMatch(issue -> issue.code() != null && issue.code() == code);
    }

    /** {@code 400 34651 SEGMENT SELL FAILURE at /data/flightOffers[0] (request 0001ABC)}: safe to log and to return. */
    String describe() {
        return AmadeusErrors.describe(this);
    }

    @Override
    public String toString() {
        return "AmadeusAnswer[status=" + status + ", requestId=" + requestId + ", body=" + body.length + " bytes]";
    }
}
