package io.movmo.booking.identity.oauth;

import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;

/** RFC 8707: a {@code resource} indicator must name one of the resources this engine serves. */
public final class ResourceIndicators {

    private ResourceIndicators() {}

    /** Passes a null resource (none requested); refuses anything but one of {@code served} with {@code invalid_target}. */
    public static void check(String resource, List<String> served) {
        if (resource != null && (!isAbsoluteUri(resource) || !served.contains(resource))) {
            throw new OAuthException(HttpStatus.BAD_REQUEST, "invalid_target",
                    "resource must be one of: " + String.join(", ", served));
        }
    }

    private static boolean isAbsoluteUri(String value) {
        try {
            return URI.create(value).isAbsolute();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
