package io.movmo.booking.providers.adapter;

import io.movmo.booking.providers.adapter.ProviderHttp.Answer;
import io.movmo.booking.providers.port.OfferPayloadException;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.springframework.core.NestedExceptionUtils;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * How a provider adapter reads its provider's answers: the error envelope, success bodies read strictly, failures as
 * the adapter's own {@link ProviderApiException}. Logs go to the adapter's logger and name the operation, the status,
 * the error code and the request id: never a body.
 *
 * @param <E> the adapter's exception type
 */
public final class ProviderAnswers<E extends ProviderApiException> {

    /** Builds the adapter's exception for an error status: (operation, status, code, request id). */
    @FunctionalInterface
    public interface StatusFailure<E> {
        E of(String operation, int status, String code, String requestId);
    }

    /** Builds the adapter's exception for an unusable answer: (operation, problem, request id). */
    @FunctionalInterface
    public interface ProblemFailure<E> {
        E of(String operation, String problem, String requestId);
    }

    private final String provider;
    private final Logger log;
    private final JsonMapper json;
    private final StatusFailure<E> statusFailure;
    private final ProblemFailure<E> problemFailure;

    /** {@code provider} names the provider in logs and problems ("Darwin"). */
    public ProviderAnswers(String provider, Logger log, JsonMapper json, StatusFailure<E> statusFailure,
            ProblemFailure<E> problemFailure) {
        this.provider = provider;
        this.log = log;
        this.json = json;
        this.statusFailure = statusFailure;
        this.problemFailure = problemFailure;
    }

    /** The answer's error envelope; code and body null when unreadable. */
    public ProviderError error(Answer answer) {
        try {
            PayloadNode error = PayloadNode.root(json.readTree(answer.body()), provider + " error").object("error");
            return new ProviderError(error.text("code"), error);
        } catch (RuntimeException e) {
            return new ProviderError(null, null);
        }
    }

    /**
     * Reads a success answer with {@code reader}; an answer that is not JSON or breaks the contract is the adapter's
     * exception naming the path (never an {@link OfferPayloadException}: the fault is the provider's).
     */
    public <T> T parse(String operation, Answer answer, Function<PayloadNode, T> reader) {
        try {
            return reader.apply(PayloadNode.root(json.readTree(answer.body()), provider + " " + operation + " answer"));
        } catch (JacksonException e) {
            log.warn("{} {} answered {} with a body that is not JSON (request {})", provider, operation,
                    answer.status(), answer.requestId());
            throw problemFailure.of(operation, "an answer that is not JSON (HTTP " + answer.status() + ")",
                    answer.requestId());
        } catch (OfferPayloadException e) {
            log.warn("{} {} answered {} breaking the contract at {} (request {})", provider, operation,
                    answer.status(), e.details(), answer.requestId());
            throw problemFailure.of(operation, "an answer that breaks the contract (" + e.details() + ")",
                    answer.requestId());
        }
    }

    /** A lookup's answer read with {@code reader} when 200; any other status is the adapter's exception. */
    public <T> T readOk(String operation, Answer answer, Function<PayloadNode, T> reader) {
        if (answer.status() != 200) {
            throw failure(operation, answer);
        }
        return parse(operation, answer, reader);
    }

    /** As {@link #readOk}, with a 404 (nothing found) as empty. */
    public <T> Optional<T> readOkOrNotFound(String operation, Answer answer, Function<PayloadNode, T> reader) {
        if (answer.status() == 404) {
            return Optional.empty();
        }
        return Optional.of(readOk(operation, answer, reader));
    }

    /** An error answer as the adapter's exception, logged. */
    public E failure(String operation, Answer answer) {
        ProviderError error = error(answer);
        log.warn("{} {} answered {} {} (request {})", provider, operation, answer.status(), error.code(),
                answer.requestId());
        return statusFailure.of(operation, answer.status(), error.code(), answer.requestId());
    }

    /** No answer came (a timeout, a network failure): the adapter's exception with status 0, logged. */
    public E noAnswer(String operation, Throwable e) {
        log.warn("{} {} got no answer: {}", provider, operation, cause(e));
        return statusFailure.of(operation, 0, null, null);
    }

    /** Logs that no answer came and answers the cause's name, for the adapter's no-answer reason. */
    public String noAnswerCause(String operation, Throwable e) {
        String cause = cause(e);
        log.warn("{} {} got no answer: {}", provider, operation, cause);
        return cause;
    }

    /** The most specific cause's simple class name: what a log or reason may say of a failure. */
    public static String cause(Throwable e) {
        return NestedExceptionUtils.getMostSpecificCause(e).getClass().getSimpleName();
    }

    /** {@code " (request …)"}, or nothing when the provider sent no request id. */
    public static String requestSuffix(Answer answer) {
        return answer.requestId() == null ? "" : " (request " + answer.requestId() + ")";
    }
}
