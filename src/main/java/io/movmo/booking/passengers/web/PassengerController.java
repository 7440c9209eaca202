package io.movmo.booking.passengers.web;

import io.movmo.booking.passengers.api.PassengerCommands.CreatePassenger;
import io.movmo.booking.passengers.api.PassengerCommands.DeletePassenger;
import io.movmo.booking.passengers.api.PassengerCommands.UpdatePassenger;
import io.movmo.booking.passengers.api.PassengerDetails;
import io.movmo.booking.passengers.api.PassengerId;
import io.movmo.booking.shared.UserId;
import io.movmo.booking.shared.pii.PersonalDataShreddedException;
import io.movmo.booking.shared.pii.PersonalDataVault;
import io.movmo.booking.web.ApiException;
import io.movmo.booking.shared.pii.Sealed;
import io.movmo.booking.web.ValidationErrorResponse;
import io.movmo.booking.web.ValidationErrorResponse.FieldError;
import jakarta.validation.Valid;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

/**
 * The seed's saved passengers: create (201 {@code {id}}), list, get, full replace (204), soft delete (204). Only the
 * owner reaches them (RouteAuthorization); a passenger of another user, a deleted one, or an unknown id is 404.
 * Details are sealed before they leave this controller and unsealed off the event loop when read.
 */
@RestController
class PassengerController {

    private final PassengerReadModel readModel;
    private final SavedPassengers saved;
    private final PersonalDataVault vault;
    private final JsonMapper json;

    PassengerController(PassengerReadModel readModel, SavedPassengers saved, PersonalDataVault vault, JsonMapper json) {
        this.readModel = readModel;
        this.saved = saved;
        this.vault = vault;
        this.json = json;
    }

    record CreatedId(String id) {}

    @GetMapping(path = "/v1/users/{userid}/passengers", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<?>> list(@PathVariable("userid") String userId,
            @RequestParam(name = "departure_date", required = false) String departureDate) {
        UserId user = PassengerReadModel.user(userId);
        LocalDate on;
        try {
            on = departureDate == null ? LocalDate.now() : LocalDate.parse(departureDate);
        } catch (DateTimeParseException e) {
            return Mono.just(ResponseEntity.badRequest().body(new ValidationErrorResponse(ValidationErrorResponse.MESSAGE,
                    Map.of("departure_date", new FieldError("departure_date",
                            "'departure_date' must be a date (YYYY-MM-DD)")))));
        }
        Flux<PassengerView> passengers = readModel.passengers(user, SavedPassengers.Stored::of)
                .publishOn(Schedulers.boundedElastic())
                .handle((stored, sink) -> {
                    try {
                        sink.next(saved.view(stored, on));
                    } catch (PersonalDataShreddedException e) {
                        // an erased passenger is listed no more
                    }
                });
        return readModel.requireKnown(user).then(passengers.collectList()).map(ResponseEntity::ok);
    }

    @PostMapping(path = "/v1/users/{userid}/passengers", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    Mono<CreatedId> create(@PathVariable("userid") String userId, @Valid @RequestBody PassengerRequest body) {
        UserId user = PassengerReadModel.user(userId);
        PassengerId passenger = PassengerId.random();
        Instant at = now();
        return readModel.requireKnown(user)
                .then(seal(passenger, body.details()))
                .flatMap(details -> readModel.change(passenger,
                        new CreatePassenger(passenger, user, details, body.makesDefault(), at)))
                .thenReturn(new CreatedId(passenger.value()));
    }

    @GetMapping(path = "/v1/users/{userid}/passengers/{passengerid}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<PassengerView> get(@PathVariable("userid") String userId, @PathVariable("passengerid") String passengerId) {
        UserId user = PassengerReadModel.user(userId);
        return readModel.passenger(user, PassengerReadModel.passenger(passengerId), SavedPassengers.Stored::of)
                .publishOn(Schedulers.boundedElastic())
                .map(stored -> saved.view(stored, LocalDate.now()))
                .onErrorMap(PersonalDataShreddedException.class, e -> ApiException.notFound("passenger not found"));
    }

    @PutMapping(path = "/v1/users/{userid}/passengers/{passengerid}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> replace(@PathVariable("userid") String userId, @PathVariable("passengerid") String passengerId,
            @Valid @RequestBody PassengerRequest body) {
        UserId user = PassengerReadModel.user(userId);
        PassengerId passenger = PassengerReadModel.passenger(passengerId);
        Instant at = now();
        // Known to be this user's and live before anything is sealed under its key.
        return readModel.passenger(user, passenger, row -> true)
                .then(seal(passenger, body.details()))
                .flatMap(details -> readModel.change(passenger,
                        new UpdatePassenger(passenger, user, details, body.makesDefault(), at)));
    }

    @DeleteMapping("/v1/users/{userid}/passengers/{passengerid}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete(@PathVariable("userid") String userId, @PathVariable("passengerid") String passengerId) {
        UserId user = PassengerReadModel.user(userId);
        PassengerId passenger = PassengerReadModel.passenger(passengerId);
        return readModel.change(passenger, new DeletePassenger(passenger, user, now()));
    }

    private Mono<Sealed> seal(PassengerId passenger, PassengerDetails details) {
        return Mono.fromCallable(() -> vault.seal(passenger.personalDataSubject(), json.writeValueAsString(details)))
                .subscribeOn(Schedulers.boundedElastic())
                .onErrorMap(PassengerReadModel::rejection); // an erased passenger is gone: 404
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
