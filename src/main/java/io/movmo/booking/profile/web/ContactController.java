package io.movmo.booking.profile.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.movmo.booking.profile.api.ChangeContactCommand;
import io.movmo.booking.profile.contact.ContactAlreadyInUseException;
import io.movmo.booking.profile.contact.ContactChangeFlow;
import io.movmo.booking.profile.contact.ContactDeliveryException;
import io.movmo.booking.profile.contact.ContactType;
import io.movmo.booking.shared.UserId;
import io.movmo.booking.shared.pii.PersonalDataShreddedException;
import io.movmo.booking.shared.pii.PersonalDataVault;
import io.movmo.booking.shared.pii.Sealed;
import io.movmo.booking.web.ApiException;
import io.movmo.booking.web.security.CurrentUser;
import jakarta.validation.Valid;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The seed's three-step contact change for the signed-in user: initiate (identity code to the current email),
 * verify-identity (then a code to the new email or phone), confirm (the change recorded as {@code ContactChangedEvent}
 * and the updated user returned). The steps' rules live in {@link ContactChangeFlow}; providers' failures are 502.
 */
@RestController
class ContactController {

    private static final Logger log = LoggerFactory.getLogger(ContactController.class);

    private final ProfileReadModel readModel;
    private final UserController users;
    private final ContactChangeFlow flow;
    private final PersonalDataVault vault;

    ContactController(ProfileReadModel readModel, UserController users, ContactChangeFlow flow, PersonalDataVault vault) {
        this.readModel = readModel;
        this.users = users;
        this.flow = flow;
        this.vault = vault;
    }

    record Challenge(String session, @JsonProperty("challenge_name") String challengeName) {}

    record AccessToken(@JsonProperty("access_token") String accessToken) {}

    record Changed(UserView user) {}

    @PostMapping(path = "/v1/users/me/contact/initiate", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Challenge> initiate(@Valid @RequestBody ContactRequests.Initiate body) {
        ContactType type = ContactRequests.type(body.contact_type());
        return withCurrentEmail((user, email) -> {
            var challenge = flow.initiate(user, email, type, body.new_value());
            return new Challenge(challenge.session(), challenge.challengeName());
        });
    }

    @PostMapping(path = "/v1/users/me/contact/verify-identity", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<AccessToken> verifyIdentity(@Valid @RequestBody ContactRequests.VerifyIdentity body) {
        ContactType type = ContactRequests.type(body.contact_type());
        return withCurrentEmail((user, email) -> new AccessToken(
                flow.verifyIdentity(user, email, body.session(), body.code(), type, body.new_value())));
    }

    @PostMapping(path = "/v1/users/me/contact/confirm", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Changed> confirm(@Valid @RequestBody ContactRequests.Confirm body) {
        ContactType type = ContactRequests.type(body.contact_type());
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return withCurrentEmail((user, email) -> new Confirmed(user,
                        flow.confirm(user, email, body.access_token(), body.code(), type, body.new_value())))
                .flatMap(confirmed -> readModel.change(confirmed.user(),
                                new ChangeContactCommand(confirmed.user(), type, confirmed.value(), at))
                        .then(Mono.fromRunnable(() -> flow.finish(confirmed.user())).subscribeOn(Schedulers.boundedElastic()))
                        .then(users.load(confirmed.user().value())))
                .map(Changed::new);
    }

    private record Confirmed(UserId user, Sealed value) {}

    private interface Step<T> {
        T run(UserId user, String currentEmail);
    }

    /** Runs a (blocking) step for the signed-in user with their current email, off the event loop. */
    private <T> Mono<T> withCurrentEmail(Step<T> step) {
        return CurrentUser.get()
                .map(current -> ProfileReadModel.user(current.userId()))
                .flatMap(user -> readModel.row(user, row -> row.get("email_sealed", String.class))
                        .publishOn(Schedulers.boundedElastic())
                        .map(sealed -> step.run(user, vault.open(new Sealed(user.personalDataSubject(), sealed)))))
                .onErrorMap(PersonalDataShreddedException.class, e -> ApiException.notFound("user not found"))
                .onErrorMap(ContactAlreadyInUseException.class, e -> new ApiException(HttpStatus.CONFLICT, e.getMessage()))
                .onErrorMap(ContactDeliveryException.class, e -> {
                    // The adapters' messages carry the provider's error code and request id, never personal data.
                    log.warn("Contact change step failed upstream: {}", e.getMessage());
                    return new ApiException(HttpStatus.BAD_GATEWAY, "the verification service is unavailable; try again shortly");
                });
    }
}
