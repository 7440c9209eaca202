package io.movmo.booking.profile.query;

import io.movmo.booking.profile.api.FindUserRegistrationQuery;
import io.movmo.booking.profile.api.UserRegisteredEvent;
import io.movmo.booking.profile.api.UserProfileShown;
import io.movmo.booking.profile.api.UserSignedInEvent;
import io.movmo.booking.profile.api.FindUserProfileUpdateQuery;
import io.movmo.booking.profile.api.UserProfileUpdatedEvent;
import java.sql.Timestamp;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code user_profile} read model (see projections/README.md). Contact details stay sealed here too, so
 * shredding a user's key shreds this copy as well. Writes are idempotent; updates to subscribers follow the write.
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

    @EventHandler
    void on(UserRegisteredEvent event) {
        jdbc.sql("""
                INSERT INTO user_profile (user_id, email_sealed, phone_number_sealed, created_at, updated_at)
                VALUES (:id, :email, :phone, :at, :at) ON CONFLICT (user_id) DO NOTHING""")
                .param("id", UUID.fromString(event.userId().value()))
                .param("email", event.email().ciphertext())
                .param("phone", event.phoneNumber() == null ? null : event.phoneNumber().ciphertext())
                .param("at", Timestamp.from(event.registeredAt())).update();
    }

    @EventHandler
    void on(UserSignedInEvent event) {
        jdbc.sql("""
                UPDATE user_profile SET last_login = :at
                 WHERE user_id = :id AND (last_login IS NULL OR last_login < :at)""")
                .param("id", UUID.fromString(event.userId().value())).param("at", Timestamp.from(event.signedInAt())).update();
        updates.emit(FindUserRegistrationQuery.class,
                q -> q.userId().equals(event.userId()) && !q.signedInAt().isAfter(event.signedInAt()),
                new UserProfileShown(event.userId(), true));
    }

    @EventHandler
    void on(UserProfileUpdatedEvent event) {
        jdbc.sql("""
                UPDATE user_profile SET profile_sealed = :profile, updated_at = :at
                 WHERE user_id = :id AND updated_at <= :at""")
                .param("id", UUID.fromString(event.userId().value())).param("profile", event.profile().ciphertext())
                .param("at", Timestamp.from(event.updatedAt())).update();
        updates.emit(FindUserProfileUpdateQuery.class,
                q -> q.userId().equals(event.userId()) && !q.updatedAt().isAfter(event.updatedAt()),
                new UserProfileShown(event.userId(), true));
    }

    @QueryHandler
    UserProfileShown handle(FindUserProfileUpdateQuery query) {
        boolean shown = jdbc.sql("SELECT count(*) FROM user_profile WHERE user_id = :id AND updated_at >= :at")
                .param("id", UUID.fromString(query.userId().value())).param("at", Timestamp.from(query.updatedAt()))
                .query(Integer.class).single() > 0;
        return new UserProfileShown(query.userId(), shown);
    }

    @QueryHandler
    UserProfileShown handle(FindUserRegistrationQuery query) {
        boolean known = jdbc.sql("SELECT count(*) FROM user_profile WHERE user_id = :id AND last_login >= :at")
                .param("id", UUID.fromString(query.userId().value())).param("at", Timestamp.from(query.signedInAt()))
                .query(Integer.class).single() > 0;
        return new UserProfileShown(query.userId(), known);
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM user_profile").update();
    }
}
