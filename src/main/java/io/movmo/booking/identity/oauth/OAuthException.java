package io.movmo.booking.identity.oauth;

import org.springframework.http.HttpStatus;

/**
 * A token-endpoint refusal in RFC 6749 §5.2 terms, answered in the seed's {@code OAuthErrorResponse} envelope. The
 * description is for developers integrating a partner app: never put tokens, codes or personal data in it.
 */
public class OAuthException extends RuntimeException {

    private final String error;
    private final HttpStatus status;

    public OAuthException(HttpStatus status, String error, String description) {
        super(description, null, false, false);
        this.status = status;
        this.error = error;
    }

    public static OAuthException invalidRequest(String description) {
        return new OAuthException(HttpStatus.BAD_REQUEST, "invalid_request", description);
    }

    public static OAuthException invalidGrant(String description) {
        return new OAuthException(HttpStatus.BAD_REQUEST, "invalid_grant", description);
    }

    public static OAuthException invalidClient(String description) {
        return new OAuthException(HttpStatus.UNAUTHORIZED, "invalid_client", description);
    }

    public static OAuthException serverError(String description) {
        return new OAuthException(HttpStatus.INTERNAL_SERVER_ERROR, "server_error", description);
    }

    public static OAuthException badGateway(String description) {
        return new OAuthException(HttpStatus.BAD_GATEWAY, "server_error", description);
    }

    public String error() {
        return error;
    }

    public HttpStatus status() {
        return status;
    }
}
