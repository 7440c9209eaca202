package io.movmo.booking.profile.query;

import io.movmo.booking.profile.api.AwaitUserProfileQuery;
import io.movmo.booking.profile.api.LocalePreferencesSetEvent;
import io.movmo.booking.profile.api.TravelPreferencesSetEvent;
import io.movmo.booking.profile.api.UserProfileShown;
import io.movmo.booking.profile.api.UserProfileUpdatedEvent;
import io.movmo.booking.profile.api.UserRegisteredEvent;
import io.movmo.booking.profile.api.UserSignedInEvent;
import io.movmo.booking.shared.UserId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code user_profile} read model (see projections/README.md). Personal data stays sealed here too, so
 * shredding a user's key shreds this copy as well. Writes are idempotent and only move forward in time; after each
 * write, subscribers waiting for the user's changes ({@link AwaitUserProfileQuery}) are told.
 */
@Component
@ProcessingGroup(UserProfileProjection.GROUP)
class UserProfileProjection {

    static final String GROUP = "user-profiles";

    private final JdbcClient jdbc;
    private final QueryUpdateEmitter updates;

    UserProfileProjection(JdbcClient jdbc, QueryUpdateEmitter updates) {
        this.jdbc = jdbc;
        this.updates = updates;
    }

    /**
     * A registration always comes with the sign-in that caused it, carrying the same instant; that sign-in marks the
     * change, so nobody waiting for the sign-in is woken before {@code last_login} is written.
     */
    @EventHandler
    void on(UserRegisteredEvent event) {
        jdbc.sql("""
                INSERT INTO user_profile (user_id, email_sealed, phone_number_sealed, created_at, updated_at, changed_at)
                VALUES (:id, :email, :phone, :at, :at, '-infinity') ON CONFLICT (user_id) DO NOTHING""")
                .param("id", id(event.userId()))
                .param("email", event.email().ciphertext())
                .param("phone", event.phoneNumber() == null ? null : event.phoneNumber().ciphertext())
                .param("at", Timestamp.from(event.registeredAt())).update();
    }

    @EventHandler
    void on(UserSignedInEvent event) {
        jdbc.sql("""
                UPDATE user_profile SET last_login = :at, changed_at = GREATEST(changed_at, :at)
                 WHERE user_id = :id AND (last_login IS NULL OR last_login < :at)""")
                .param("id", id(event.userId())).param("at", Timestamp.from(event.signedInAt())).update();
        changed(event.userId(), event.signedInAt());
    }

    @EventHandler
    void on(UserProfileUpdatedEvent event) {
        jdbc.sql("""
                UPDATE user_profile SET profile_sealed = :profile, updated_at = :at, changed_at = GREATEST(changed_at, :at)
                 WHERE user_id = :id AND updated_at <= :at""")
                .param("id", id(event.userId())).param("profile", event.profile().ciphertext())
                .param("at", Timestamp.from(event.updatedAt())).update();
        changed(event.userId(), event.updatedAt());
    }

    @EventHandler
    void on(LocalePreferencesSetEvent event) {
        jdbc.sql("""
                UPDATE user_profile SET language_code = :language, region_code = :region, currency_code = :currency,
                       locale_updated_at = :at, changed_at = GREATEST(changed_at, :at)
                 WHERE user_id = :id AND (locale_updated_at IS NULL OR locale_updated_at <= :at)""")
                .param("id", id(event.userId())).param("language", event.preferences().languageCode())
                .param("region", event.preferences().regionCode()).param("currency", event.preferences().currencyCode())
                .param("at", Timestamp.from(event.setAt())).update();
        changed(event.userId(), event.setAt());
    }

    @EventHandler
    void on(TravelPreferencesSetEvent event) {
        jdbc.sql("""
                UPDATE user_profile SET travel_sealed = :travel, travel_updated_at = :at, changed_at = GREATEST(changed_at, :at)
                 WHERE user_id = :id AND (travel_updated_at IS NULL OR travel_updated_at <= :at)""")
                .param("id", id(event.userId())).param("travel", event.preferences().ciphertext())
                .param("at", Timestamp.from(event.setAt())).update();
        changed(event.userId(), event.setAt());
    }

    @QueryHandler
    UserProfileShown handle(AwaitUserProfileQuery query) {
        boolean shown = jdbc.sql("SELECT count(*) FROM user_profile WHERE user_id = :id AND changed_at >= :at")
                .param("id", id(query.userId())).param("at", Timestamp.from(query.changedAt()))
                .query(Integer.class).single() > 0;
        return new UserProfileShown(query.userId(), shown);
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM user_profile").update();
    }

    private void changed(UserId user, Instant at) {
        updates.emit(AwaitUserProfileQuery.class,
                q -> q.userId().equals(user) && !q.changedAt().isAfter(at), new UserProfileShown(user, true));
    }

    private static UUID id(UserId user) {
        return UUID.fromString(user.value());
    }
}
