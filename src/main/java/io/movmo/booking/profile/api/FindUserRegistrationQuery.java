package io.movmo.booking.profile.api;

import io.movmo.booking.shared.UserId;

/** Whether the profile read model knows the user yet; a subscription to it answers as soon as it does. */
public record FindUserRegistrationQuery(UserId userId) {}
