package io.movmo.booking.testing.probe;

import io.movmo.booking.web.RequestContext;
import io.movmo.booking.web.security.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.axonframework.extensions.reactor.commandhandling.gateway.ReactorCommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Test-only routes that exercise the edge's cross-cutting behaviour through the real filter and handler chain. */
@RestController
class ProbeController {

    record NoteRequest(@NotBlank @Size(max = 20) String note) {}

    private final ReactorCommandGateway commands;

    ProbeController(ReactorCommandGateway commands) {
        this.commands = commands;
    }

    @PostMapping("/test/probes/{probeId}")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Map<String, Object>> record(@PathVariable String probeId, @Valid @RequestBody NoteRequest body) {
        return commands.<ProbeResult>send(new RecordProbeCommand(probeId, body.note()))
                .map(result -> Map.of("probe_id", probeId, "previous_notes", result.previousNotes(),
                        "handled_on", result.handledOn()));
    }

    @GetMapping("/test/users/{userId}/probe")
    Mono<Map<String, String>> owned(@PathVariable String userId) {
        return CurrentUser.requireOwnerOf(userId).map(user -> Map.of("user_id", user.userId()));
    }

    @GetMapping("/test/context")
    Mono<RequestContext> context() {
        return Mono.deferContextual(ctx -> Mono.justOrEmpty(RequestContext.from(ctx)));
    }

    /** A success on a path the contract does not know: a validating client must refuse to accept it. */
    @GetMapping("/v1/probe-outside-contract")
    Mono<Map<String, String>> outsideContract() {
        return Mono.just(Map.of("status", "ok"));
    }

    @GetMapping("/test/boom")
    Mono<String> boom() {
        return Mono.error(new IllegalStateException("secret internal detail"));
    }
}
