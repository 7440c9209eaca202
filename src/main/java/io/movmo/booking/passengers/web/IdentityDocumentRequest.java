package io.movmo.booking.passengers.web;

import io.movmo.booking.passengers.api.DocumentType;
import io.movmo.booking.passengers.api.IdentityDocumentDetails;
import io.movmo.booking.web.validation.CountryCode;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PastOrPresent;
import java.time.LocalDate;

/**
 * The seed's {@code IdentityDocument} as written (create and full replace), with its rules. Read-only fields
 * ({@code id}, {@code user_passenger_id}, timestamps) may be sent back as read and are ignored.
 */
record IdentityDocumentRequest(
        @NotNull String document_type,
        @NotNull @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9 \\-]{1,48}[A-Za-z0-9]",
                message = "must be 3 to 50 letters, digits, spaces or hyphens") String document_number,
        @NotNull @CountryCode String issuing_country_code,
        @Pattern(regexp = "[^\\p{Cntrl}]{1,200}", message = "must be 1 to 200 characters, without control characters")
        String issuing_authority,
        @PastOrPresent(message = "must be today or a date in the past") LocalDate issued_date,
        LocalDate expires_on,
        @CountryCode String nationality_on_document,
        @CountryCode String birth_country,
        Boolean is_primary) {

    @AssertTrue(message = "must be one of passport, visa, drivers_license, national_id, known_traveler_number, redress_number, tax_id")
    boolean isDocument_type() {
        return document_type == null || DocumentType.fromWire(document_type).isPresent();
    }

    @AssertTrue(message = "is required for passports, visas and driver's licenses, and must be after issued_date")
    boolean isExpires_on() {
        DocumentType type = document_type == null ? null : DocumentType.fromWire(document_type).orElse(null);
        if (expires_on == null) {
            return type == null || !type.expires();
        }
        return issued_date == null || expires_on.isAfter(issued_date);
    }

    DocumentType type() {
        return DocumentType.fromWire(document_type).orElseThrow();
    }

    IdentityDocumentDetails details() {
        return new IdentityDocumentDetails(issuing_authority, issued_date, expires_on, nationality_on_document, birth_country);
    }
}
