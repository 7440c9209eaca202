package io.movmo.booking.passengers.command;

import io.movmo.booking.passengers.api.DocumentType;
import io.movmo.booking.passengers.api.IdentityDocument;
import io.movmo.booking.passengers.api.IdentityDocumentAddedEvent;
import io.movmo.booking.passengers.api.IdentityDocumentRemovedEvent;
import io.movmo.booking.passengers.api.IdentityDocumentReplacedEvent;
import io.movmo.booking.passengers.api.PassengerCommands.AddIdentityDocument;
import io.movmo.booking.passengers.api.PassengerCommands.DeletePassenger;
import io.movmo.booking.passengers.api.PassengerCommands.RemoveIdentityDocument;
import io.movmo.booking.passengers.api.PassengerCommands.ReplaceIdentityDocument;
import io.movmo.booking.passengers.api.PassengerCommands.UpdatePassenger;
import io.movmo.booking.passengers.api.PassengerCreatedEvent;
import io.movmo.booking.passengers.api.PassengerDeletedEvent;
import io.movmo.booking.passengers.api.PassengerId;
import io.movmo.booking.passengers.api.PassengerRejections.DuplicateDocument;
import io.movmo.booking.passengers.api.PassengerRejections.PassengerNotFound;
import io.movmo.booking.passengers.api.PassengerRejections.TooManyDocuments;
import io.movmo.booking.passengers.api.PrimaryIdentityDocumentSetEvent;
import io.movmo.booking.shared.UserId;
import io.movmo.booking.shared.pii.PersonalDataVault;
import io.movmo.booking.shared.pii.Sealed;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Passenger aggregate's decisions: ownership, deletion, duplicates, the document limit and primaries. */
class PassengerTest {

    /** Stands in for the vault: "sealing" marks the text so the aggregate's comparisons run on opened values. */
    static final class MarkingVault implements PersonalDataVault {
        @Override
        public Sealed seal(String subject, String plaintext) {
            return new Sealed(subject, "sealed:" + plaintext);
        }

        @Override
        public String open(Sealed sealed) {
            return sealed.ciphertext().substring("sealed:".length());
        }

        @Override
        public String fingerprint(String subject, String value) {
            return "fp:" + value;
        }

        @Override
        public void shred(String subject) {}
    }

