package io.movmo.booking.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PostgresCoordinatesTest {

    @Test
    void parsesTheDocumentedForm() {
        PostgresCoordinates pg = PostgresCoordinates.parse("postgresql://movmo:s3cret@db.internal:6543/bookings");
        assertThat(pg).isEqualTo(new PostgresCoordinates("db.internal", 6543, "bookings", "movmo", "s3cret"));
        assertThat(pg.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6543/bookings");
    }

    @Test
    void defaultsThePortAndDecodesEscapedPasswords() {
        PostgresCoordinates pg = PostgresCoordinates.parse("postgres://app:p%40ss%3Aword@localhost/movmo");
        assertThat(pg.port()).isEqualTo(5432);
        assertThat(pg.password()).isEqualTo("p@ss:word");
    }

    @Test
    void carriesSslModeToJdbcAndR2dbc() {
        PostgresCoordinates pg = PostgresCoordinates.parse("postgresql://movmo:pw@db.internal:5432/movmo?sslmode=verify-full");
        assertThat(pg.sslMode()).isEqualTo("verify-full");
        assertThat(pg.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:5432/movmo?sslmode=verify-full");
        assertThat(pg.withDatabase("other").sslMode()).isEqualTo("verify-full");
    }

    @Test
    void refusesQueryParametersItWouldOtherwiseDrop() {
        assertThatThrownBy(() -> PostgresCoordinates.parse("postgresql://movmo:pw@db/movmo?ssl=true"))
                .hasMessageContaining("sslmode");
        assertThatThrownBy(() -> PostgresCoordinates.parse("postgresql://movmo:pw@db/movmo?sslmode=sometimes"))
                .hasMessageContaining("sslmode");
    }

    @Test
    void neverPrintsThePassword() {
        assertThat(PostgresCoordinates.parse("postgresql://movmo:s3cret@db:5432/movmo").toString())
                .isEqualTo("postgresql://movmo@db:5432/movmo").doesNotContain("s3cret");
    }

    @Test
    void rejectsUrlsItCannotUseWithoutEchoingThem() {
        assertThatThrownBy(() -> PostgresCoordinates.parse("mysql://u:topsecret@db/x"))
                .hasMessageContaining("scheme").hasMessageNotContaining("topsecret");
        assertThatThrownBy(() -> PostgresCoordinates.parse("postgresql://u:topsecret@db/"))
                .hasMessageContaining("database").hasMessageNotContaining("topsecret");
        assertThatThrownBy(() -> PostgresCoordinates.parse("postgresql://db:5432/movmo"))
                .hasMessageContaining("user");
    }
}
