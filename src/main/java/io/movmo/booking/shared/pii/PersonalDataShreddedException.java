package io.movmo.booking.shared.pii;

/** The subject's data key was shredded: its personal data no longer exists anywhere in readable form. */
public class PersonalDataShreddedException extends RuntimeException {

    public PersonalDataShreddedException(String subject) {
        super("personal data of " + subject + " was shredded", null, false, false);
    }
}
