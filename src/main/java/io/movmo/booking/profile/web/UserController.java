package io.movmo.booking.profile.web;

import io.movmo.booking.profile.api.UpdateUserProfileCommand;
import io.movmo.booking.profile.api.UserProfileFields;
import io.movmo.booking.shared.UserId;
import io.movmo.booking.shared.pii.PersonalDataShreddedException;
import io.movmo.booking.shared.pii.PersonalDataVault;
import io.movmo.booking.shared.pii.Sealed;
import io.movmo.booking.web.ApiException;
import io.movmo.booking.web.security.CurrentUser;
import io.r2dbc.spi.Row;
import jakarta.validation.Valid;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

/**
 * The seed's user routes: {@code GET /v1/users/me}, {@code GET} and {@code PUT /v1/users/{userid}}. Ownership (the
 * user, or an admin) is enforced before these run, by RouteAuthorization. Reads go through R2DBC and are unsealed
 * off the event loop; updates go through the {@code User} aggregate, sealed, and answer once readable.
 */
@RestController
class UserController {

    private final ProfileReadModel readModel;
    private final PersonalDataVault vault;
    private final JsonMapper json;

    UserController(ProfileReadModel readModel, PersonalDataVault vault, JsonMapper json) {
        this.readModel = readModel;
        this.vault = vault;
        this.json = json;
    }

    private record ProfileRow(String userId, String email, String phone, String profile,
            Instant lastLogin, Instant createdAt, Instant updatedAt) {

        static ProfileRow of(Row row) {
            return new ProfileRow(row.get("user_id", UUID.class).toString(), row.get("email_sealed", String.class),
                    row.get("phone_number_sealed", String.class), row.get("profile_sealed", String.class),
                    ProfileReadModel.instant(row, "last_login"), ProfileReadModel.instant(row, "created_at"),
                    ProfileReadModel.instant(row, "updated_at"));
        }
    }

    @GetMapping(path = "/v1/users/me", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<UserView> me() {
        return CurrentUser.get().flatMap(user -> load(user.userId()));
    }

    @GetMapping(path = "/v1/users/{userid}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<UserView> get(@PathVariable("userid") String userId) {
        return load(userId);
    }

    /** Replaces the profile fields; 204 once a {@code GET} would show them (bounded wait). */
    @PutMapping(path = "/v1/users/{userid}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> update(@PathVariable("userid") String userId, @Valid @RequestBody UpdateUserRequest body) {
        UserId user = ProfileReadModel.user(userId);
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        UserProfileFields fields = new UserProfileFields(body.first_name(), body.middle_name(), body.last_name(),
                body.suffix(), body.date_of_birth(), body.gender(), body.known_traveler_number(), body.profile_photo_url());
        return readModel.changeSealed(user, fields, sealed -> new UpdateUserProfileCommand(user, sealed, at));
    }

    Mono<UserView> load(String userId) {
        return Mono.fromCallable(() -> ProfileReadModel.user(userId))
                .flatMap(user -> readModel.row(user, ProfileRow::of))
                .publishOn(Schedulers.boundedElastic())
                .map(this::view)
                // A shredded user no longer exists, in any readable form.
                .onErrorMap(PersonalDataShreddedException.class, e -> ApiException.notFound("user not found"));
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
