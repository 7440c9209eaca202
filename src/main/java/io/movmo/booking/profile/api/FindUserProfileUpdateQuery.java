package io.movmo.booking.profile.api;

import io.movmo.booking.shared.UserId;
import java.time.Instant;

/** Whether the profile read model shows an update made at {@code updatedAt} or later (read-your-writes after PUT). */
public record FindUserProfileUpdateQuery(UserId userId, Instant updatedAt) {}
