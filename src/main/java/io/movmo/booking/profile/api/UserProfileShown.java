package io.movmo.booking.profile.api;

import io.movmo.booking.shared.UserId;

/** Answer to the profile read model's read-your-writes queries: whether it shows what was asked for yet. */
public record UserProfileShown(UserId userId, boolean shown) {}
