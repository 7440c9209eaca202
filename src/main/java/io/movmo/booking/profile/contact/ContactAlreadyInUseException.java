package io.movmo.booking.profile.contact;

/** The new email or phone number belongs to another account (a 409). */
public class ContactAlreadyInUseException extends RuntimeException {

    public ContactAlreadyInUseException(ContactType type) {
        super("this " + type.wire() + " is already in use by another account");
    }
}
