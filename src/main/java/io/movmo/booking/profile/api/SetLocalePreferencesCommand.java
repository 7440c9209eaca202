package io.movmo.booking.profile.api;

import io.movmo.booking.shared.UserId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record SetLocalePreferencesCommand(@TargetAggregateIdentifier UserId userId, LocalePreferences preferences, Instant at) {}
