package io.movmo.booking.profile.api;

import io.movmo.booking.shared.UserId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A user obtained tokens through the token endpoint (their {@code last_login}). */
@Revision("1")
public record UserSignedInEvent(UserId userId, Instant signedInAt) implements UserEvent {}
