package io.movmo.booking.shared;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The flight providers the engine books through, by the ids the partner API uses in paths and bodies. */
public enum ProviderId {
    AMADEUS, DUFFEL, DOHOP, DARWIN;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ProviderId> fromId(String id) {
        return Arrays.stream(values()).filter(p -> p.id().equals(id)).findFirst();
    }

    @Override
    public String toString() {
        return id();
    }
}
