package io.movmo.booking.passengers.api;

import io.movmo.booking.shared.UserId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** An identity document was replaced as a whole (its number and details sealed). */
@Revision("1")
public record IdentityDocumentReplacedEvent(PassengerId passengerId, UserId userId, String documentId,
        IdentityDocument document, Instant replacedAt) implements PassengerEvent {}
