package io.movmo.booking.platform.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server the engine talks to: either the one {@code MOVMO_DATABASE_URL} names, or an embedded one
 * started here whose data directory survives restarts.
 */
public final class PostgresServer implements AutoCloseable {

    static final String EMBEDDED_DATABASE = "movmo";
    private static final Logger log = LoggerFactory.getLogger(PostgresServer.class);

    private final PostgresCoordinates coordinates;
    private final EmbeddedPostgres embedded;

    private PostgresServer(PostgresCoordinates coordinates, EmbeddedPostgres embedded) {
        this.coordinates = coordinates;
        this.embedded = embedded;
    }

    public static PostgresServer external(PostgresCoordinates coordinates) {
        return new PostgresServer(coordinates, null);
    }

    public static PostgresServer embedded(Path dataDir, int port) {
        EmbeddedPostgres pg;
        try {
            Files.createDirectories(dataDir);
            pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDir, e);
        }
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            boolean exists;
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + EMBEDDED_DATABASE + "'")) {
                exists = rs.next();
            }
            if (!exists) {
                s.execute("CREATE DATABASE " + EMBEDDED_DATABASE);
            }
        } catch (SQLException e) {
            closeQuietly(pg);
            throw new IllegalStateException("Could not prepare the embedded PostgreSQL in " + dataDir, e);
        }
        log.info("Embedded PostgreSQL on port {} with data in {}", pg.getPort(), dataDir.toAbsolutePath());
        return new PostgresServer(new PostgresCoordinates("localhost", pg.getPort(), EMBEDDED_DATABASE, "postgres", null), pg);
    }

    private static void closeQuietly(EmbeddedPostgres pg) {
        try {
            pg.close();
        } catch (IOException e) {
            log.warn("Could not stop the embedded PostgreSQL cleanly", e);
        }
    }

    /** A JDBC pool on this server: the engine's (DatabaseConfiguration) and the partner command's alike. */
    public com.zaxxer.hikari.HikariDataSource pool(String name, int maxSize) {
        com.zaxxer.hikari.HikariConfig config = new com.zaxxer.hikari.HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(coordinates.jdbcUrl());
        config.setUsername(coordinates.user());
        config.setPassword(coordinates.password());
        config.setMaximumPoolSize(maxSize);
        return new com.zaxxer.hikari.HikariDataSource(config);
    }

    public PostgresCoordinates coordinates() {
        return coordinates;
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    @Override
    public void close() throws IOException {
        if (embedded != null) {
            embedded.close();
        }
    }
}
