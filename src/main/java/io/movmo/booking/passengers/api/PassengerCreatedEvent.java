package io.movmo.booking.passengers.api;

import io.movmo.booking.shared.UserId;
import io.movmo.booking.shared.pii.Sealed;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A user saved a passenger; {@code details} is {@link PassengerDetails} as sealed JSON. */
@Revision("1")
public record PassengerCreatedEvent(PassengerId passengerId, UserId userId, Sealed details, boolean isDefault,
        Instant createdAt) implements PassengerEvent {}
