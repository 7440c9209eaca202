package io.movmo.booking.web;

import java.util.Map;

/** A rule broken by one field of a request, found after binding (e.g. against stored state): a 400 {@code ValidationError}. */
public class FieldValidationException extends RuntimeException {

    private final String field;

    /** {@code rule} reads after the quoted field name, e.g. "must match the value submitted at the initiate step". */
    public FieldValidationException(String field, String rule) {
        super("'" + field + "' " + rule);
        this.field = field;
    }

    public ValidationErrorResponse body() {
        return new ValidationErrorResponse(ValidationErrorResponse.MESSAGE,
                Map.of(field, new ValidationErrorResponse.FieldError(field, getMessage())));
    }
}
