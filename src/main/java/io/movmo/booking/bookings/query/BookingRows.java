package io.movmo.booking.bookings.query;

import io.movmo.booking.bookings.api.BookingEvents.TripDetails;
import io.movmo.booking.bookings.api.BookingView;
import io.movmo.booking.bookings.api.BookingView.PriceChange;
import io.movmo.booking.shared.Money;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A {@code booking} row as a {@link BookingView}, from JDBC (the query handlers) and R2DBC (the user routes) alike:
 * both read columns by name and type through {@link Columns}.
 */
public final class BookingRows {

    private BookingRows() {}

    /** A row's columns: {@code ResultSet::getObject} or R2DBC's {@code Row::get}. */
    @FunctionalInterface
    public interface Columns {
        <T> T get(String column, Class<T> type);
    }

    /** The columns of a JDBC result set's current row. */
    public static Columns jdbc(ResultSet rs) {
        return new Columns() {
            @Override
            public <T> T get(String column, Class<T> type) {
                try {
                    return rs.getObject(column, type);
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot read booking column " + column, e);
                }
            }
        };
    }

    public static BookingView view(Columns row) {
        TripDetails trip = new TripDetails(row.get("trip_type", String.class), row.get("origin_city", String.class),
                row.get("origin_iata_code", String.class), row.get("destination_city", String.class),
                row.get("destination_iata_code", String.class), row.get("departure_at", String.class),
                row.get("return_at", String.class), row.get("airline_name", String.class),
                row.get("airline_iata_code", String.class), row.get("airline_logo_url", String.class),
                count(row, "adult_count"), count(row, "child_count"), count(row, "infant_count"));
        String changeOrder = row.get("price_change_order_id", String.class);
        BigDecimal changeNew = row.get("price_change_new_amount", BigDecimal.class);
        PriceChange change = changeNew == null ? null : new PriceChange(
                money(row, "price_change_old_amount", "price_change_old_currency"),
                money(row, "price_change_new_amount", "price_change_new_currency"), changeOrder,
                instant(row, "price_change_expires_at"), row.get("price_change_message", String.class));
        return new BookingView(row.get("booking_id", UUID.class).toString(), row.get("user_id", UUID.class).toString(),
                row.get("partner_id", String.class), row.get("provider_id", String.class), row.get("status", String.class),
                row.get("flight_offer_id", String.class), row.get("provider_offer_id", String.class),
                row.get("provider_order_id", String.class), row.get("airline_pnr", String.class),
                row.get("payment_method_id", String.class), row.get("payment_intent_id", String.class),
                money(row, "total_amount", "currency"), row.get("idempotency_key", String.class), trip,
                Boolean.TRUE.equals(row.get("held", Boolean.class)), instant(row, "payment_required_by"),
                row.get("failure_reason", String.class), row.get("failure_message", String.class), change,
                money(row, "refund_amount", "refund_currency"), instant(row, "cancelled_at"),
                instant(row, "created_at"), instant(row, "updated_at"), row.get("version", Long.class));
    }

    static Money money(Columns row, String amount, String currency) {
        BigDecimal value = row.get(amount, BigDecimal.class);
        String code = row.get(currency, String.class);
        return value == null || code == null ? null : Money.of(value, java.util.Currency.getInstance(code.trim()));
    }

    static Instant instant(Columns row, String column) {
        OffsetDateTime value = row.get(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static int count(Columns row, String column) {
        Integer value = row.get(column, Integer.class);
        return value == null ? 0 : value;
    }
}
