package io.movmo.booking.profile.api;

import io.movmo.booking.platform.axon.ReadYourWrites;
import io.movmo.booking.shared.UserId;
import java.time.Duration;
import org.axonframework.extensions.reactor.queryhandling.gateway.ReactorQueryGateway;
import reactor.core.publisher.Mono;

/** Waits, bounded, until the profile read model shows the user's events up to {@code version} (see {@link ReadYourWrites}). */
public final class ProfileReadYourWrites {

    private ProfileReadYourWrites() {}

    public static Mono<Void> await(ReactorQueryGateway queries, UserId user, long version, Duration wait) {
        return ReadYourWrites.await(queries, new AwaitUserProfileQuery(user, version), wait);
    }
}
