package io.movmo.booking.bookings.saga;

/**
 * The idempotency keys the booking saga sends, derived from its state alone (never a clock or a random source), so
 * a step repeated after a crash or an unknown outcome is the same request to the gateway or provider. The table in
 * {@code sagas/booking-saga.md} lists them.
 */
public final class BookingKeys {

    private BookingKeys() {}

    public static String authorize(String bookingId, int attempt) {
        return "booking:" + bookingId + ":authorize:" + attempt;
    }

    public static String capture(String bookingId) {
        return "booking:" + bookingId + ":capture";
    }

    public static String voidAuthorization(String bookingId, int attempt) {
        return "booking:" + bookingId + ":void:" + attempt;
    }

    public static String refund(String bookingId, int n) {
        return "booking:" + bookingId + ":refund:" + n;
    }

    public static String order(String bookingId, int attempt) {
        return "booking:" + bookingId + ":order:" + attempt;
    }

    public static String payHold(String bookingId) {
        return "booking:" + bookingId + ":pay-hold";
    }

    public static String cancel(String bookingId) {
        return "booking:" + bookingId + ":cancel";
    }
}
