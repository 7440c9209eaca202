package io.movmo.booking.bookings.web;

import io.movmo.booking.web.validation.EmailAddress;
import io.movmo.booking.web.validation.PhoneNumber;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/**
 * The seed's {@code CreateBookingRequest} (and, with {@code order_id}, its {@code RetryBookingRequest}). Field names
 * are the seed's; {@code provider_id} is taken from the path. What binding cannot check (the offer, the payment method,
 * the passengers against the offer) is checked against stored state by the controller.
 */
record CreateBookingRequest(
        @NotBlank @Size(max = 200) String offer_id,
        @NotEmpty @Size(max = 9) List<@NotNull @Valid PassengerInput> passengers,
        @NotNull @Valid ContactInfo contact_info,
        @NotBlank @Pattern(regexp = UUID, message = "must be a Movmo payment method id (a UUID), not the pm_ id") String payment_method_id,
        @NotBlank @Size(max = 255) String customer_id,
        @NotBlank @Pattern(regexp = "[A-Za-z]{3}", message = "must be an ISO 4217 currency code") String currency,
        @NotBlank @Pattern(regexp = UUID, message = "must be a UUID") String user_id,
        @NotBlank @Pattern(regexp = "[\\x21-\\x7E]{1,200}", message = "must be 1 to 200 printable characters without spaces") String idempotency_key,
        @Size(max = 20) Map<String, @NotNull @Size(max = 500) String> metadata,
        @Size(max = 50) List<@NotNull @Valid ServiceInput> services,
        @Pattern(regexp = "instant|hold", message = "must be instant or hold") String order_type,
        @Size(max = 100) List<@NotNull @Valid SeatSelectionInput> seat_selections,
        @Size(max = 200) String order_id) {

    static final String UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    static final String DATE = "\\d{4}-\\d{2}-\\d{2}";

    record PassengerInput(
            @Pattern(regexp = "|" + UUID, message = "must be the id of a saved passenger (a UUID) or empty") String id,
            @NotBlank @Size(max = 200) String provider_passenger_id,
            @Pattern(regexp = "adult|child|infant", message = "must be adult, child or infant") String type,
            @Size(max = 20) String title,
            @NotBlank @Size(max = 100) String first_name,
            @Size(max = 100) String middle_name,
            @NotBlank @Size(max = 100) String last_name,
            @NotBlank @Pattern(regexp = DATE, message = "must be a date (YYYY-MM-DD)") String born_on,
            @EmailAddress String email,
            @PhoneNumber String phone_number,
            @Pattern(regexp = "male|female", message = "must be male or female") String gender,
            @Size(max = 50) String known_traveler_number,
            @Size(max = 10) List<@NotNull @Valid DocumentInput> identity_documents,
            @Pattern(regexp = "adult|child|infant", message = "must be adult, child or infant") String traveler_type) {}

    record DocumentInput(
            @Pattern(regexp = DATE, message = "must be a date (YYYY-MM-DD)") String expires_on,
            @Pattern(regexp = "[A-Za-z]{2}", message = "must be an ISO 3166-1 alpha-2 country code") String issuing_country_code,
            @NotBlank @Pattern(regexp = "passport|tax_id|known_traveler_number|passenger_redress_number",
                    message = "must be passport, tax_id, known_traveler_number or passenger_redress_number") String type,
            @NotBlank @Size(max = 50) String unique_identifier) {}

    record ContactInfo(
            @NotBlank @EmailAddress String email,
            @NotBlank @PhoneNumber String phone_number,
            @NotBlank @Size(max = 100) String first_name,
            @NotBlank @Size(max = 100) String last_name,
            @Size(max = 20) String title) {}

    record ServiceInput(@NotBlank @Size(max = 200) String id, @NotNull @Min(1) @Max(20) Integer quantity) {}

    record SeatSelectionInput(
            @NotBlank @Size(max = 200) String segment_id,
            @NotBlank @Size(max = 200) String passenger_id,
            @NotBlank @Pattern(regexp = "[0-9]{1,3}[A-Z]", message = "must be a seat number such as 14A") String seat_number,
            String row,
            String column,
            Double price,
            String currency) {}
}
