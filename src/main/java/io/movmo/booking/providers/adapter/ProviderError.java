package io.movmo.booking.providers.adapter;

import java.util.List;

/**
 * A provider's error envelope ({@code {"error": {"code", "message", "request_id", …}}}): the error object and its code;
 * both null when unreadable.
 */
public record ProviderError(String code, PayloadNode body) {

    /** {@code " [passengers[1].born_on: required]"} from a validation error's details: fields and issues only. */
    public String fieldIssues() {
        if (body == null) {
            return "";
        }
        try {
            List<String> issues = body.optionalArray("details").stream()
                    .map(d -> d.text("field") + ": " + d.text("issue")).toList();
            return issues.isEmpty() ? "" : " [" + String.join("; ", issues) + "]";
        } catch (RuntimeException e) {
            return "";
        }
    }
}
