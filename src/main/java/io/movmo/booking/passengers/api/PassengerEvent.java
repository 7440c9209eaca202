package io.movmo.booking.passengers.api;

import io.movmo.booking.shared.UserId;
import io.movmo.booking.shared.UserOwned;

/** Everything that happens to a saved passenger and its identity documents; each names the owning user. */
public sealed interface PassengerEvent extends UserOwned permits PassengerCreatedEvent, PassengerUpdatedEvent, PassengerDeletedEvent,
        IdentityDocumentAddedEvent, IdentityDocumentReplacedEvent, IdentityDocumentRemovedEvent,
        PrimaryIdentityDocumentSetEvent {

    PassengerId passengerId();

    @Override
    UserId userId();
}
