package io.movmo.booking.profile.contact;

import com.fasterxml.jackson.annotation.JsonValue;

/** Which contact detail a contact change replaces. */
public enum ContactType {
    EMAIL("email"), PHONE("phone");

    private final String wire;

    ContactType(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }
}
