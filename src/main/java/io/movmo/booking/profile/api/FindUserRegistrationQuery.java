package io.movmo.booking.profile.api;

import io.movmo.booking.shared.UserId;
import java.time.Instant;

/**
 * Whether the profile read model shows the user signed in at {@code signedInAt} or later (so registered, with that
 * sign-in as {@code last_login}); a subscription to it answers as soon as it does.
 */
public record FindUserRegistrationQuery(UserId userId, Instant signedInAt) {}
