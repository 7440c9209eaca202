package io.movmo.booking.passengers.api;

import io.movmo.booking.shared.UserId;
import io.movmo.booking.shared.pii.Sealed;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Commands to a saved passenger. Each names the user from the request path: a passenger answers only its owner (any
 * other user gets "not found"). Handlers answer the passenger's version after the change, which callers wait for in
 * the read model. {@code isPrimary} of a document is {@code null} when the request did not say.
 */
public final class PassengerCommands {

    private PassengerCommands() {}

    public record CreatePassenger(@TargetAggregateIdentifier PassengerId passengerId, UserId userId, Sealed details,
            boolean isDefault, Instant at) {}

    public record UpdatePassenger(@TargetAggregateIdentifier PassengerId passengerId, UserId userId, Sealed details,
            boolean isDefault, Instant at) {}

    public record DeletePassenger(@TargetAggregateIdentifier PassengerId passengerId, UserId userId, Instant at) {}

    public record AddIdentityDocument(@TargetAggregateIdentifier PassengerId passengerId, UserId userId,
            String documentId, IdentityDocument document, Boolean isPrimary, Instant at) {}

    public record ReplaceIdentityDocument(@TargetAggregateIdentifier PassengerId passengerId, UserId userId,
            String documentId, IdentityDocument document, Boolean isPrimary, Instant at) {}

    public record RemoveIdentityDocument(@TargetAggregateIdentifier PassengerId passengerId, UserId userId,
            String documentId, Instant at) {}
}
