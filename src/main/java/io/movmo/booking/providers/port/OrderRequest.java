package io.movmo.booking.providers.port;

import tools.jackson.databind.JsonNode;
import io.movmo.booking.shared.Money;
import java.time.LocalDate;
import java.util.List;

/**
 * An order to create from an offer. {@code reference} is the engine's booking id, stored with the provider where it
 * can be (Duffel metadata, Amadeus remarks, …) so a lost answer can be found again. {@code expectedTotal} is what the
 * customer agreed to pay, services and seats included: a provider asking for more answers
 * {@link OrderOutcome.PriceChanged}. {@code retryOrderId} is the provider order id a price change answered, when this
 * is the retry that accepts the new price (two-phase providers).
 */
public record OrderRequest(
        String reference,
        JsonNode rawOffer,
        OrderType type,
        List<OrderPassenger> passengers,
        List<SeatChoice> seats,
        List<ServiceChoice> services,
        Contact contact,
        Money expectedTotal,
        String retryOrderId,
        String idempotencyKey) {

    public enum OrderType { INSTANT, HOLD }

    public record OrderPassenger(String providerPassengerId, String type, String title, String firstName,
            String middleName, String lastName, LocalDate dateOfBirth, String gender, String email, String phoneNumber,
            List<OfferPassengerUpdate.TravelDocument> identityDocuments,
            List<OfferPassengerUpdate.LoyaltyAccount> loyaltyProgrammeAccounts) {

        @Override
        public String toString() {
            return "OrderPassenger[" + providerPassengerId + ", " + type + "]"; // personal data: never in logs
        }
    }

    public record SeatChoice(String segmentId, String providerPassengerId, String seatNumber, String serviceId,
            Money price) {}

    public record ServiceChoice(String serviceId, int quantity, Money price) {}

    public record Contact(String email, String phoneNumber) {

        @Override
        public String toString() {
            return "Contact[…]";
        }
    }
}
