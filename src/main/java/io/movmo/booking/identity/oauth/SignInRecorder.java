package io.movmo.booking.identity.oauth;

import io.movmo.booking.profile.api.FindUserRegistrationQuery;
import io.movmo.booking.profile.api.SignInUserCommand;
import io.movmo.booking.profile.api.UserRegistrationStatus;
import io.movmo.booking.shared.UserId;
import io.movmo.booking.shared.pii.PersonalDataVault;
import io.movmo.booking.shared.pii.Sealed;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.axonframework.extensions.reactor.commandhandling.gateway.ReactorCommandGateway;
import org.axonframework.extensions.reactor.queryhandling.gateway.ReactorQueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Records a sign-in after the token endpoint issued an ID token: the first one registers the user through the
 * {@code User} aggregate, with email and phone sealed under the user's data key. The answer waits (bounded) until
 * the profile read model knows the user, so {@code GET /v1/users/me} works with the very token just issued.
 */
@Component
class SignInRecorder {

    private static final Logger log = LoggerFactory.getLogger(SignInRecorder.class);

    private final ReactiveJwtDecoder tokens;
    private final PersonalDataVault vault;
    private final ReactorCommandGateway commands;
    private final ReactorQueryGateway queries;
    private final Duration readModelWait;
    private final Clock clock = Clock.systemUTC();

    SignInRecorder(ReactiveJwtDecoder tokens, PersonalDataVault vault, ReactorCommandGateway commands,
            ReactorQueryGateway queries, @Value("${movmo.oauth.sign-in-read-model-wait:3s}") Duration readModelWait) {
        this.tokens = tokens;
        this.vault = vault;
        this.commands = commands;
        this.queries = queries;
        this.readModelWait = readModelWait;
    }

    Mono<Void> record(String idToken) {
        return tokens.decode(idToken)
                .flatMap(jwt -> Mono.fromCallable(() -> command(jwt)).subscribeOn(Schedulers.boundedElastic()))
                .flatMap(command -> commands.send(command).then(projected(command)))
                .onErrorMap(e -> !(e instanceof OAuthException), e -> {
                    log.error("Sign-in could not be recorded", e);
                    return OAuthException.serverError("the sign-in could not be recorded; retry the authorization");
                });
    }

    private SignInUserCommand command(Jwt jwt) {
        UserId user = new UserId(jwt.getClaimAsString("custom:user_id"));
        String subject = user.personalDataSubject();
        String phone = jwt.getClaimAsString("phone_number");
        Sealed sealedPhone = phone == null || phone.isBlank() ? null : vault.seal(subject, phone);
        // Microseconds: what PostgreSQL keeps, so the read model's last_login compares equal to this instant.
        return new SignInUserCommand(user, vault.seal(subject, jwt.getClaimAsString("email")), sealedPhone,
                clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
    }

    /**
     * Completes when the read model shows this sign-in (Axon registers the update handler before running the initial
     * query, so an update cannot slip between the two).
     */
    private Mono<Void> projected(SignInUserCommand command) {
        UserId user = command.userId();
        return queries.subscriptionQuery(new FindUserRegistrationQuery(user, command.at()), UserRegistrationStatus.class)
                .filter(UserRegistrationStatus::registered)
                .next()
                .timeout(readModelWait)
                .onErrorResume(TimeoutException.class, e -> {
                    log.warn("Profile read model did not show user {} within {}; answering anyway", user, readModelWait);
                    return Mono.empty();
                })
                .then();
    }
}
