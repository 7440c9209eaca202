package io.movmo.booking.profile.web;

import io.movmo.booking.shared.UserId;
import io.movmo.booking.shared.pii.PersonalDataShreddedException;
import io.movmo.booking.shared.pii.PersonalDataVault;
import io.movmo.booking.shared.pii.Sealed;
import io.movmo.booking.web.ApiException;
import io.movmo.booking.web.security.CurrentUser;
import io.r2dbc.spi.Row;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** {@code GET /v1/users/me}: the signed-in user's profile, read through R2DBC and unsealed off the event loop. */
@RestController
class UserController {

    private final DatabaseClient db;
    private final PersonalDataVault vault;

    UserController(DatabaseClient db, PersonalDataVault vault) {
        this.db = db;
        this.vault = vault;
    }

    private record ProfileRow(String userId, String email, String phone, String firstName, String middleName,
            String lastName, String suffix, LocalDate dateOfBirth, String gender, String photo,
            Instant lastLogin, Instant createdAt, Instant updatedAt) {}

    @GetMapping(path = "/v1/users/me", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<UserView> me() {
        return CurrentUser.get().flatMap(user -> db.sql("SELECT * FROM user_profile WHERE user_id = :id")
                        .bind("id", UUID.fromString(user.userId()))
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
                row.get("phone_number_sealed", String.class), row.get("first_name", String.class),
                row.get("middle_name", String.class), row.get("last_name", String.class), row.get("suffix", String.class),
                row.get("date_of_birth", LocalDate.class), row.get("gender", String.class),
                row.get("profile_photo_url", String.class), instant(row, "last_login"), instant(row, "created_at"),
                instant(row, "updated_at"));
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.get(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private UserView view(ProfileRow p) {
        String subject = new UserId(p.userId()).personalDataSubject();
        String phone = p.phone() == null ? "" : vault.open(new Sealed(subject, p.phone()));
        return new UserView(p.userId(), p.firstName(), p.middleName(), p.lastName(), p.suffix(),
                vault.open(new Sealed(subject, p.email())), phone, p.dateOfBirth(), p.gender(), p.photo(),
                p.lastLogin(), p.createdAt(), p.updatedAt());
    }
}
