package io.movmo.booking.profile.query;

import io.movmo.booking.profile.api.ContactChangedEvent;
import io.movmo.booking.profile.api.UserRegisteredEvent;
import io.movmo.booking.profile.contact.ContactIndex;
import io.movmo.booking.profile.contact.ContactType;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code user_contact} read model (see projections/README.md): each user's email and phone number as keyed
 * fingerprints, for the contact change's "already in use" check. A processing group of its own, so it builds itself
 * from the whole event store wherever it is new. Writes are upserts per (user, type), applied in each user's event
 * order, so redelivery and replay end in the same rows.
 */
@Component
@ProcessingGroup("user-contacts")
class UserContactProjection {

    private final ContactIndex contacts;
    private final JdbcClient jdbc;

    UserContactProjection(ContactIndex contacts, JdbcClient jdbc) {
        this.contacts = contacts;
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(UserRegisteredEvent event) {
        contacts.index(event.userId(), ContactType.EMAIL, event.email());
        if (event.phoneNumber() != null) {
            contacts.index(event.userId(), ContactType.PHONE, event.phoneNumber());
        }
    }

    @EventHandler
    void on(ContactChangedEvent event) {
        contacts.index(event.userId(), event.type(), event.value());
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM user_contact").update();
    }
}
