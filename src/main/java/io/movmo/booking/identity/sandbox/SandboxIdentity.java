package io.movmo.booking.identity.sandbox;

import java.util.List;
import java.util.UUID;

/** A user of the sandbox issuer's directory, as its tokens describe them. */
record SandboxIdentity(String email, UUID userId, String phoneNumber, List<String> groups) {}
