package io.movmo.booking.shared.pii;

/**
 * Envelope encryption of personal data, one data key per subject (crypto-shredding). Blocking: call it from
 * command handlers, projections or worker threads, never from an event loop.
 */
public interface PersonalDataVault {

    Sealed seal(String subject, String plaintext);

    /** The clear value; {@link PersonalDataShreddedException} once the subject's key is shredded. */
    String open(Sealed sealed);

    /** Destroys the subject's data key: every value sealed for the subject becomes unreadable. */
    void shred(String subject);
}
