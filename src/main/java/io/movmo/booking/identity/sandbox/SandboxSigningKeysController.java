package io.movmo.booking.identity.sandbox;

import io.movmo.booking.web.ApiException;
import io.movmo.booking.web.security.CurrentUser;
import java.util.Map;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Admin-only rotation of the sandbox issuer's signing keys: add a key, later retire the old one. */
@RestController
@Profile("sandbox")
class SandboxSigningKeysController {

    private final SandboxSigningKeys keys;

    SandboxSigningKeysController(SandboxSigningKeys keys) {
        this.keys = keys;
    }

    @PostMapping("/v1/admin/sandbox/signing-keys")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Map<String, String>> rotate() {
        return admin().then(Mono.fromCallable(() -> Map.of("kid", keys.rotate())).subscribeOn(Schedulers.boundedElastic()));
    }

    @DeleteMapping("/v1/admin/sandbox/signing-keys/{kid}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> retire(@PathVariable String kid) {
        return admin().then(Mono.fromCallable(() -> {
            try {
                return keys.retire(kid);
            } catch (IllegalStateException e) {
                throw new ApiException(HttpStatus.CONFLICT, "the last active signing key cannot be retired");
            }
        }).subscribeOn(Schedulers.boundedElastic())).flatMap(retired -> retired ? Mono.<Void>empty()
                : Mono.error(ApiException.notFound("signing key not found")));
    }

    private static Mono<Void> admin() {
        return CurrentUser.get().flatMap(user -> user.hasRole("admin") ? Mono.<Void>empty() : Mono.error(ApiException.forbidden()));
    }
}
