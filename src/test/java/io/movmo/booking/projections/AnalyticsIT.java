package io.movmo.booking.projections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.movmo.booking.bookings.BookingHistory;
import io.movmo.booking.bookings.api.BookingEvents.FailureReason;
import io.movmo.booking.shared.Money;
import io.movmo.booking.shared.ProviderId;
import io.movmo.booking.shared.UserId;
import io.movmo.booking.platform.database.PostgresCoordinates;
import io.movmo.booking.platform.database.PostgresServer;
import io.movmo.booking.testing.EngineTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The analysts' side: as the read-only role {@code movmo_analyst}, the documented revenue query of
 * projections/README.md answers the right numbers, the other views answer too, and every table (read models and
 * Axon's) is refused, as is every write.
 */
@EngineTest
// made-up booking histories go straight into the event store: the saga must not act on them
@TestPropertySource(properties = "movmo.bookings.saga.enabled=false")
class AnalyticsIT {

    private static final String ROLE = "movmo_analyst";
    private static final Instant DAY_ONE = Instant.parse("2021-03-01T08:00:00Z");
    private static final Instant DAY_TWO = Instant.parse("2021-03-02T08:00:00Z");

    @Autowired EventStore eventStore;
    @Autowired JdbcClient jdbc;
    @Autowired PostgresServer server;

    private final UserId user = new UserId(UUID.randomUUID().toString());

    private BookingHistory booking(ProviderId provider, String total, Instant at) {
        String currency = total.substring(0, 3);
        return BookingHistory.requested(user, provider, Money.of(total.substring(4), currency),
                BookingHistory.oneWay("2021-04-01T10:00:00"), null, at);
    }

    /** The query under "Confirmed bookings and revenue per provider per day" in projections/README.md. */
    static String documentedRevenueQuery() throws IOException {
        String readme = Files.readString(Path.of("projections/README.md"));
        Matcher m = Pattern.compile("\\*\\*Confirmed bookings and revenue per provider per day\\*\\*.*?```sql\\n(.*?)```",
                Pattern.DOTALL).matcher(readme);
        assertThat(m.find()).as("projections/README.md documents the revenue query").isTrue();
        return m.group(1).trim().replaceAll(";$", "");
    }

    @Test
    void analystsGetRevenuePerProviderPerDayFromTheViewsAndNothingElse() throws Exception {
        List<BookingHistory> histories = List.of(
                booking(ProviderId.DUFFEL, "USD 100.00", DAY_ONE).throughConfirmation("AN1"),
                booking(ProviderId.DUFFEL, "USD 250.50", DAY_ONE.plusSeconds(600)).throughConfirmation("AN2")
                        .cancelledWithRefund(),
                booking(ProviderId.DARWIN, "USD 80.00", DAY_ONE.plusSeconds(1200)).throughConfirmation("AN3"),
                booking(ProviderId.DUFFEL, "EUR 40.00", DAY_ONE.plusSeconds(1800)).throughConfirmation("AN4"),
                booking(ProviderId.DUFFEL, "USD 60.00", DAY_TWO).authorized("pi_an5").attempted()
                        .priceChanged(Money.of("70.00", "USD"), "ord_an5").retried(Money.of("70.00", "USD"))
                        .throughConfirmation("AN5"),
                booking(ProviderId.DUFFEL, "USD 30.00", DAY_ONE.plusSeconds(2400)).authorized("pi_an6")
                        .failed(FailureReason.CARD_DECLINED));
        histories.forEach(h -> h.publish(eventStore));
        List<UUID> ids = histories.stream().map(h -> UUID.fromString(h.bookingId)).toList();
        long events = histories.stream().mapToLong(h -> h.events().size()).sum();
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "SELECT count(*) FROM booking_event WHERE booking_id IN (:ids)").param("ids", ids)
                .query(Long.class).single() == events);

        // A connection of its own, not the pool's: some refusals would make the pool discard its connection.
        PostgresCoordinates pg = server.coordinates();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
             Statement s = c.createStatement()) {
            s.execute("SET ROLE " + ROLE);
            List<String> revenue = new ArrayList<>();
            try (ResultSet rs = s.executeQuery(documentedRevenueQuery())) {
                while (rs.next()) {
                    if (rs.getString("day").startsWith("2021-03-0")) {
                        revenue.add(rs.getString("day") + " " + rs.getString("provider_id") + " "
                                + rs.getString("currency") + " " + rs.getLong("confirmed_bookings") + " "
                                + rs.getBigDecimal("gross_revenue").toPlainString() + " "
                                + rs.getBigDecimal("refunded").toPlainString() + " "
                                + rs.getBigDecimal("net_revenue").toPlainString());
                    }
                }
            }
            assertThat(revenue).containsExactly(
                    "2021-03-01 darwin USD 1 80.00 0 80.00",
                    "2021-03-01 duffel EUR 1 40.00 0 40.00",
                    "2021-03-01 duffel USD 2 350.50 250.50 100.00",
                    "2021-03-02 duffel USD 1 70.00 0 70.00");

            assertThat(row(s, "SELECT requested, payment_authorized, order_created, payment_captured, confirmed,"
                    + " price_changed, failed, cancelled FROM analytics.booking_funnel"
                    + " WHERE day = '2021-03-01' AND provider_id = 'duffel'")).isEqualTo("4 4 3 3 3 0 1 1");
            assertThat(row(s, "SELECT failures, bookings FROM analytics.booking_failures"
                    + " WHERE day = '2021-03-01' AND provider_id = 'duffel' AND failure_reason = 'card_declined'"))
                    .isEqualTo("1 1");
            assertThat(row(s, "SELECT bookings, bookings_with_price_change, price_changes, retried, price_change_rate"
                    + " FROM analytics.price_changes WHERE day = '2021-03-02' AND provider_id = 'duffel'"))
                    .isEqualTo("1 1 1 1 1.0000");
            assertThat(row(s, "SELECT seconds::bigint FROM analytics.authorization_to_capture WHERE booking_id = '"
                    + histories.get(0).bookingId + "'")).isEqualTo("180");
            assertThat(row(s, "SELECT captures, p50_seconds::bigint FROM analytics.authorization_to_capture_daily"
                    + " WHERE day = '2021-03-01' AND provider_id = 'darwin'")).isEqualTo("1 180");
            assertThat(row(s, "SELECT bookings FROM analytics.bookings_daily WHERE day = '2021-03-01'"
                    + " AND provider_id = 'duffel' AND status = 'confirmed' AND currency = 'USD'")).isEqualTo("1");

            for (String refused : List.of("SELECT * FROM booking", "SELECT * FROM booking_event",
                    "SELECT * FROM passenger", "SELECT * FROM domainevententry", "SELECT * FROM tokenentry",
                    "INSERT INTO booking_event (booking_id, sequence, event_type, occurred_at, status)"
                            + " VALUES (gen_random_uuid(), 0, 'X', now(), 'x')",
                    "DELETE FROM booking", "CREATE TABLE analytics.sneaky (x int)",
                    "CREATE VIEW analytics.sneaky AS SELECT 1 AS x")) {
                assertThatThrownBy(() -> s.execute(refused)).as(refused).isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).as(refused).isEqualTo("42501"));
            }
            assertThatThrownBy(() -> s.execute("DELETE FROM analytics.confirmed_revenue_daily"))
                    .isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> s.execute("UPDATE analytics.authorization_to_capture SET seconds = 0"))
                    .isInstanceOf(SQLException.class);
        }
        assertThat(jdbc.sql("SELECT rolcanlogin FROM pg_roles WHERE rolname = :r").param("r", ROLE)
                .query(Boolean.class).single()).isFalse();
    }

    private static String row(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            List<String> values = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                values.add(rs.getString(i));
            }
            return String.join(" ", values);
        }
    }
}
