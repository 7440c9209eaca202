package io.movmo.booking.profile.api;

import io.movmo.booking.shared.UserId;

/** Whether the user is registered (has signed in at least once); answered with a {@code Boolean}. */
public record KnownUserQuery(UserId userId) {}
