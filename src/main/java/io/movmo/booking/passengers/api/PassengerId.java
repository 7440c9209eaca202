package io.movmo.booking.passengers.api;

import java.util.UUID;

/** A saved passenger. {@code toString()} is the raw value, as Axon needs. */
public record PassengerId(String value) {

    public PassengerId {
        UUID.fromString(value); // rejects anything but a UUID
    }

    public static PassengerId random() {
        return new PassengerId(UUID.randomUUID().toString());
    }

    /** The subject whose data key seals this passenger's personal data (shredding it shreds every copy). */
    public String personalDataSubject() {
        return "passenger:" + value;
    }

    @Override
    public String toString() {
        return value;
    }
}
