package io.movmo.booking.passengers.api;

import io.movmo.booking.shared.UserId;
import io.movmo.booking.shared.pii.Sealed;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The passenger's details were replaced as a whole; {@code details} is {@link PassengerDetails} as sealed JSON. */
@Revision("1")
public record PassengerUpdatedEvent(PassengerId passengerId, UserId userId, Sealed details, boolean isDefault,
        Instant updatedAt) implements PassengerEvent {}
