package io.movmo.booking.providers.darwin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.movmo.booking.providers.adapter.DecimalAmount;
import java.util.List;

/**
 * The body of {@code POST /v1/bookings} ({@code docs/providers/darwin.md} §5.2). Optional fields are left out when
 * absent. toString never prints personal data.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record DarwinBookingRequest(
        @JsonProperty("offer_id") String offerId,
        @JsonProperty("availability_id") String availabilityId,
        @JsonProperty("client_reference") String clientReference,
        @JsonProperty("expected_total") DecimalAmount expectedTotal,
        List<Passenger> passengers,
        List<Seat> seats,
        Contact contact) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Passenger(
            String id,
            String title,
            @JsonProperty("given_name") String givenName,
            @JsonProperty("middle_name") String middleName,
            @JsonProperty("family_name") String familyName,
            @JsonProperty("born_on") String bornOn,
            String gender,
            String email,
            @JsonProperty("phone_number") String phoneNumber,
            @JsonProperty("identity_documents") List<Document> identityDocuments,
            @JsonProperty("loyalty_programme_accounts") List<LoyaltyAccount> loyaltyProgrammeAccounts) {

        @Override
        public String toString() {
            return "Passenger[" + id + "]";
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Document(
            String type,
            @JsonProperty("unique_identifier") String uniqueIdentifier,
            @JsonProperty("issuing_country_code") String issuingCountryCode,
            @JsonProperty("expires_on") String expiresOn) {

        @Override
        public String toString() {
            return "Document[" + type + "]";
        }
    }

    record LoyaltyAccount(
            @JsonProperty("airline_iata_code") String airlineIataCode,
            @JsonProperty("account_number") String accountNumber) {

        @Override
        public String toString() {
            return "LoyaltyAccount[" + airlineIataCode + "]";
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Seat(
            @JsonProperty("segment_id") String segmentId,
            @JsonProperty("passenger_id") String passengerId,
            String designator,
            DecimalAmount price) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Contact(String email, @JsonProperty("phone_number") String phoneNumber) {

        @Override
        public String toString() {
            return "Contact[…]";
        }
    }

    @Override
    public String toString() {
        return "DarwinBookingRequest[" + offerId + ", " + clientReference + "]";
    }
}
