package io.movmo.booking.bookings.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The personal part of a booking request, sealed in {@link BookingEvents.BookingRequestedEvent#details()}: the
 * passengers as the partner sent them, the contact, the Stripe references, the partner's metadata and the services.
 * Field names are the seed's, so the stored JSON reads like the request.
 */
public record BookingDetails(
        List<Passenger> passengers,
        @JsonProperty("contact_info") Contact contact,
        @JsonProperty("stripe_payment_method_id") String stripePaymentMethodId,
        @JsonProperty("customer_id") String customerId,
        Map<String, String> metadata,
        List<Service> services) {

    public record Passenger(
            @JsonProperty("id") String userPassengerId,
            @JsonProperty("provider_passenger_id") String providerPassengerId,
            String type,
            String title,
            @JsonProperty("first_name") String firstName,
            @JsonProperty("middle_name") String middleName,
            @JsonProperty("last_name") String lastName,
            @JsonProperty("born_on") String bornOn,
            String email,
            @JsonProperty("phone_number") String phoneNumber,
            String gender,
            @JsonProperty("known_traveler_number") String knownTravelerNumber,
            @JsonProperty("identity_documents") List<Document> identityDocuments,
            @JsonProperty("traveler_type") String travelerType) {

        @Override
        public String toString() {
            return "Passenger[" + providerPassengerId + ", " + travelerType + "]";
        }
    }

    public record Document(String type, @JsonProperty("unique_identifier") String uniqueIdentifier,
            @JsonProperty("issuing_country_code") String issuingCountryCode,
            @JsonProperty("expires_on") String expiresOn) {

        @Override
        public String toString() {
            return "Document[" + type + "]";
        }
    }

    public record Contact(String email, @JsonProperty("phone_number") String phoneNumber,
            @JsonProperty("first_name") String firstName, @JsonProperty("last_name") String lastName, String title) {

        @Override
        public String toString() {
            return "Contact[…]";
        }
    }

    public record Service(String id, int quantity) {}

    @Override
    public String toString() {
        return "BookingDetails[" + (passengers == null ? 0 : passengers.size()) + " passengers]";
    }
}
