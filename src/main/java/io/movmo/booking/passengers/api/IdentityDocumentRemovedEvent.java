package io.movmo.booking.passengers.api;

import io.movmo.booking.shared.UserId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** An identity document was deleted from the passenger. */
@Revision("1")
public record IdentityDocumentRemovedEvent(PassengerId passengerId, UserId userId, String documentId,
        Instant removedAt) implements PassengerEvent {}
