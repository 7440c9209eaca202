package io.movmo.booking.profile.api;

import io.movmo.booking.shared.UserId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

@Revision("1")
public record LocalePreferencesSetEvent(UserId userId, LocalePreferences preferences, Instant setAt) implements UserEvent {}
