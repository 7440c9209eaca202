package io.movmo.booking.web;

import io.movmo.booking.identity.oauth.OAuthException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import tools.jackson.databind.exc.MismatchedInputException;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.PayloadTooLargeException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import org.springframework.web.server.WebExceptionHandler;
import org.springframework.web.reactive.resource.NoResourceFoundException;
import reactor.core.publisher.Mono;

/**
 * Every failure leaves the engine in one of the seed's envelopes with a real status code: {@code Error} for most,
 * {@code ValidationError} for rejected fields. Exception text is never sent; unexpected failures are logged (without
 * request bodies) and answered with a plain 500.
 */
@Component
@Order(-2) // before Spring Boot's DefaultErrorWebExceptionHandler
class ErrorEnvelopeExceptionHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ErrorEnvelopeExceptionHandler.class);

    private final ErrorEnvelopes envelopes;

    ErrorEnvelopeExceptionHandler(ErrorEnvelopes envelopes) {
        this.envelopes = envelopes;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        if (error instanceof WebExchangeBindException bind) {
            Map<String, ValidationErrorResponse.FieldError> fields = new LinkedHashMap<>();
            for (FieldError fe : bind.getFieldErrors()) {
                fields.putIfAbsent(fe.getField(), new ValidationErrorResponse.FieldError(fe.getField(),
                        "'" + fe.getField() + "' " + fe.getDefaultMessage()));
            }
            return envelopes.write(exchange.getResponse(), HttpStatus.BAD_REQUEST,
                    new ValidationErrorResponse(ValidationErrorResponse.MESSAGE, fields));
        }
        if (error instanceof FieldValidationException invalid) {
            return envelopes.write(exchange.getResponse(), HttpStatus.BAD_REQUEST, invalid.body());
        }
        String mistyped = mistypedField(error);
        if (mistyped != null && !exchange.getRequest().getPath().value().startsWith(OAUTH_PATHS)) {
            // JSON that parsed but holds a value of the wrong type or format for a field (e.g. "date_of_birth": "soon").
            return envelopes.write(exchange.getResponse(), HttpStatus.BAD_REQUEST,
                    new ValidationErrorResponse(ValidationErrorResponse.MESSAGE, Map.of(mistyped,
                            new ValidationErrorResponse.FieldError(mistyped, "'" + mistyped + "' has the wrong type or format"))));
        }
        if (error instanceof MethodNotAllowedException notAllowed) {
            exchange.getResponse().getHeaders().setAllow(notAllowed.getSupportedMethods());
        }
        if (error instanceof OAuthException oauth) {
            return envelopes.write(exchange.getResponse(), oauth.status(),
                    new OAuthErrorResponse(oauth.error(), oauth.getMessage()));
        }
        Problem problem = classify(exchange, error);
        if (problem.status().is5xxServerError()) {
            RequestIdFilter.withRequestId(exchange, () -> log.error("Request {} {} failed",
                    exchange.getRequest().getMethod(), exchange.getRequest().getPath(), error));
        }
        if (exchange.getRequest().getPath().value().startsWith(OAUTH_PATHS) && problem.status() != HttpStatus.NOT_FOUND
                && problem.status() != HttpStatus.METHOD_NOT_ALLOWED) {
            // The OAuth endpoints answer in RFC 6749's envelope, whatever went wrong.
            String code = problem.status().is5xxServerError() ? "server_error" : "invalid_request";
            String description = problem.details() == null ? problem.message() : problem.message() + ": " + problem.details();
            return envelopes.write(exchange.getResponse(), problem.status(), new OAuthErrorResponse(code, description));
        }
        return envelopes.write(exchange.getResponse(), problem.status(), problem.message(), problem.details());
    }

    private static final String OAUTH_PATHS = "/v1/oauth/";

    private record Problem(HttpStatus status, String message, String details) {}

    private static Problem classify(ServerWebExchange exchange, Throwable error) {
        if (error instanceof ApiException api) {
            return new Problem(api.status(), api.getMessage(), api.details());
        }
        if (causedBy(error, DataBufferLimitException.class) || error instanceof PayloadTooLargeException) {
            return new Problem(HttpStatus.PAYLOAD_TOO_LARGE, "request body too large", null);
        }
        if (error instanceof NoResourceFoundException) {
            return new Problem(HttpStatus.NOT_FOUND, "route not found",
                    exchange.getRequest().getMethod() + " " + exchange.getRequest().getPath().value());
        }
        if (error instanceof MethodNotAllowedException) {
            return new Problem(HttpStatus.METHOD_NOT_ALLOWED, "method not allowed", null);
        }
        if (error instanceof UnsupportedMediaTypeStatusException unsupported) {
            return new Problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported media type",
                    "supported: " + unsupported.getSupportedMediaTypes());
        }
        if (error instanceof ServerWebInputException input) {
            if (causedBy(error, DecodingException.class)) {
                return new Problem(HttpStatus.BAD_REQUEST, "malformed JSON request body", null);
            }
            return new Problem(HttpStatus.BAD_REQUEST, "invalid request", input.getReason());
        }
        if (error instanceof ResponseStatusException rse) {
            HttpStatus status = resolve(rse.getStatusCode());
            return new Problem(status, status.is5xxServerError() ? "internal server error"
                    : status.getReasonPhrase().toLowerCase(), null);
        }
        return new Problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal server error", null);
    }

    /** The top-level body field whose value could not be read as its type, if that is what went wrong. */
    private static String mistypedField(Throwable error) {
        if (!(error instanceof ServerWebInputException)) {
            return null;
        }
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
                String field = mismatch.getPath().get(0).getPropertyName();
                return field == null || field.isEmpty() ? null : field;
            }
        }
        return null;
    }

    private static HttpStatus resolve(HttpStatusCode code) {
        HttpStatus status = HttpStatus.resolve(code.value());
        return status == null ? HttpStatus.INTERNAL_SERVER_ERROR : status;
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
