package io.movmo.booking.offers.web;

import io.movmo.booking.providers.port.OfferPassengerUpdate;
import io.movmo.booking.web.validation.CountryCode;
import io.movmo.booking.web.validation.PersonName;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;

/** The seed's {@code PassengerUpdateRequest}; empty fields are left as they are. */
record PassengerUpdateRequest(
        String passenger_id,
        @PersonName String first_name,
        @Pattern(regexp = "[\\p{L}][\\p{L} '\\-.]{0,99}", message = "must be 1 to 100 letters, spaces, hyphens, apostrophes or periods") String middle_name,
        @PersonName String last_name,
        @Past(message = "must be a date in the past") LocalDate date_of_birth,
        @Pattern(regexp = "male|female", message = "must be male or female") String gender,
        @Pattern(regexp = "[A-Za-z0-9]{5,25}", message = "must be 5 to 25 letters or digits") String known_traveler_number,
        @Size(max = 10) List<@Valid Loyalty> loyalty_programme_accounts,
        @Size(max = 10) List<@Valid Document> identity_documents) {

    record Loyalty(@NotNull @Pattern(regexp = "[A-Z0-9]{2}", message = "must be a 2-character IATA airline code") String airline_iata_code,
            @NotNull @Pattern(regexp = "[A-Za-z0-9]{1,30}", message = "must be 1 to 30 letters or digits") String account_number) {}

    record Document(@NotNull LocalDate expires_on, @NotNull @CountryCode String issuing_country_code,
            @NotNull @Pattern(regexp = "passport|tax_id|known_traveler_number|passenger_redress_number",
                    message = "must be passport, tax_id, known_traveler_number or passenger_redress_number") String type,
            @NotNull @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9 \\-]{1,48}[A-Za-z0-9]", message = "must be 3 to 50 letters, digits, spaces or hyphens") String unique_identifier) {

        @Override
        public String toString() {
            return "Document[" + type + "]";
        }
    }

    OfferPassengerUpdate toUpdate() {
        return new OfferPassengerUpdate(first_name, middle_name, last_name, date_of_birth, gender, known_traveler_number,
                loyalty_programme_accounts == null ? List.of() : loyalty_programme_accounts.stream()
                        .map(l -> new OfferPassengerUpdate.LoyaltyAccount(l.airline_iata_code(), l.account_number())).toList(),
                identity_documents == null ? List.of() : identity_documents.stream()
                        .map(d -> new OfferPassengerUpdate.TravelDocument(d.type(), d.unique_identifier(),
                                d.issuing_country_code(), d.expires_on())).toList());
    }

    @Override
    public String toString() {
        return "PassengerUpdateRequest[…]";
    }
}
