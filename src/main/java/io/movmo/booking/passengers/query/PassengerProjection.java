package io.movmo.booking.passengers.query;

import io.movmo.booking.passengers.api.AwaitPassengerQuery;
import io.movmo.booking.passengers.api.IdentityDocument;
import io.movmo.booking.passengers.api.IdentityDocumentAddedEvent;
import io.movmo.booking.passengers.api.IdentityDocumentRemovedEvent;
import io.movmo.booking.passengers.api.IdentityDocumentReplacedEvent;
import io.movmo.booking.passengers.api.PassengerCreatedEvent;
import io.movmo.booking.passengers.api.PassengerDeletedEvent;
import io.movmo.booking.passengers.api.PassengerId;
import io.movmo.booking.passengers.api.PassengerUpdatedEvent;
import io.movmo.booking.passengers.api.PrimaryIdentityDocumentSetEvent;
import io.movmo.booking.platform.axon.ReadYourWrites.Shown;
import io.movmo.booking.platform.axon.SequencedByOwner;
import java.sql.Timestamp;
import java.time.Instant;
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
 * The {@code passenger} and {@code identity_document} read models (see projections/README.md). Events of all of one
 * user's passengers are handled in order (see {@link SequencedByOwner}), so "only one default passenger per user"
 * holds here even though each passenger is its own aggregate. Each passenger row records the sequence number of the
 * passenger's latest event applied: an event older than that (redelivery, replay into a live table) changes nothing.
 * Personal data stays sealed, as the events carry it.
 */
@Component
@ProcessingGroup(SequencedByOwner.PASSENGERS)
class PassengerProjection {

    private final JdbcClient jdbc;
    private final QueryUpdateEmitter updates;

    PassengerProjection(JdbcClient jdbc, QueryUpdateEmitter updates) {
        this.jdbc = jdbc;
        this.updates = updates;
    }

    @EventHandler
    void on(PassengerCreatedEvent event, @SequenceNumber long version) {
        boolean inserted = jdbc.sql("""
                INSERT INTO passenger (passenger_id, user_id, details_sealed, is_default, created_at, updated_at, version)
                VALUES (:id, :user, :details, :default, :at, :at, :version) ON CONFLICT (passenger_id) DO NOTHING""")
                .param("id", id(event.passengerId())).param("user", UUID.fromString(event.userId().value()))
                .param("details", event.details().ciphertext()).param("default", event.isDefault())
                .param("at", Timestamp.from(event.createdAt())).param("version", version)
                .update() == 1;
        if (inserted && event.isDefault()) {
            clearOtherDefaults(event.passengerId());
        }
        applied(event.passengerId(), version);
    }

    @EventHandler
    void on(PassengerUpdatedEvent event, @SequenceNumber long version) {
        if (advance(event.passengerId(), version)) {
            jdbc.sql("""
                    UPDATE passenger SET details_sealed = :details, is_default = :default, updated_at = :at
                    WHERE passenger_id = :id""")
                    .param("id", id(event.passengerId())).param("details", event.details().ciphertext())
                    .param("default", event.isDefault()).param("at", Timestamp.from(event.updatedAt())).update();
            if (event.isDefault()) {
                clearOtherDefaults(event.passengerId());
            }
        }
        applied(event.passengerId(), version);
    }

    @EventHandler
    void on(PassengerDeletedEvent event, @SequenceNumber long version) {
        if (advance(event.passengerId(), version)) {
            jdbc.sql("UPDATE passenger SET deleted_at = :at, is_default = false, updated_at = :at WHERE passenger_id = :id")
                    .param("id", id(event.passengerId())).param("at", Timestamp.from(event.deletedAt())).update();
        }
        applied(event.passengerId(), version);
    }

