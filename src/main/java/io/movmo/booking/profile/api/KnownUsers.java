package io.movmo.booking.profile.api;

import io.movmo.booking.shared.UserId;
import io.movmo.booking.web.ApiException;
import org.axonframework.extensions.reactor.queryhandling.gateway.ReactorQueryGateway;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** For other contexts: completes when a user is registered, 404 "user not found" otherwise. */
public final class KnownUsers {

    private KnownUsers() {}

    public static Mono<Void> require(ReactorQueryGateway queries, UserId user) {
        return queries.query(new KnownUserQuery(user), Boolean.class)
                .subscribeOn(Schedulers.boundedElastic()) // the query handler reads over JDBC on the calling thread
                .filter(Boolean::booleanValue)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("user not found")))
                .then();
    }
}
