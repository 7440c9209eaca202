package io.movmo.booking.profile.contact.sandbox;

import io.movmo.booking.web.ValidationErrorResponse;
import io.movmo.booking.web.ValidationErrorResponse.FieldError;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Profile;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** {@code GET /v1/sandbox/outbox?to=…}: what the sandbox "sent" to a recipient, newest first. Sandbox profile only. */
@RestController
@Profile("sandbox")
class SandboxOutboxController {

    private final SandboxOutbox outbox;

    SandboxOutboxController(SandboxOutbox outbox) {
        this.outbox = outbox;
    }

    record Outbox(List<SandboxOutbox.Message> messages) {}

    @GetMapping(path = "/v1/sandbox/outbox", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<?>> read(@RequestParam(name = "to", required = false) String to,
            @RequestParam(name = "limit", required = false, defaultValue = "20") String limit) {
        if (to == null || to.isBlank() || to.length() > 254) {
            return Mono.just(invalid("to", "'to' is required: the recipient's email address or E.164 phone number"));
        }
        int max;
        try {
            max = Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            max = -1;
        }
        if (max < 1 || max > 100) {
            return Mono.just(invalid("limit", "'limit' must be a whole number from 1 to 100"));
        }
        int n = max;
        return Mono.<ResponseEntity<?>>fromCallable(() -> ResponseEntity.ok(new Outbox(outbox.to(to, n))))
                .subscribeOn(Schedulers.boundedElastic());
    }

    private static ResponseEntity<?> invalid(String field, String message) {
        return ResponseEntity.badRequest().body(new ValidationErrorResponse(ValidationErrorResponse.MESSAGE,
                Map.of(field, new FieldError(field, message))));
    }
}
