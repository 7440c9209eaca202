package io.movmo.booking.profile.api;

import io.movmo.booking.shared.UserId;
import java.time.Instant;

/**
 * Whether the profile read model shows the user's changes up to {@code changedAt} (a sign-in, an edit, preferences);
 * a subscription to it answers as soon as it does, which is how writes are followed by reads that see them.
 */
public record AwaitUserProfileQuery(UserId userId, Instant changedAt) {}