    @EventHandler
    void on(IdentityDocumentAddedEvent event, @SequenceNumber long version) {
        if (advance(event.passengerId(), version)) {
            IdentityDocument d = event.document();
            jdbc.sql("""
                    INSERT INTO identity_document (document_id, passenger_id, document_type, issuing_country_code,
                        number_sealed, details_sealed, created_at, updated_at)
                    VALUES (:doc, :id, :type, :country, :number, :details, :at, :at)""")
                    .param("doc", UUID.fromString(event.documentId())).param("id", id(event.passengerId()))
                    .param("type", d.type().wire()).param("country", d.issuingCountryCode())
                    .param("number", d.number().ciphertext()).param("details", d.details().ciphertext())
                    .param("at", Timestamp.from(event.addedAt())).update();
            touch(event.passengerId(), event.addedAt());
        }
        applied(event.passengerId(), version);
    }

    @EventHandler
    void on(IdentityDocumentReplacedEvent event, @SequenceNumber long version) {
        if (advance(event.passengerId(), version)) {
            IdentityDocument d = event.document();
            jdbc.sql("""
                    UPDATE identity_document SET document_type = :type, issuing_country_code = :country,
                        number_sealed = :number, details_sealed = :details, updated_at = :at,
                        is_primary = is_primary AND document_type = :type
                    WHERE document_id = :doc""")
                    .param("doc", UUID.fromString(event.documentId()))
                    .param("type", d.type().wire()).param("country", d.issuingCountryCode())
                    .param("number", d.number().ciphertext()).param("details", d.details().ciphertext())
                    .param("at", Timestamp.from(event.replacedAt())).update();
            touch(event.passengerId(), event.replacedAt());
        }
        applied(event.passengerId(), version);
    }

    @EventHandler
    void on(IdentityDocumentRemovedEvent event, @SequenceNumber long version) {
        if (advance(event.passengerId(), version)) {
            jdbc.sql("DELETE FROM identity_document WHERE document_id = :doc")
                    .param("doc", UUID.fromString(event.documentId())).update();
            touch(event.passengerId(), event.removedAt());
        }
        applied(event.passengerId(), version);
    }

    @EventHandler
    void on(PrimaryIdentityDocumentSetEvent event, @SequenceNumber long version) {
        if (advance(event.passengerId(), version)) {
            // Clear first: the unique index allows one primary per (passenger, type) at any moment.
            jdbc.sql("""
                    UPDATE identity_document SET is_primary = false
                    WHERE passenger_id = :id AND document_type = :type AND is_primary""")
                    .param("id", id(event.passengerId())).param("type", event.type().wire()).update();
            if (event.documentId() != null) {
                jdbc.sql("UPDATE identity_document SET is_primary = true WHERE document_id = :doc")
                        .param("doc", UUID.fromString(event.documentId())).update();
            }
        }
        applied(event.passengerId(), version);
    }

    @QueryHandler
    Shown handle(AwaitPassengerQuery query) {
        return new Shown(jdbc.sql("SELECT count(*) FROM passenger WHERE passenger_id = :id AND version >= :version")
                .param("id", id(query.passengerId())).param("version", query.version())
                .query(Integer.class).single() > 0);
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM passenger").update(); // identity documents go with their passengers (ON DELETE CASCADE)
    }

    /** Moves the passenger's row to {@code version}; false when it already has it (the event was applied before). */
    private boolean advance(PassengerId passenger, long version) {
        return jdbc.sql("UPDATE passenger SET version = :version WHERE passenger_id = :id AND version < :version")
                .param("id", id(passenger)).param("version", version).update() == 1;
    }

    private void touch(PassengerId passenger, Instant at) {
        jdbc.sql("UPDATE passenger SET updated_at = :at WHERE passenger_id = :id")
                .param("id", id(passenger)).param("at", Timestamp.from(at)).update();
    }

    private void clearOtherDefaults(PassengerId passenger) {
        jdbc.sql("""
                UPDATE passenger SET is_default = false
                WHERE is_default AND passenger_id <> :id
                  AND user_id = (SELECT user_id FROM passenger WHERE passenger_id = :id)""")
                .param("id", id(passenger)).update();
    }

    private void applied(PassengerId passenger, long version) {
        updates.emit(AwaitPassengerQuery.class,
                q -> q.passengerId().equals(passenger) && q.version() <= version, new Shown(true));
    }

    private static UUID id(PassengerId passenger) {
        return UUID.fromString(passenger.value());
    }
}
