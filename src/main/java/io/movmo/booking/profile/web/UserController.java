package io.movmo.booking.profile.web;

import io.movmo.booking.profile.api.FindUserProfileUpdateQuery;
import io.movmo.booking.profile.api.UpdateUserProfileCommand;
import io.movmo.booking.profile.api.UserProfileFields;
import io.movmo.booking.profile.api.UserProfileShown;
import io.movmo.booking.shared.UserId;
import jakarta.validation.Valid;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.axonframework.extensions.reactor.commandhandling.gateway.ReactorCommandGateway;
import org.axonframework.extensions.reactor.queryhandling.gateway.ReactorQueryGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import tools.jackson.databind.json.JsonMapper;
import io.movmo.booking.shared.pii.PersonalDataShreddedException;
import io.movmo.booking.shared.pii.PersonalDataVault;
import io.movmo.booking.shared.pii.Sealed;
import io.movmo.booking.web.ApiException;
import io.movmo.booking.web.security.CurrentUser;
import io.r2dbc.spi.Row;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The seed's user routes: {@code GET /v1/users/me}, {@code GET} and {@code PUT /v1/users/{userid}}. Reads go through
 * R2DBC and are unsealed off the event loop; updates go through the {@code User} aggregate, sealed.
 */
@RestController
class UserController {

    private final DatabaseClient db;
    private final PersonalDataVault vault;
    private final ReactorCommandGateway commands;
    private final ReactorQueryGateway queries;
    private final JsonMapper json;
    private final Duration readModelWait;

    UserController(DatabaseClient db, PersonalDataVault vault, ReactorCommandGateway commands, ReactorQueryGateway queries,
            JsonMapper json, @Value("${movmo.profile.read-model-wait:3s}") Duration readModelWait) {
        this.db = db;
        this.vault = vault;
        this.commands = commands;
        this.queries = queries;
        this.json = json;
        this.readModelWait = readModelWait;
    }

    private record ProfileRow(String userId, String email, String phone, String profile,
            Instant lastLogin, Instant createdAt, Instant updatedAt) {}

    @GetMapping(path = "/v1/users/me", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<UserView> me() {
        return CurrentUser.get().flatMap(user -> load(user.userId()));
    }

    /** Ownership (the user themself, or an admin) is enforced before this runs, by RouteAuthorization. */
    @GetMapping(path = "/v1/users/{userid}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<UserView> get(@PathVariable("userid") String userId) {
        return load(userId);
    }

    /**
     * Replaces the profile fields; answers 204 once the profile read model shows the change (bounded wait), so a
     * {@code GET} right after sees it.
     */
    @PutMapping(path = "/v1/users/{userid}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> update(@PathVariable("userid") String userId, @Valid @RequestBody UpdateUserRequest body) {
        UserId user = parse(userId);
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        UserProfileFields fields = new UserProfileFields(body.first_name(), body.middle_name(), body.last_name(),
                body.suffix(), body.date_of_birth(), body.gender(), body.known_traveler_number(), body.profile_photo_url());
        return Mono.fromCallable(() -> vault.seal(user.personalDataSubject(), json.writeValueAsString(fields)))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(sealed -> commands.send(new UpdateUserProfileCommand(user, sealed, at)))
                .onErrorMap(AggregateNotFoundException.class, e -> ApiException.notFound("user not found"))
                .then(queries.subscriptionQuery(new FindUserProfileUpdateQuery(user, at), UserProfileShown.class)
                        .filter(UserProfileShown::shown).next().timeout(readModelWait)
                        .onErrorResume(java.util.concurrent.TimeoutException.class, e -> Mono.empty()))
                .then();
    }

    private static UserId parse(String userId) {
        try {
            return new UserId(userId);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("user not found");
        }
    }

    private Mono<UserView> load(String userId) {
        return Mono.fromCallable(() -> parse(userId))
                .flatMap(user -> db.sql("SELECT * FROM user_profile WHERE user_id = :id")
                        .bind("id", UUID.fromString(user.value()))
                        .map((row, meta) -> row(row))
                        .one())
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("user not found")))
                .publishOn(Schedulers.boundedElastic())
                .map(this::view)
                // A shredded user no longer exists, in any readable form.
                .onErrorMap(PersonalDataShreddedException.class, e -> ApiException.notFound("user not found"));
    }

    private static ProfileRow row(Row row) {
        return new ProfileRow(row.get("user_id", UUID.class).toString(), row.get("email_sealed", String.class),
                row.get("phone_number_sealed", String.class), row.get("profile_sealed", String.class),
                instant(row, "last_login"), instant(row, "created_at"), instant(row, "updated_at"));
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.get(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private UserView view(ProfileRow p) {
        String subject = new UserId(p.userId()).personalDataSubject();
        String phone = p.phone() == null ? "" : vault.open(new Sealed(subject, p.phone()));
        UserProfileFields f = p.profile() == null ? UserProfileFields.EMPTY
                : json.readValue(vault.open(new Sealed(subject, p.profile())), UserProfileFields.class);
        return new UserView(p.userId(), f.firstName(), f.middleName(), f.lastName(), f.suffix(),
                vault.open(new Sealed(subject, p.email())), phone, f.dateOfBirth(), f.gender(), f.knownTravelerNumber(),
                f.profilePhotoUrl(), p.lastLogin(), p.createdAt(), p.updatedAt());
    }
}
