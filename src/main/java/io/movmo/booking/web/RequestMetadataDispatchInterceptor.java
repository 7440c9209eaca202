package io.movmo.booking.web;

import org.axonframework.extensions.reactor.messaging.ReactorMessageDispatchInterceptor;
import org.axonframework.messaging.Message;
import reactor.core.publisher.Mono;

/** Copies the {@link RequestContext} of the dispatching request into the metadata of the message it dispatches. */
public final class RequestMetadataDispatchInterceptor<M extends Message<?>> implements ReactorMessageDispatchInterceptor<M> {

    @Override
    @SuppressWarnings("unchecked")
    public Mono<M> intercept(Mono<M> message) {
        return message.flatMap(m -> Mono.deferContextual(ctx -> Mono.just(RequestContext.from(ctx)
                .map(rc -> (M) m.andMetaData(rc.asMetadata()))
                .orElse(m))));
    }
}
