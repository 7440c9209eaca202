package io.movmo.booking.bookings.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.movmo.booking.bookings.api.BookingEvents.TripDetails;
import io.movmo.booking.bookings.api.BookingView;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * The seed's {@code TripSummary}: a booking as a line of the user's travel history, with a computed {@code status}.
 *
 * <p>The rule (projections/README.md, "Trips"): a booking that is {@code cancelled} or {@code failed} is
 * {@code cancelled}; otherwise it is {@code completed} once its last travel date (the return date of a round trip, else
 * the departure date) is before today's date in UTC, and {@code upcoming} until then (the day of travel included).
 * Travel dates are the airline's local dates as the offer gave them. A booking that failed before any provider order
 * existed (a declined card, a refused order, a price change not retried) was never a trip: the list leaves it out
 * ({@link #LISTED}).
 */
record TripSummary(
        String id,
        @JsonProperty("user_id") String userId,
        String status,
        @JsonProperty("trip_type") String tripType,
        @JsonProperty("origin_city") String originCity,
        @JsonProperty("origin_iata_code") String originIataCode,
        @JsonProperty("destination_city") String destinationCity,
        @JsonProperty("destination_iata_code") String destinationIataCode,
        @JsonProperty("departure_date") LocalDate departureDate,
        @JsonProperty("return_date") LocalDate returnDate,
        @JsonProperty("airline_name") String airlineName,
        @JsonProperty("airline_iata_code") String airlineIataCode,
        @JsonProperty("airline_logo_url") String airlineLogoUrl,
        @JsonProperty("passenger_count") int passengerCount,
        @JsonProperty("adult_count") int adultCount,
        @JsonProperty("child_count") int childCount,
        @JsonProperty("infant_count") int infantCount,
        String pnr,
        @JsonProperty("total_price") BigDecimal totalPrice,
        String currency,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("updated_at") Instant updatedAt) {

    static final String UPCOMING = "upcoming";
    static final String COMPLETED = "completed";
    static final String CANCELLED = "cancelled";

    /** SQL condition on {@code booking}: the bookings the trip list shows. */
    static final String LISTED = "NOT (status = 'failed' AND provider_order_id IS NULL)";

    static TripSummary of(BookingView b, LocalDate todayUtc) {
        TripDetails t = b.trip();
        LocalDate departure = localDate(t.departureAt());
        LocalDate ret = localDate(t.returnAt());
        return new TripSummary(b.id(), b.userId(), status(b.status(), departure, ret, todayUtc), text(t.tripType()),
                text(t.originCity()), text(t.originIataCode()), text(t.destinationCity()),
                text(t.destinationIataCode()), departure, ret, text(t.airlineName()), text(t.airlineIataCode()),
                t.airlineLogoUrl(), t.passengerCount(), t.adultCount(), t.childCount(), t.infantCount(),
                text(b.airlinePnr()), b.total() == null ? null : b.total().amount(),
                b.total() == null ? null : b.total().currency().getCurrencyCode(), b.createdAt(), b.updatedAt());
    }

    /** The computed status (see the class comment). */
    static String status(String bookingStatus, LocalDate departure, LocalDate ret, LocalDate todayUtc) {
        if (BookingView.CANCELLED.equals(bookingStatus) || BookingView.FAILED.equals(bookingStatus)) {
            return CANCELLED;
        }
        LocalDate last = ret != null ? ret : departure;
        return last != null && last.isBefore(todayUtc) ? COMPLETED : UPCOMING;
    }

    /** The date of an airline local date-time ({@code 2026-09-01T08:15:00} or {@code 2026-09-01}); null if none. */
    static LocalDate localDate(String localDateTime) {
        if (localDateTime == null || localDateTime.length() < 10) {
            return null;
        }
        try {
            return LocalDate.parse(localDateTime.substring(0, 10));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
