package io.movmo.booking.passengers.web;

import io.movmo.booking.passengers.api.PassengerDetails;
import io.movmo.booking.passengers.api.PassengerId;
import io.movmo.booking.shared.UserId;
import io.movmo.booking.shared.pii.PersonalDataShreddedException;
import io.movmo.booking.shared.pii.PersonalDataVault;
import io.movmo.booking.shared.pii.Sealed;
import io.movmo.booking.web.FieldValidationException;
import io.r2dbc.spi.Row;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

/**
 * Renders saved passengers as the seed's {@code Passenger}: the passenger routes use it, and so do the booking routes
 * (a booking's passengers are the user's saved passengers plus ticketing). Details are unsealed off the event loop.
 */
@Component
public class SavedPassengers {

    private final PassengerReadModel readModel;
    private final PersonalDataVault vault;
    private final JsonMapper json;

    SavedPassengers(PassengerReadModel readModel, PersonalDataVault vault, JsonMapper json) {
        this.readModel = readModel;
        this.vault = vault;
        this.json = json;
    }

    /** A {@code passenger} row with its KTN, as read. */
    record Stored(String id, String userId, String details, boolean isDefault, String ktn, Instant createdAt,
            Instant updatedAt) {

        static Stored of(Row row) {
            return new Stored(row.get("passenger_id", UUID.class).toString(), row.get("user_id", UUID.class).toString(),
                    row.get("details_sealed", String.class), Boolean.TRUE.equals(row.get("is_default", Boolean.class)),
                    row.get("ktn_sealed", String.class), PassengerReadModel.instant(row, "created_at"),
                    PassengerReadModel.instant(row, "updated_at"));
        }
    }

    /**
     * The user's passengers among {@code ids}, deleted ones included (a booking keeps naming a passenger its user
     * deleted since), with {@code traveler_type} as of {@code travelerTypeOn}. An erased passenger is left out.
     */
    public Flux<PassengerView> of(UserId user, Collection<UUID> ids, LocalDate travelerTypeOn) {
        if (ids.isEmpty()) {
            return Flux.empty();
        }
        return readModel.passengersAmongIncludingDeleted(user, ids, Stored::of)
                .publishOn(Schedulers.boundedElastic())
                .handle((stored, sink) -> {
                    try {
                        sink.next(view(stored, travelerTypeOn));
                    } catch (PersonalDataShreddedException e) {
                        // an erased passenger is shown no more
                    }
                });
    }

    /**
     * Completes when every id in {@code ids} is a saved, not deleted passenger of {@code user}; otherwise fails with a
     * 400 naming {@code field} and the ids that are not.
     */
    public Mono<Void> requireOwned(UserId user, Collection<UUID> ids, String field) {
        if (ids.isEmpty()) {
            return Mono.empty();
        }
        return readModel.ownedAmong(user, ids)
                .collectList()
                .flatMap(found -> {
                    Set<UUID> missing = new HashSet<>(ids);
                    found.forEach(missing::remove);
                    return missing.isEmpty() ? Mono.<Void>empty() : Mono.error(new FieldValidationException(field,
                            "names no saved passenger of this user: " + missing));
                });
    }

    /** Unseals and renders one stored passenger (blocking: call off the event loop). */
    PassengerView view(Stored stored, LocalDate travelerTypeOn) {
        String subject = new PassengerId(stored.id()).personalDataSubject();
        PassengerDetails d = json.readValue(vault.open(new Sealed(subject, stored.details())), PassengerDetails.class);
        String ktn = stored.ktn() == null ? null : vault.open(new Sealed(subject, stored.ktn()));
        return new PassengerView(stored.id(), stored.userId(), d.firstName(), d.middleName(), d.lastName(), d.gender(),
                d.dateOfBirth(), d.email(), d.phoneNumber(), d.nationality(),
                TravelerTypes.at(d.dateOfBirth(), travelerTypeOn), stored.isDefault(), ktn, stored.createdAt(),
                stored.updatedAt());
    }
}
