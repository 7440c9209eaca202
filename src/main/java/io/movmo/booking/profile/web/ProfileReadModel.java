package io.movmo.booking.profile.web;

import io.movmo.booking.platform.axon.AppendConflicts;
import io.movmo.booking.profile.api.ProfileReadYourWrites;
import org.axonframework.extensions.reactor.commandhandling.gateway.ReactorCommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import io.movmo.booking.shared.UserId;
import io.movmo.booking.shared.pii.PersonalDataShreddedException;
import io.movmo.booking.shared.pii.PersonalDataVault;
import io.movmo.booking.shared.pii.Sealed;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;
import io.movmo.booking.web.ApiException;
import io.movmo.booking.web.PathIds;
import io.r2dbc.spi.Row;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.axonframework.extensions.reactor.queryhandling.gateway.ReactorQueryGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Reads the {@code user_profile} row over R2DBC; sends user commands (sealing what they carry) and waits, bounded, until reads show them. */
@Component
class ProfileReadModel {

    private final DatabaseClient db;
    private final ReactorCommandGateway commands;
    private final ReactorQueryGateway queries;
    private final PersonalDataVault vault;
    private final JsonMapper json;
    private final Duration wait;

    ProfileReadModel(DatabaseClient db, ReactorCommandGateway commands, ReactorQueryGateway queries,
            PersonalDataVault vault, JsonMapper json, @Value("${movmo.profile.read-model-wait:3s}") Duration wait) {
        this.db = db;
        this.commands = commands;
        this.queries = queries;
        this.vault = vault;
        this.json = json;
        this.wait = wait;
    }

    /** The user named in a path; a malformed id is an unknown user (404), as for any id nobody has. */
    static UserId user(String userId) {
        return PathIds.user(userId);
    }

    /** The user's row, read by {@code mapper} (an R2DBC row is only valid inside it); 404 for an unknown user. */
    <T> Mono<T> row(UserId user, java.util.function.Function<Row, T> mapper) {
        return db.sql("SELECT * FROM user_profile WHERE user_id = :id")
                .bind("id", UUID.fromString(user.value()))
                .map((row, meta) -> mapper.apply(row))
                .one()
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("user not found")));
    }

    /** Completes once the read model shows the user's events up to {@code version}, or after the bounded wait. */
    Mono<Void> shows(UserId user, long version) {
        return ProfileReadYourWrites.await(queries, user, version, wait);
    }

    /**
     * Seals {@code document} (as JSON) under the user's data key, sends the command made from it, and completes once
     * a read shows its effect. The user must be known first, so no data key is ever made for an id nobody has; a
     * shredded user is as unknown as one who never existed (404).
     */
    Mono<Void> changeSealed(UserId user, Object document, java.util.function.Function<Sealed, Object> command) {
        return row(user, row -> true)
                .publishOn(Schedulers.boundedElastic())
                .map(known -> vault.seal(user.personalDataSubject(), json.writeValueAsString(document)))
                .flatMap(sealed -> change(user, command.apply(sealed)))
                .onErrorMap(PersonalDataShreddedException.class, e -> ApiException.notFound("user not found"));
    }

    /** Sends a user command (retried on a concurrent append) and completes once a read shows its effect. */
    Mono<Void> change(UserId user, Object command) {
        return commands.<Long>send(command)
                .retryWhen(AppendConflicts.retry())
                .onErrorMap(AggregateNotFoundException.class, e -> ApiException.notFound("user not found"))
                .flatMap(version -> shows(user, version));
    }

    static Instant instant(Row row, String column) {
        OffsetDateTime value = row.get(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
