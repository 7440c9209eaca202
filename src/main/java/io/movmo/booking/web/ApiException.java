package io.movmo.booking.web;

import org.springframework.http.HttpStatus;

/**
 * A request the engine refuses, with the status and the message partners see in the {@code Error} envelope. The
 * message is written for partners: never put internal detail or personal data in it.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String details;

    public ApiException(HttpStatus status, String message, String details) {
        super(message, null, false, false);
        this.status = status;
        this.details = details;
    }

    public ApiException(HttpStatus status, String message) {
        this(status, message, null);
    }

    public static ApiException notFound(String message) {
        return new ApiException(HttpStatus.NOT_FOUND, message);
    }

    public static ApiException forbidden() {
        return new ApiException(HttpStatus.FORBIDDEN, "not allowed");
    }

    public static ApiException unauthorized(String details) {
        return new ApiException(HttpStatus.UNAUTHORIZED, "unauthorized", details);
    }

    public HttpStatus status() {
        return status;
    }

    public String details() {
        return details;
    }
}
