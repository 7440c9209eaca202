package io.movmo.booking.identity.oauth;

import io.movmo.booking.platform.axon.AppendConflicts;
import io.movmo.booking.profile.api.ProfileReadYourWrites;
import io.movmo.booking.profile.api.SignInUserCommand;
import io.movmo.booking.shared.UserId;
import io.movmo.booking.shared.pii.PersonalDataVault;
import io.movmo.booking.shared.pii.Sealed;
import java.time.Clock;
import java.time.Duration;
import io.movmo.booking.web.RequestContext;
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

    /**
     * Never fails the token response: the code is already spent, so an error here would strand the client. A sign-in
     * that cannot be recorded is logged, and the next one (any refresh counts) records it.
     */
    Mono<Void> record(String idToken, String partnerId) {
        return tokens.decode(idToken)
                .flatMap(jwt -> Mono.fromCallable(() -> command(jwt)).subscribeOn(Schedulers.boundedElastic()))
                .flatMap(command -> commands.<Long>send(command)
                        // Two first sign-ins of one user on two nodes race to create the aggregate: the loser retries
                        // and finds the user registered.
                        .retryWhen(AppendConflicts.retry())
                        .flatMap(version -> ProfileReadYourWrites.await(queries, command.userId(), version, readModelWait))
                        .contextWrite(ctx -> RequestContext.from(ctx)
                                .map(rc -> rc.withPartner(partnerId).withUser(command.userId().value()).writeTo(ctx))
                                .orElse(ctx)))
                .onErrorResume(e -> {
                    log.error("Sign-in could not be recorded; the next sign-in or refresh will", e);
                    return Mono.empty();
                });
    }

    private SignInUserCommand command(Jwt jwt) {
        UserId user = new UserId(jwt.getClaimAsString("custom:user_id"));
        String subject = user.personalDataSubject();
        String phone = jwt.getClaimAsString("phone_number");
        Sealed sealedPhone = phone == null || phone.isBlank() ? null : vault.seal(subject, phone);
        // Microseconds: what PostgreSQL keeps of last_login.
        String email = jwt.getClaimAsString("email");
        return new SignInUserCommand(user, vault.seal(subject, email == null ? "" : email), sealedPhone,
                clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
    }
}
