package io.movmo.booking.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads every row of every table the engine has (event store, snapshots, sagas, tokens, dead letters, deadlines,
 * projections, everything) as raw text, bytea decoded as UTF-8, and asserts a value appears in none of them.
 */
public final class ClearTextScan {

    private ClearTextScan() {}

    public static void assertStoredNowhere(JdbcClient jdbc, String clearText) {
        assertStoredNowhereBut(jdbc, clearText, List.of());
    }

    /** As {@link #assertStoredNowhere}, but for the {@code excepted} tables (e.g. the sandbox outbox, which holds what was "sent"). */
    public static void assertStoredNowhereBut(JdbcClient jdbc, String clearText, List<String> excepted) {
        List<String> tables = jdbc.sql("""
                SELECT table_name FROM information_schema.tables
                WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'""")
                .query(String.class).list();
        assertThat(tables).contains("domainevententry", "sagaentry");
        for (String table : tables) {
            if (excepted.contains(table)) {
                continue;
            }
            assertThat(jdbc.sql("SELECT * FROM \"" + table + "\"").query().listOfRows()).as(table)
                    .allSatisfy(row -> assertThat(row.values()).noneMatch(v -> (v instanceof byte[] b
                            ? new String(b, StandardCharsets.UTF_8) : String.valueOf(v)).contains(clearText)));
        }
    }
}
