package io.movmo.booking.profile.api;

import io.movmo.booking.shared.UserId;
import io.movmo.booking.shared.pii.Sealed;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A user signed in for the first time. Contact details are sealed under the user's data key; phone may be absent. */
@Revision("1")
public record UserRegisteredEvent(UserId userId, Sealed email, Sealed phoneNumber, Instant registeredAt) implements UserEvent {}
