package io.movmo.booking.profile.contact;

/** The identity provider refused a code or session: wrong, expired, or too many attempts (a 400, the user's to fix). */
public class ContactCodeRejectedException extends RuntimeException {

    private final VerificationCodes.Outcome outcome;

    public ContactCodeRejectedException(VerificationCodes.Outcome outcome) {
        super("code rejected: " + outcome);
        this.outcome = outcome;
    }

    public VerificationCodes.Outcome outcome() {
        return outcome;
    }
}
