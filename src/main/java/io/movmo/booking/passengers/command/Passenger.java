package io.movmo.booking.passengers.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.movmo.booking.passengers.api.DocumentType;
import io.movmo.booking.passengers.api.IdentityDocument;
import io.movmo.booking.passengers.api.IdentityDocumentAddedEvent;
import io.movmo.booking.passengers.api.IdentityDocumentRemovedEvent;
import io.movmo.booking.passengers.api.IdentityDocumentReplacedEvent;
import io.movmo.booking.passengers.api.PassengerCommands.AddIdentityDocument;
import io.movmo.booking.passengers.api.PassengerCommands.CreatePassenger;
import io.movmo.booking.passengers.api.PassengerCommands.DeletePassenger;
import io.movmo.booking.passengers.api.PassengerCommands.RemoveIdentityDocument;
import io.movmo.booking.passengers.api.PassengerCommands.ReplaceIdentityDocument;
import io.movmo.booking.passengers.api.PassengerCommands.UpdatePassenger;
import io.movmo.booking.passengers.api.PassengerCreatedEvent;
import io.movmo.booking.passengers.api.PassengerDeletedEvent;
import io.movmo.booking.passengers.api.PassengerId;
import io.movmo.booking.passengers.api.PassengerRejections.DocumentNotFound;
import io.movmo.booking.passengers.api.PassengerRejections.DuplicateDocument;
import io.movmo.booking.passengers.api.PassengerRejections.PassengerNotFound;
import io.movmo.booking.passengers.api.PassengerRejections.TooManyDocuments;
import io.movmo.booking.passengers.api.PassengerUpdatedEvent;
import io.movmo.booking.passengers.api.PrimaryIdentityDocumentSetEvent;
import io.movmo.booking.shared.UserId;
import io.movmo.booking.shared.pii.PersonalDataVault;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A passenger a user saved, with its identity documents. Only its owner reaches it: a command naming another user
 * is refused as "not found", as is any command after the passenger is deleted. Documents keep two rules: no two with
 * the same type, number and issuing country, and at most one primary per type (the first of a type becomes primary
 * unless the request says {@code is_primary: false}).
 */
@Aggregate
class Passenger {

    static final int MAX_DOCUMENTS = 20;

    @AggregateIdentifier
    private PassengerId passengerId;
    private UserId owner;
    private boolean deleted;
    private final Map<String, IdentityDocument> documents = new LinkedHashMap<>();
    private final Map<DocumentType, String> primaries = new EnumMap<>(DocumentType.class);

    Passenger() {}

    @CommandHandler
    Passenger(CreatePassenger command) {
        apply(new PassengerCreatedEvent(command.passengerId(), command.userId(), command.details(), command.isDefault(),
                command.at()));
    }

    @CommandHandler
    long handle(UpdatePassenger command) {
        requireOwnedBy(command.userId());
        apply(new PassengerUpdatedEvent(passengerId, owner, command.details(), command.isDefault(), command.at()));
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    long handle(DeletePassenger command) {
        requireOwnedBy(command.userId());
        apply(new PassengerDeletedEvent(passengerId, owner, command.at()));
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    long handle(AddIdentityDocument command, PersonalDataVault vault) {
        requireOwnedBy(command.userId());
        if (documents.containsKey(command.documentId())) {
            throw new IllegalStateException("document id reused"); // ids are minted by the engine, never by callers
        }
        if (documents.size() >= MAX_DOCUMENTS) {
            throw new TooManyDocuments(MAX_DOCUMENTS);
        }
        requireNoDuplicate(command.documentId(), command.document(), vault);
        apply(new IdentityDocumentAddedEvent(passengerId, owner, command.documentId(), command.document(), command.at()));
        DocumentType type = command.document().type();
        boolean primary = command.isPrimary() == null ? !primaries.containsKey(type) : command.isPrimary();
        if (primary) {
            apply(new PrimaryIdentityDocumentSetEvent(passengerId, owner, type, command.documentId(), command.at()));
        }
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    long handle(ReplaceIdentityDocument command, PersonalDataVault vault) {
        requireOwnedBy(command.userId());
        IdentityDocument before = documents.get(command.documentId());
        if (before == null) {
            throw new DocumentNotFound();
        }
        requireNoDuplicate(command.documentId(), command.document(), vault);
        DocumentType type = command.document().type();
        boolean wasPrimary = command.documentId().equals(primaries.get(before.type()));
        if (wasPrimary && (before.type() != type || Boolean.FALSE.equals(command.isPrimary()))) {
            // It stops being the primary of its old type first (that type has none until the user picks one), so no
            // moment ever has two primaries of one type.
            apply(new PrimaryIdentityDocumentSetEvent(passengerId, owner, before.type(), null, command.at()));
        }
        apply(new IdentityDocumentReplacedEvent(passengerId, owner, command.documentId(), command.document(),
                command.at()));
        boolean primaryNow = command.documentId().equals(primaries.get(type));
        boolean wantsPrimary = command.isPrimary() == null
                ? (wasPrimary && before.type() == type) || !primaries.containsKey(type)
                : command.isPrimary();
        if (wantsPrimary && !primaryNow) {
            apply(new PrimaryIdentityDocumentSetEvent(passengerId, owner, type, command.documentId(), command.at()));
        }
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    long handle(RemoveIdentityDocument command) {
        requireOwnedBy(command.userId());
        IdentityDocument document = documents.get(command.documentId());
        if (document == null) {
            throw new DocumentNotFound();
        }
        if (command.documentId().equals(primaries.get(document.type()))) {
            apply(new PrimaryIdentityDocumentSetEvent(passengerId, owner, document.type(), null, command.at()));
        }
        apply(new IdentityDocumentRemovedEvent(passengerId, owner, command.documentId(), command.at()));
        return AggregateLifecycle.getVersion();
    }

    private void requireOwnedBy(UserId user) {
        if (deleted || !owner.equals(user)) {
            throw new PassengerNotFound();
        }
    }

    /** Same type, same issuing country and the same number (ignoring case, spaces and hyphens) as another document. */
    private void requireNoDuplicate(String documentId, IdentityDocument candidate, PersonalDataVault vault) {
        String number = null;
        for (var entry : documents.entrySet()) {
            IdentityDocument other = entry.getValue();
            if (entry.getKey().equals(documentId) || other.type() != candidate.type()
                    || !other.issuingCountryCode().equals(candidate.issuingCountryCode())) {
                continue;
            }
            if (number == null) {
                number = normalized(vault.open(candidate.number()));
            }
            if (number.equals(normalized(vault.open(other.number())))) {
                throw new DuplicateDocument();
            }
        }
    }

    private static String normalized(String number) {
        return number.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    }

    @EventSourcingHandler
    void on(PassengerCreatedEvent event) {
        passengerId = event.passengerId();
        owner = event.userId();
    }

    @EventSourcingHandler
    void on(PassengerDeletedEvent event) {
        deleted = true;
    }

    @EventSourcingHandler
    void on(IdentityDocumentAddedEvent event) {
        documents.put(event.documentId(), event.document());
    }

    @EventSourcingHandler
    void on(IdentityDocumentReplacedEvent event) {
        documents.put(event.documentId(), event.document());
    }

    @EventSourcingHandler
    void on(IdentityDocumentRemovedEvent event) {
        documents.remove(event.documentId());
    }

    @EventSourcingHandler
    void on(PrimaryIdentityDocumentSetEvent event) {
        if (event.documentId() == null) {
            primaries.remove(event.type());
        } else {
            primaries.put(event.type(), event.documentId());
        }
    }
}
