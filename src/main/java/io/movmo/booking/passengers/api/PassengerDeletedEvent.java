package io.movmo.booking.passengers.api;

import io.movmo.booking.shared.UserId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The passenger was soft-deleted: hidden from the user, kept for the bookings that name it. */
@Revision("1")
public record PassengerDeletedEvent(PassengerId passengerId, UserId userId, Instant deletedAt) implements PassengerEvent {}
