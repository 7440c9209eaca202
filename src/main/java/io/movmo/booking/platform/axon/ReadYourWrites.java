package io.movmo.booking.platform.axon;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.axonframework.extensions.reactor.queryhandling.gateway.ReactorQueryGateway;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * How a caller that changed an aggregate waits until a read model shows the change. The {@code query} names the
 * aggregate and the version its command answered; its handler answers {@link Shown}, and the projection emits
 * {@code Shown(true)} to subscribers of the query's class once it applies that version. The subscription answers at
 * once when this node projects the event; a poll of the same query every 200 ms covers the event being projected on
 * another node. Completes when shown, or quietly after {@code wait} (the write stands either way).
 */
public final class ReadYourWrites {

    private static final Duration POLL = Duration.ofMillis(200);

    /** A read model's answer to a read-your-writes query: whether it shows the asked-for version yet. */
    public record Shown(boolean shown) {}

    private ReadYourWrites() {}

    public static Mono<Void> await(ReactorQueryGateway queries, Object query, Duration wait) {
        Flux<Shown> pushed = queries.subscriptionQuery(query, Shown.class);
        Flux<Shown> polled = Flux.interval(POLL, Schedulers.boundedElastic())
                .concatMap(tick -> queries.query(query, Shown.class).subscribeOn(Schedulers.boundedElastic()));
        return Flux.merge(pushed, polled)
                .filter(Shown::shown)
                .next()
                .timeout(wait)
                .onErrorResume(TimeoutException.class, e -> Mono.empty())
                .then();
    }
}
