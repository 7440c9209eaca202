package io.movmo.booking.shared.pii;

/**
 * Envelope encryption of personal data, one data key per subject (crypto-shredding). Blocking: call it from
 * command handlers, projections or worker threads, never from an event loop.
 */
public interface PersonalDataVault {

    Sealed seal(String subject, String plaintext);

    /** The clear value; {@link PersonalDataShreddedException} once the subject's key is shredded. */
    String open(Sealed sealed);

    /**
     * A keyed digest of {@code value} under the subject's data key (hex HMAC-SHA-256): equal values give equal
     * fingerprints, and without the key nobody can test a guess. For lookups over personal data (is this email in
     * use?) without storing it in clear.
     */
    String fingerprint(String subject, String value);

    /** Destroys the subject's data key: every value sealed for the subject becomes unreadable. */
    void shred(String subject);
}
