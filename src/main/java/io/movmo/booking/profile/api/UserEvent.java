package io.movmo.booking.profile.api;

import io.movmo.booking.shared.UserId;

/** Everything that happens to a user's profile. */
public sealed interface UserEvent permits UserRegisteredEvent, UserSignedInEvent, UserProfileUpdatedEvent,
        LocalePreferencesSetEvent, TravelPreferencesSetEvent, ContactChangedEvent {

    UserId userId();
}
