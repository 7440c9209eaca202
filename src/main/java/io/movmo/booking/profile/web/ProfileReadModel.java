package io.movmo.booking.profile.web;

import io.movmo.booking.profile.api.AwaitUserProfileQuery;
import io.movmo.booking.profile.api.UserProfileShown;
import io.movmo.booking.shared.UserId;
import io.movmo.booking.web.ApiException;
import io.r2dbc.spi.Row;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import org.axonframework.extensions.reactor.queryhandling.gateway.ReactorQueryGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Reads the {@code user_profile} row over R2DBC, and waits (bounded) until it shows a user's latest change. */
@Component
class ProfileReadModel {

    private final DatabaseClient db;
    private final ReactorQueryGateway queries;
    private final Duration wait;

    ProfileReadModel(DatabaseClient db, ReactorQueryGateway queries,
            @Value("${movmo.profile.read-model-wait:3s}") Duration wait) {
        this.db = db;
        this.queries = queries;
        this.wait = wait;
    }

    /** The user named in a path; a malformed id is an unknown user (404), as for any id nobody has. */
    static UserId user(String userId) {
        try {
            return new UserId(userId);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("user not found");
        }
    }

    /** The user's row, read by {@code mapper} (an R2DBC row is only valid inside it); 404 for an unknown user. */
    <T> Mono<T> row(UserId user, java.util.function.Function<Row, T> mapper) {
        return db.sql("SELECT * FROM user_profile WHERE user_id = :id")
                .bind("id", UUID.fromString(user.value()))
                .map((row, meta) -> mapper.apply(row))
                .one()
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("user not found")));
    }

    /** Completes once the read model shows the user's changes up to {@code at}, or after the bounded wait. */
    Mono<Void> shows(UserId user, Instant at) {
        return queries.subscriptionQuery(new AwaitUserProfileQuery(user, at), UserProfileShown.class)
                .filter(UserProfileShown::shown).next().timeout(wait)
                .onErrorResume(TimeoutException.class, e -> Mono.empty())
                .then();
    }

    static Instant instant(Row row, String column) {
        OffsetDateTime value = row.get(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
