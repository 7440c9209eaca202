package io.movmo.booking.passengers.api;

import io.movmo.booking.shared.UserId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The passenger's primary document of {@code type} is now {@code documentId}, or none when it is null. Every other
 * document of the type is not primary. The primary {@code known_traveler_number} is the passenger's KTN.
 */
@Revision("1")
public record PrimaryIdentityDocumentSetEvent(PassengerId passengerId, UserId userId, DocumentType type,
        String documentId, Instant setAt) implements PassengerEvent {}
