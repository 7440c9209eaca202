package io.movmo.booking.profile.contact;

import java.time.Duration;

/**
 * Single-use, expiring, attempt-limited verification codes, stored only as salted hashes. Blocking: call it from a
 * worker thread, never from an event loop.
 */
public interface VerificationCodes {

    /** Wrong answers that burn a code: the fifth wrong answer is refused as too many, and so is every answer after it. */
    int MAX_ATTEMPTS = 5;

    /**
     * Issues a fresh six-digit code under {@code key} (replacing any earlier one for the key, with its attempts),
     * valid for {@code ttl}; answers the clear code, for delivery only. Keys carry no personal data in clear.
     */
    String issue(String key, Duration ttl);

    /** Checks {@code code} for {@code key}. A right code is consumed: a second check of it is {@link Outcome#UNKNOWN}. */
    Outcome check(String key, String code);

    enum Outcome {
        ACCEPTED,
        /** Wrong code; attempts remain. */
        WRONG,
        /** No live code for the key: never issued, already used, or past its expiry. */
        UNKNOWN,
        /** Too many wrong answers: the code is burnt and a new one must be requested. */
        TOO_MANY_ATTEMPTS
    }
}
