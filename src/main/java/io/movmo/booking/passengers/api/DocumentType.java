package io.movmo.booking.passengers.api;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** The seed's identity-document types. Passports, visas and driving licences expire, so they need {@code expires_on}. */
public enum DocumentType {
    PASSPORT("passport", true),
    VISA("visa", true),
    DRIVERS_LICENSE("drivers_license", true),
    NATIONAL_ID("national_id", false),
    KNOWN_TRAVELER_NUMBER("known_traveler_number", false),
    REDRESS_NUMBER("redress_number", false),
    TAX_ID("tax_id", false);

    private final String wire;
    private final boolean expires;

    DocumentType(String wire, boolean expires) {
        this.wire = wire;
        this.expires = expires;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    public boolean expires() {
        return expires;
    }

    public static Optional<DocumentType> fromWire(String value) {
        return Arrays.stream(values()).filter(t -> t.wire.equals(value)).findFirst();
    }
}
