package io.movmo.booking.web;

import java.util.Map;

/** The seed's {@code ValidationError}: which request fields failed and why, keyed by field name. */
public record ValidationErrorResponse(String message, Map<String, FieldError> fields) {

    public static final String MESSAGE = "Validation failed";

    public record FieldError(String field, String message) {}
}
