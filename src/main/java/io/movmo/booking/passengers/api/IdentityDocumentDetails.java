package io.movmo.booking.passengers.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;

/**
 * The parts of an identity document other than its type, number and issuing country: personal data, carried sealed
 * (as JSON) under the passenger's data key.
 */
public record IdentityDocumentDetails(
        @JsonProperty("issuing_authority") String issuingAuthority,
        @JsonProperty("issued_date") LocalDate issuedDate,
        @JsonProperty("expires_on") LocalDate expiresOn,
        @JsonProperty("nationality_on_document") String nationalityOnDocument,
        @JsonProperty("birth_country") String birthCountry) {}
