package io.movmo.booking.profile.api;

import io.movmo.booking.shared.UserId;
import io.movmo.booking.shared.pii.Sealed;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replaces the user's profile fields ({@link UserProfileFields} as sealed JSON). */
public record UpdateUserProfileCommand(@TargetAggregateIdentifier UserId userId, Sealed profile, Instant at) {}
