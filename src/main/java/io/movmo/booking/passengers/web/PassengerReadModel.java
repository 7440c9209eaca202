package io.movmo.booking.passengers.web;

import io.movmo.booking.passengers.api.AwaitPassengerQuery;
import io.movmo.booking.passengers.api.PassengerId;
import io.movmo.booking.passengers.api.PassengerRejections;
import io.movmo.booking.platform.axon.AppendConflicts;
import io.movmo.booking.platform.axon.ReadYourWrites;
import io.movmo.booking.profile.api.KnownUsers;
import io.movmo.booking.shared.UserId;
import io.movmo.booking.shared.pii.PersonalDataShreddedException;
import io.movmo.booking.web.ApiException;
import io.movmo.booking.web.PathIds;
import io.r2dbc.spi.Row;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.UUID;
import java.util.function.Function;
import org.axonframework.extensions.reactor.commandhandling.gateway.ReactorCommandGateway;
import org.axonframework.extensions.reactor.queryhandling.gateway.ReactorQueryGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads the {@code passenger} and {@code identity_document} tables over R2DBC (always scoped to the owning user, and
 * never a deleted passenger), and sends passenger commands, answering once reads show their effect (bounded wait).
 */
@Component
class PassengerReadModel {

    /** A passenger with its KTN: the number of its primary known-traveler-number document, joined at read time. */
    private static final String ANY_PASSENGERS = """
            SELECT p.*, ktn.number_sealed AS ktn_sealed FROM passenger p
            LEFT JOIN identity_document ktn ON ktn.passenger_id = p.passenger_id AND ktn.is_primary
                AND ktn.document_type = 'known_traveler_number'
            WHERE p.user_id = :user""";
    private static final String PASSENGERS = ANY_PASSENGERS + " AND p.deleted_at IS NULL";

    private final DatabaseClient db;
    private final ReactorCommandGateway commands;
    private final ReactorQueryGateway queries;
    private final Duration wait;

    PassengerReadModel(DatabaseClient db, ReactorCommandGateway commands, ReactorQueryGateway queries,
            @Value("${movmo.passengers.read-model-wait:3s}") Duration wait) {
        this.db = db;
        this.commands = commands;
        this.queries = queries;
        this.wait = wait;
    }

    /** The id named in a path; a malformed one is as unknown as any id nobody has (404). */
    static PassengerId passenger(String passengerId) {
        return new PassengerId(PathIds.uuid(passengerId, "passenger").toString());
    }

    static UserId user(String userId) {
        return PathIds.user(userId);
    }

    static UUID document(String documentId) {
        return PathIds.uuid(documentId, "identity document");
    }

    /** Completes when the user is registered; 404 otherwise. */
    Mono<Void> requireKnown(UserId user) {
        return KnownUsers.require(queries, user);
    }

    <T> Flux<T> passengers(UserId user, Function<Row, T> mapper) {
        return db.sql(PASSENGERS + " ORDER BY p.created_at, p.passenger_id")
                .bind("user", uuid(user.value()))
                .map((row, meta) -> mapper.apply(row))
                .all();
    }

    /** The user's passengers among {@code ids}, deleted ones included (bookings keep naming them). */
    <T> Flux<T> passengersAmongIncludingDeleted(UserId user, Collection<UUID> ids, Function<Row, T> mapper) {
        return db.sql(ANY_PASSENGERS + " AND p.passenger_id = ANY(:ids) ORDER BY p.created_at, p.passenger_id")
                .bind("user", uuid(user.value())).bind("ids", ids.toArray(UUID[]::new))
                .map((row, meta) -> mapper.apply(row))
                .all();
    }

    /** Which of {@code ids} are the user's live (not deleted) passengers. */
    Flux<UUID> ownedAmong(UserId user, Collection<UUID> ids) {
        return db.sql("SELECT passenger_id FROM passenger WHERE user_id = :user AND deleted_at IS NULL"
                        + " AND passenger_id = ANY(:ids)")
                .bind("user", uuid(user.value())).bind("ids", ids.toArray(UUID[]::new))
                .map((row, meta) -> row.get("passenger_id", UUID.class))
                .all();
    }

    /** One of the user's live passengers; 404 when it is not theirs, is deleted, or never existed. */
    <T> Mono<T> passenger(UserId user, PassengerId passenger, Function<Row, T> mapper) {
        return db.sql(PASSENGERS + " AND p.passenger_id = :id")
                .bind("user", uuid(user.value())).bind("id", uuid(passenger.value()))
                .map((row, meta) -> mapper.apply(row))
                .one()
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("passenger not found")));
    }

    <T> Flux<T> documents(UserId user, PassengerId passenger, Function<Row, T> mapper) {
        return passenger(user, passenger, row -> true)
                .thenMany(db.sql("SELECT * FROM identity_document WHERE passenger_id = :id ORDER BY created_at, document_id")
                        .bind("id", uuid(passenger.value()))
                        .map((row, meta) -> mapper.apply(row))
                        .all());
    }

    <T> Mono<T> document(UserId user, PassengerId passenger, UUID document, Function<Row, T> mapper) {
        return passenger(user, passenger, row -> true)
                .then(db.sql("SELECT * FROM identity_document WHERE passenger_id = :id AND document_id = :doc")
                        .bind("id", uuid(passenger.value())).bind("doc", document)
                        .map((row, meta) -> mapper.apply(row))
                        .one())
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("identity document not found")));
    }

    /**
     * Sends a passenger command (retried on a concurrent append) and completes once reads show its effect; the
     * aggregate's refusals become the seed's errors.
     */
    Mono<Void> change(PassengerId passenger, Object command) {
        return commands.send(command)
                .retryWhen(AppendConflicts.retry())
                // A creation answers the new aggregate's id; its version is then 0. Other commands answer the version.
                .map(result -> result instanceof Long version ? version : 0L)
                .onErrorMap(PassengerReadModel::rejection)
                .flatMap(version -> ReadYourWrites.await(queries, new AwaitPassengerQuery(passenger, version), wait));
    }

    static Throwable rejection(Throwable error) {
        if (error instanceof AggregateNotFoundException || error instanceof PassengerRejections.PassengerNotFound
                || error instanceof PersonalDataShreddedException) {
            return ApiException.notFound("passenger not found");
        }
        if (error instanceof PassengerRejections.DocumentNotFound) {
            return ApiException.notFound(error.getMessage());
        }
        if (error instanceof PassengerRejections.DuplicateDocument || error instanceof PassengerRejections.TooManyDocuments) {
            return new ApiException(HttpStatus.CONFLICT, error.getMessage());
        }
        return error;
    }

    static Instant instant(Row row, String column) {
        OffsetDateTime value = row.get(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static UUID uuid(String value) {
        return UUID.fromString(value);
    }
}
