package io.movmo.booking.profile.api;

import io.movmo.booking.shared.UserId;

public record UserRegistrationStatus(UserId userId, boolean registered) {}
