package io.movmo.booking.profile.api;

import io.movmo.booking.shared.UserId;
import io.movmo.booking.shared.pii.Sealed;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replaces the travel preferences ({@link TravelPreferences} as sealed JSON). */
public record SetTravelPreferencesCommand(@TargetAggregateIdentifier UserId userId, Sealed preferences, Instant at) {}
