package io.movmo.booking.passengers.api;

import io.movmo.booking.shared.pii.Sealed;

/**
 * An identity document as commands and events carry it: type and issuing country in clear (they name no one), the
 * number and the other details sealed under the passenger's data key.
 */
public record IdentityDocument(DocumentType type, Sealed number, String issuingCountryCode, Sealed details) {}
