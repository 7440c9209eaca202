package io.movmo.booking.providers.dohop;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.movmo.booking.providers.adapter.DecimalAmount;
import java.util.List;

/** The request bodies of Dohop's API ({@code docs/providers/dohop.md} §5). toString never prints personal data. */
final class DohopRequests {

    private DohopRequests() {}

    /** {@code POST /v1/price}. */
    record Price(@JsonProperty("itinerary_id") String itineraryId, @JsonProperty("search_id") String searchId) {}

    /**
     * {@code POST /v1/bookings} (phase 1, reserve): a priced itinerary's {@code price_token}, or (integrated pricing)
     * the itinerary and search ids.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Reserve(
            @JsonProperty("price_token") String priceToken,
            @JsonProperty("itinerary_id") String itineraryId,
            @JsonProperty("search_id") String searchId,
            @JsonProperty("partner_reference") String partnerReference,
            @JsonProperty("expected_total") DecimalAmount expectedTotal,
            List<Traveller> travellers,
            Contact contact) {

        @Override
        public String toString() {
            return "Reserve[" + partnerReference + "]";
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Traveller(
            String id,
            String title,
            @JsonProperty("first_name") String firstName,
            @JsonProperty("middle_name") String middleName,
            @JsonProperty("last_name") String lastName,
            @JsonProperty("date_of_birth") String dateOfBirth,
            String gender,
            List<Document> documents,
            @JsonProperty("loyalty_accounts") List<LoyaltyAccount> loyaltyAccounts) {

        @Override
        public String toString() {
            return "Traveller[" + id + "]";
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Document(
            String type,
            String number,
            @JsonProperty("issuing_country") String issuingCountry,
            @JsonProperty("expires_on") String expiresOn) {

        @Override
        public String toString() {
            return "Document[" + type + "]";
        }
    }

    record LoyaltyAccount(String airline, String number) {

        @Override
        public String toString() {
            return "LoyaltyAccount[" + airline + "]";
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Contact(String email, String phone) {

        @Override
        public String toString() {
            return "Contact[…]";
        }
    }

    /** {@code POST /v1/bookings/{order_id}/confirm} (phase 2): the total the engine agrees to pay. */
    record Confirm(@JsonProperty("accepted_total") DecimalAmount acceptedTotal) {}

    /** {@code POST /v1/bookings/{order_id}/cancel}: the quote being accepted. */
    record Cancel(@JsonProperty("quote_id") String quoteId) {}
}
