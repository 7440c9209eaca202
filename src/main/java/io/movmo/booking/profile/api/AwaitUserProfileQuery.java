package io.movmo.booking.profile.api;

import io.movmo.booking.shared.UserId;

/**
 * Whether the profile read model has applied the user's events up to sequence number {@code version} (the value a
 * user command answers); a subscription to it answers as soon as it has. This is how a write is followed by reads
 * that see it.
 */
public record AwaitUserProfileQuery(UserId userId, long version) {}
