package io.movmo.booking.profile.api;

import io.movmo.booking.profile.contact.ContactType;
import io.movmo.booking.shared.UserId;
import io.movmo.booking.shared.pii.Sealed;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The user's email or phone number changed, after they proved who they are (a code to their current email) and that
 * the new contact is theirs (a code sent to it). {@code value} is sealed under the user's data key.
 */
@Revision("1")
public record ContactChangedEvent(UserId userId, ContactType type, Sealed value, Instant changedAt) implements UserEvent {}
