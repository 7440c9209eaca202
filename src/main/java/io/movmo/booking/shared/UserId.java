package io.movmo.booking.shared;

import java.util.UUID;

/** A Movmo user (the {@code custom:user_id} of their tokens). {@code toString()} is the raw value, as Axon needs. */
public record UserId(String value) {

    public UserId {
        UUID.fromString(value); // rejects anything but a UUID
    }

    /** The subject whose data key seals this user's personal data. */
    public String personalDataSubject() {
        return "user:" + value;
    }

    @Override
    public String toString() {
        return value;
    }
}