    private static final Instant AT = Instant.parse("2026-11-21T10:00:00Z");
    private final PassengerId passenger = PassengerId.random();
    private final UserId owner = new UserId(UUID.randomUUID().toString());
    private final MarkingVault vault = new MarkingVault();
    private AggregateTestFixture<Passenger> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(Passenger.class);
        fixture.registerInjectableResource(vault);
    }

    private PassengerCreatedEvent created() {
        return new PassengerCreatedEvent(passenger, owner, vault.seal("p", "{}"), false, AT);
    }

    private IdentityDocument document(DocumentType type, String number, String country) {
        return new IdentityDocument(type, vault.seal("p", number), country, vault.seal("p", "{}"));
    }

    private IdentityDocumentAddedEvent added(String id, DocumentType type, String number) {
        return new IdentityDocumentAddedEvent(passenger, owner, id, document(type, number, "US"), AT);
    }

    @Test
    void answersOnlyItsOwnerAndNothingOnceDeleted() {
        UserId stranger = new UserId(UUID.randomUUID().toString());
        fixture.given(created())
                .when(new UpdatePassenger(passenger, stranger, vault.seal("p", "{}"), true, AT))
                .expectException(PassengerNotFound.class).expectNoEvents();
        fixture.given(created(), new PassengerDeletedEvent(passenger, owner, AT))
                .when(new AddIdentityDocument(passenger, owner, "d1", document(DocumentType.PASSPORT, "A1234", "US"), null, AT))
                .expectException(PassengerNotFound.class).expectNoEvents();
        fixture.given(created(), new PassengerDeletedEvent(passenger, owner, AT))
                .when(new DeletePassenger(passenger, owner, AT))
                .expectException(PassengerNotFound.class);
    }

    @Test
    void refusesADuplicateIgnoringCaseSpacesAndHyphens() {
        fixture.given(created(), added("d1", DocumentType.PASSPORT, "AB-123 456"))
                .when(new AddIdentityDocument(passenger, owner, "d2", document(DocumentType.PASSPORT, "ab123456", "US"), null, AT))
                .expectException(DuplicateDocument.class).expectNoEvents();
        fixture.given(created(), added("d1", DocumentType.PASSPORT, "AB123456"))
                .when(new AddIdentityDocument(passenger, owner, "d2", document(DocumentType.PASSPORT, "AB123456", "GB"), null, AT))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void holdsAtMostTwentyDocuments() {
        List<Object> history = new ArrayList<>(List.of(created()));
        for (int i = 0; i < Passenger.MAX_DOCUMENTS; i++) {
            history.add(added("d" + i, DocumentType.TAX_ID, "TAX" + i));
        }
        fixture.given(history)
                .when(new AddIdentityDocument(passenger, owner, "dx", document(DocumentType.TAX_ID, "TAXX", "US"), null, AT))
                .expectException(TooManyDocuments.class).expectNoEvents();
    }

    @Test
    void makesTheFirstOfATypePrimaryUnlessToldOtherwise() {
        fixture.given(created())
                .when(new AddIdentityDocument(passenger, owner, "d1", document(DocumentType.VISA, "V123", "US"), null, AT))
                .expectEvents(added("d1", DocumentType.VISA, "V123"),
                        new PrimaryIdentityDocumentSetEvent(passenger, owner, DocumentType.VISA, "d1", AT));
        fixture.given(created())
                .when(new AddIdentityDocument(passenger, owner, "d1", document(DocumentType.VISA, "V123", "US"), false, AT))
                .expectEvents(added("d1", DocumentType.VISA, "V123"));
        fixture.given(created(), added("d1", DocumentType.VISA, "V123"),
                        new PrimaryIdentityDocumentSetEvent(passenger, owner, DocumentType.VISA, "d1", AT))
                .when(new AddIdentityDocument(passenger, owner, "d2", document(DocumentType.VISA, "V456", "US"), null, AT))
                .expectEvents(added("d2", DocumentType.VISA, "V456"));
    }

    @Test
    void clearsThePrimaryOfATypeWhenItsDocumentLeavesIt() {
        PrimaryIdentityDocumentSetEvent ktnPrimary =
                new PrimaryIdentityDocumentSetEvent(passenger, owner, DocumentType.KNOWN_TRAVELER_NUMBER, "d1", AT);
        // Changing its type: the old type loses its primary, the new type (which had none) gains it.
        fixture.given(created(), added("d1", DocumentType.KNOWN_TRAVELER_NUMBER, "K123"), ktnPrimary)
                .when(new ReplaceIdentityDocument(passenger, owner, "d1", document(DocumentType.REDRESS_NUMBER, "K123", "US"), null, AT))
                .expectEvents(new PrimaryIdentityDocumentSetEvent(passenger, owner, DocumentType.KNOWN_TRAVELER_NUMBER, null, AT),
                        new IdentityDocumentReplacedEvent(passenger, owner, "d1", document(DocumentType.REDRESS_NUMBER, "K123", "US"), AT),
                        new PrimaryIdentityDocumentSetEvent(passenger, owner, DocumentType.REDRESS_NUMBER, "d1", AT));
        // Told it is not primary any more.
        fixture.given(created(), added("d1", DocumentType.KNOWN_TRAVELER_NUMBER, "K123"), ktnPrimary)
                .when(new ReplaceIdentityDocument(passenger, owner, "d1", document(DocumentType.KNOWN_TRAVELER_NUMBER, "K123", "US"), false, AT))
                .expectEvents(new PrimaryIdentityDocumentSetEvent(passenger, owner, DocumentType.KNOWN_TRAVELER_NUMBER, null, AT),
                        new IdentityDocumentReplacedEvent(passenger, owner, "d1", document(DocumentType.KNOWN_TRAVELER_NUMBER, "K123", "US"), AT));
        // Removed.
        fixture.given(created(), added("d1", DocumentType.KNOWN_TRAVELER_NUMBER, "K123"), ktnPrimary)
                .when(new RemoveIdentityDocument(passenger, owner, "d1", AT))
                .expectEvents(new PrimaryIdentityDocumentSetEvent(passenger, owner, DocumentType.KNOWN_TRAVELER_NUMBER, null, AT),
                        new IdentityDocumentRemovedEvent(passenger, owner, "d1", AT));
    }
}
