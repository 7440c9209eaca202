package io.movmo.booking.passengers.api;

import io.movmo.booking.shared.UserId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** An identity document was attached to the passenger (its number and details sealed). */
@Revision("1")
public record IdentityDocumentAddedEvent(PassengerId passengerId, UserId userId, String documentId,
        IdentityDocument document, Instant addedAt) implements PassengerEvent {}
