package io.movmo.booking.bookings.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The trip list's computed status, as projections/README.md ("Trips") documents it. */
class TripSummaryTest {

    private static final LocalDate TODAY = LocalDate.parse("2026-05-10");

    private static String status(String booking, String departure, String ret) {
        return TripSummary.status(booking, TripSummary.localDate(departure), TripSummary.localDate(ret), TODAY);
    }

    @Test
    void cancelledAndFailedBookingsAreCancelledTrips() {
        assertThat(status("cancelled", "2030-01-01T10:00:00", null)).isEqualTo("cancelled");
        assertThat(status("failed", "2001-01-01T10:00:00", null)).isEqualTo("cancelled");
    }

    @Test
    void aOneWayTripIsCompletedTheDayAfterItsDeparture() {
        assertThat(status("confirmed", "2026-05-09T23:59:00", null)).isEqualTo("completed");
        assertThat(status("confirmed", "2026-05-10T00:05:00", null)).isEqualTo("upcoming");
        assertThat(status("confirmed", "2026-05-11T08:00:00", null)).isEqualTo("upcoming");
    }

    @Test
    void aRoundTripIsCompletedTheDayAfterItsReturn() {
        assertThat(status("confirmed", "2026-05-01T08:00:00", "2026-05-10T18:00:00")).isEqualTo("upcoming");
        assertThat(status("confirmed", "2026-05-01T08:00:00", "2026-05-09T18:00:00")).isEqualTo("completed");
    }

    @Test
    void bookingsStillInFlightAreUpcomingUntilTravelIsOver() {
        assertThat(status("pending", "2026-06-01T08:00:00", null)).isEqualTo("upcoming");
        assertThat(status("payment_captured", "2026-05-01T08:00:00", null)).isEqualTo("completed");
        assertThat(status("booking_created", null, null)).isEqualTo("upcoming");
    }

    @Test
    void readsTheLocalDateOfAnAirlineDateTime() {
        assertThat(TripSummary.localDate("2026-09-01T08:15:00")).isEqualTo(LocalDate.parse("2026-09-01"));
        assertThat(TripSummary.localDate("2026-09-01")).isEqualTo(LocalDate.parse("2026-09-01"));
        assertThat(TripSummary.localDate("soon")).isNull();
        assertThat(TripSummary.localDate(null)).isNull();
    }
}
