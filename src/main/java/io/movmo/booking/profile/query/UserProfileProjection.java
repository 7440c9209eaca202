package io.movmo.booking.profile.query;

import io.movmo.booking.platform.axon.ReadYourWrites.Shown;
import io.movmo.booking.profile.api.AwaitUserProfileQuery;
import io.movmo.booking.profile.api.ContactChangedEvent;
import io.movmo.booking.profile.contact.ContactType;
import io.movmo.booking.profile.api.KnownUserQuery;
import io.movmo.booking.profile.api.LocalePreferencesSetEvent;
import io.movmo.booking.profile.api.TravelPreferencesSetEvent;
import io.movmo.booking.profile.api.UserProfileUpdatedEvent;
import io.movmo.booking.profile.api.UserRegisteredEvent;
import io.movmo.booking.profile.api.UserSignedInEvent;
import io.movmo.booking.shared.UserId;
import java.sql.Timestamp;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code user_profile} read model (see projections/README.md). Personal data stays sealed here too, so
 * shredding a user's key shreds this copy as well. Each row records the sequence number of the user's latest event it
 * applied: events apply in order and once (redelivery and replay change nothing), and subscribers waiting for a
 * version ({@link AwaitUserProfileQuery}) are told as soon as it is applied.
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
    void on(UserRegisteredEvent event, @SequenceNumber long version) {
        jdbc.sql("""
                INSERT INTO user_profile (user_id, email_sealed, phone_number_sealed, created_at, updated_at, version)
                VALUES (:id, :email, :phone, :at, :at, :version) ON CONFLICT (user_id) DO NOTHING""")
                .param("id", id(event.userId()))
                .param("email", event.email().ciphertext())
                .param("phone", event.phoneNumber() == null ? null : event.phoneNumber().ciphertext())
                .param("at", Timestamp.from(event.registeredAt())).param("version", version).update();
        applied(event.userId(), version);
    }

    @EventHandler
    void on(UserSignedInEvent event, @SequenceNumber long version) {
        apply(event.userId(), version, "last_login = :at", Map.of("at", Timestamp.from(event.signedInAt())));
    }

    @EventHandler
    void on(UserProfileUpdatedEvent event, @SequenceNumber long version) {
        apply(event.userId(), version, "profile_sealed = :profile, updated_at = :at",
                Map.of("profile", event.profile().ciphertext(), "at", Timestamp.from(event.updatedAt())));
    }

    @EventHandler
    void on(LocalePreferencesSetEvent event, @SequenceNumber long version) {
        apply(event.userId(), version, """
                language_code = :language, region_code = :region, currency_code = :currency, locale_updated_at = :at""",
                Map.of("language", event.preferences().languageCode(), "region", event.preferences().regionCode(),
                        "currency", event.preferences().currencyCode(), "at", Timestamp.from(event.setAt())));
    }

    @EventHandler
    void on(TravelPreferencesSetEvent event, @SequenceNumber long version) {
        apply(event.userId(), version, "travel_sealed = :travel, travel_updated_at = :at",
                Map.of("travel", event.preferences().ciphertext(), "at", Timestamp.from(event.setAt())));
    }

    @EventHandler
    void on(ContactChangedEvent event, @SequenceNumber long version) {
        String column = event.type() == ContactType.EMAIL ? "email_sealed" : "phone_number_sealed";
        apply(event.userId(), version, column + " = :value, updated_at = :at",
                Map.of("value", event.value().ciphertext(), "at", Timestamp.from(event.changedAt())));
    }

    /** Applies one event's columns unless this row already has it (redelivery, replay): events apply in order, once. */
    private void apply(UserId user, long version, String assignments, Map<String, Object> params) {
        var update = jdbc.sql("UPDATE user_profile SET " + assignments + ", version = :version"
                        + " WHERE user_id = :id AND version < :version")
                .param("id", id(user)).param("version", version);
        for (var param : params.entrySet()) {
            update = update.param(param.getKey(), param.getValue());
        }
        update.update();
        applied(user, version);
    }

    @QueryHandler
    Shown handle(AwaitUserProfileQuery query) {
        boolean shown = jdbc.sql("SELECT count(*) FROM user_profile WHERE user_id = :id AND version >= :version")
                .param("id", id(query.userId())).param("version", query.version())
                .query(Integer.class).single() > 0;
        return new Shown(shown);
    }

    @QueryHandler
    Boolean handle(KnownUserQuery query) {
        return jdbc.sql("SELECT count(*) FROM user_profile WHERE user_id = :id")
                .param("id", id(query.userId())).query(Integer.class).single() > 0;
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM user_profile").update();
    }

    private void applied(UserId user, long version) {
        updates.emit(AwaitUserProfileQuery.class,
                q -> q.userId().equals(user) && q.version() <= version, new Shown(true));
    }

    private static UUID id(UserId user) {
        return UUID.fromString(user.value());
    }
}
