package io.movmo.booking.passengers.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.movmo.booking.passengers.api.IdentityDocument;
import io.movmo.booking.passengers.api.IdentityDocumentDetails;
import io.movmo.booking.passengers.api.PassengerCommands.AddIdentityDocument;
import io.movmo.booking.passengers.api.PassengerCommands.RemoveIdentityDocument;
import io.movmo.booking.passengers.api.PassengerCommands.ReplaceIdentityDocument;
import io.movmo.booking.passengers.api.PassengerId;
import io.movmo.booking.shared.UserId;
import io.movmo.booking.shared.pii.PersonalDataShreddedException;
import io.movmo.booking.shared.pii.PersonalDataVault;
import io.movmo.booking.web.ApiException;
import io.movmo.booking.shared.pii.Sealed;
import io.r2dbc.spi.Row;
import jakarta.validation.Valid;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

/**
 * The seed's identity documents under a saved passenger. The document number and details are sealed under the
 * passenger's data key before the command is sent (KMS envelope encryption in production), so the number is never in
 * clear in events, projections or logs; only the owner reads it back. Duplicates (type, number, issuing country) are
 * 409; at most one document per type is primary, and the primary KTN is the passenger's {@code known_traveler_number}.
 */
@RestController
class IdentityDocumentController {

    private static final String DOCUMENTS = "/v1/users/{userid}/passengers/{passengerid}/identity-documents";

    private final PassengerReadModel readModel;
    private final PersonalDataVault vault;
    private final JsonMapper json;

    IdentityDocumentController(PassengerReadModel readModel, PersonalDataVault vault, JsonMapper json) {
        this.readModel = readModel;
        this.vault = vault;
        this.json = json;
    }

    /** The seed's {@code IdentityDocument} as read. */
    record DocumentView(String id, @JsonProperty("user_passenger_id") String passengerId,
            @JsonProperty("document_type") String documentType, @JsonProperty("document_number") String documentNumber,
            @JsonProperty("issuing_country_code") String issuingCountryCode,
            @JsonProperty("issuing_authority") String issuingAuthority,
            @JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("issued_date") LocalDate issuedDate,
            @JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("expires_on") LocalDate expiresOn,
            @JsonProperty("nationality_on_document") String nationalityOnDocument,
            @JsonProperty("birth_country") String birthCountry, @JsonProperty("is_primary") boolean isPrimary,
            @JsonProperty("created_at") Instant createdAt, @JsonProperty("updated_at") Instant updatedAt) {}

    private record Stored(String id, String passengerId, String type, String country, String number, String details,
            boolean primary, Instant createdAt, Instant updatedAt) {

        static Stored of(Row row) {
            return new Stored(row.get("document_id", UUID.class).toString(),
                    row.get("passenger_id", UUID.class).toString(), row.get("document_type", String.class),
                    row.get("issuing_country_code", String.class), row.get("number_sealed", String.class),
                    row.get("details_sealed", String.class), Boolean.TRUE.equals(row.get("is_primary", Boolean.class)),
                    PassengerReadModel.instant(row, "created_at"), PassengerReadModel.instant(row, "updated_at"));
        }
    }

    @GetMapping(path = DOCUMENTS, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<List<DocumentView>> list(@PathVariable("userid") String userId, @PathVariable("passengerid") String passengerId) {
        return readModel.documents(PassengerReadModel.user(userId), PassengerReadModel.passenger(passengerId), Stored::of)
                .publishOn(Schedulers.boundedElastic())
                .map(this::view)
                .collectList()
                .onErrorMap(PersonalDataShreddedException.class, e -> ApiException.notFound("passenger not found"));
    }

    @PostMapping(path = DOCUMENTS, consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    Mono<PassengerController.CreatedId> create(@PathVariable("userid") String userId,
            @PathVariable("passengerid") String passengerId, @Valid @RequestBody IdentityDocumentRequest body) {
        UserId user = PassengerReadModel.user(userId);
        PassengerId passenger = PassengerReadModel.passenger(passengerId);
        String documentId = UUID.randomUUID().toString();
        Instant at = PassengerController.now();
        return readModel.passenger(user, passenger, row -> true)
                .then(seal(passenger, body))
                .flatMap(document -> readModel.change(passenger,
                        new AddIdentityDocument(passenger, user, documentId, document, body.is_primary(), at)))
                .thenReturn(new PassengerController.CreatedId(documentId));
    }

    @GetMapping(path = DOCUMENTS + "/{documentid}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<DocumentView> get(@PathVariable("userid") String userId, @PathVariable("passengerid") String passengerId,
            @PathVariable("documentid") String documentId) {
        return readModel.document(PassengerReadModel.user(userId), PassengerReadModel.passenger(passengerId),
                        PassengerReadModel.document(documentId), Stored::of)
                .publishOn(Schedulers.boundedElastic())
                .map(this::view)
                .onErrorMap(PersonalDataShreddedException.class, e -> ApiException.notFound("passenger not found"));
    }

    @PutMapping(path = DOCUMENTS + "/{documentid}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> replace(@PathVariable("userid") String userId, @PathVariable("passengerid") String passengerId,
            @PathVariable("documentid") String documentId, @Valid @RequestBody IdentityDocumentRequest body) {
        UserId user = PassengerReadModel.user(userId);
        PassengerId passenger = PassengerReadModel.passenger(passengerId);
        UUID document = PassengerReadModel.document(documentId);
        Instant at = PassengerController.now();
        return readModel.document(user, passenger, document, row -> true)
                .then(seal(passenger, body))
                .flatMap(sealed -> readModel.change(passenger, new ReplaceIdentityDocument(passenger, user,
                        document.toString(), sealed, body.is_primary(), at)));
    }

    @DeleteMapping(DOCUMENTS + "/{documentid}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete(@PathVariable("userid") String userId, @PathVariable("passengerid") String passengerId,
            @PathVariable("documentid") String documentId) {
        UserId user = PassengerReadModel.user(userId);
        PassengerId passenger = PassengerReadModel.passenger(passengerId);
        UUID document = PassengerReadModel.document(documentId);
        return readModel.change(passenger,
                new RemoveIdentityDocument(passenger, user, document.toString(), PassengerController.now()));
    }

    private Mono<IdentityDocument> seal(PassengerId passenger, IdentityDocumentRequest body) {
        String subject = passenger.personalDataSubject();
        return Mono.fromCallable(() -> new IdentityDocument(body.type(), vault.seal(subject, body.document_number()),
                        body.issuing_country_code(), vault.seal(subject, json.writeValueAsString(body.details()))))
                .subscribeOn(Schedulers.boundedElastic())
                .onErrorMap(PassengerReadModel::rejection); // an erased passenger is gone: 404
    }

    private DocumentView view(Stored stored) {
        String subject = new PassengerId(stored.passengerId()).personalDataSubject();
        IdentityDocumentDetails d = json.readValue(vault.open(new Sealed(subject, stored.details())),
                IdentityDocumentDetails.class);
        return new DocumentView(stored.id(), stored.passengerId(), stored.type(),
                vault.open(new Sealed(subject, stored.number())), stored.country(), d.issuingAuthority(), d.issuedDate(),
                d.expiresOn(), d.nationalityOnDocument(), d.birthCountry(), stored.primary(), stored.createdAt(),
                stored.updatedAt());
    }
}
