package io.movmo.booking.web;

import io.micrometer.context.ContextRegistry;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Hooks;

/**
 * Puts the request id of the Reactor context into the logging MDC on whatever thread a request's work runs, so every
 * structured log line of a request carries {@code request_id}.
 */
@Component
public final class RequestIdLogging {

    public static final String MDC_KEY = "request_id";

    RequestIdLogging() {
        ContextRegistry.getInstance().registerThreadLocalAccessor(
                MDC_KEY, () -> MDC.get(MDC_KEY), value -> MDC.put(MDC_KEY, value), () -> MDC.remove(MDC_KEY));
        Hooks.enableAutomaticContextPropagation();
    }
}
