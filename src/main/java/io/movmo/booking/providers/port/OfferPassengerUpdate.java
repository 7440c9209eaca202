package io.movmo.booking.providers.port;

import java.time.LocalDate;
import java.util.List;

/** The seed's {@code PassengerUpdateRequest} for one provider passenger; null or empty fields are left as they are. */
public record OfferPassengerUpdate(
        String firstName,
        String middleName,
        String lastName,
        LocalDate dateOfBirth,
        String gender,
        String knownTravelerNumber,
        List<LoyaltyAccount> loyaltyProgrammeAccounts,
        List<TravelDocument> identityDocuments) {

    public record LoyaltyAccount(String airlineIataCode, String accountNumber) {}

    /** type: passport | tax_id | known_traveler_number | passenger_redress_number (the seed's enum). */
    public record TravelDocument(String type, String uniqueIdentifier, String issuingCountryCode, LocalDate expiresOn) {

        @Override
        public String toString() {
            return "TravelDocument[" + type + ", " + issuingCountryCode + "]"; // never the number
        }
    }

    @Override
    public String toString() {
        return "OfferPassengerUpdate[…]"; // personal data: never in logs
    }
}
