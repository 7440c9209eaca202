package io.movmo.booking.profile.api;

import io.movmo.booking.shared.UserId;
import io.movmo.booking.shared.pii.Sealed;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The travel preferences were replaced; {@code preferences} is {@link TravelPreferences} as sealed JSON. */
@Revision("1")
public record TravelPreferencesSetEvent(UserId userId, Sealed preferences, Instant setAt) implements UserEvent {}
