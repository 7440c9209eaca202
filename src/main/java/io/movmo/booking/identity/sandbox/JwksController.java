package io.movmo.booking.identity.sandbox;

import java.util.Map;
import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Publishes the sandbox issuer's public signing keys (RFC 7517), which verify every token it signs. */
@RestController
@Profile("sandbox")
class JwksController {

    private final SandboxSigningKeys keys;

    JwksController(SandboxSigningKeys keys) {
        this.keys = keys;
    }

    @GetMapping(path = "/.well-known/jwks.json", produces = "application/json")
    Map<String, Object> jwks() {
        return keys.publicKeys().toJSONObject(true);
    }
}
