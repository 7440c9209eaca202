package io.movmo.booking.profile.api;

import io.movmo.booking.shared.UserId;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.axonframework.extensions.reactor.queryhandling.gateway.ReactorQueryGateway;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * How a caller that changed a user waits until the profile read model shows the change: the subscription query
 * answers at once when this node projects the event; a poll of the same query every 200 ms covers the event being
 * projected on another node. Completes when shown, or quietly after {@code wait}.
 */
public final class ProfileReadYourWrites {

    private static final Duration POLL = Duration.ofMillis(200);

    private ProfileReadYourWrites() {}

    public static Mono<Void> await(ReactorQueryGateway queries, UserId user, long version, Duration wait) {
        AwaitUserProfileQuery query = new AwaitUserProfileQuery(user, version);
        Flux<UserProfileShown> pushed = queries.subscriptionQuery(query, UserProfileShown.class);
        Flux<UserProfileShown> polled = Flux.interval(POLL, Schedulers.boundedElastic())
                .concatMap(tick -> queries.query(query, UserProfileShown.class).subscribeOn(Schedulers.boundedElastic()));
        return Flux.merge(pushed, polled)
                .filter(UserProfileShown::shown)
                .next()
                .timeout(wait)
                .onErrorResume(TimeoutException.class, e -> Mono.empty())
                .then();
    }
}
