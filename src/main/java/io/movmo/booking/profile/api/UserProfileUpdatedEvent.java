package io.movmo.booking.profile.api;

import io.movmo.booking.shared.UserId;
import io.movmo.booking.shared.pii.Sealed;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The user's profile fields were replaced; {@code profile} is {@link UserProfileFields} as sealed JSON. */
@Revision("1")
public record UserProfileUpdatedEvent(UserId userId, Sealed profile, Instant updatedAt) implements UserEvent {}
