package io.movmo.booking.testing;

import io.movmo.booking.platform.database.PostgresCoordinates;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The PostgreSQL server the tests use: {@code TEST_PG_JDBC_URL} if set (e.g.
 * {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}), else a Testcontainers PostgreSQL when a Docker engine
 * answers, else an embedded PostgreSQL. Each Spring context gets a database of its own on it.
 */
public final class TestPostgres {

    private static TestPostgres instance;

    private final PostgresCoordinates admin;
    private final String source;

    private TestPostgres(PostgresCoordinates admin, String source) {
        this.admin = admin;
        this.source = source;
    }

    public static synchronized TestPostgres get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    private static TestPostgres start() {
        String jdbcUrl = System.getenv("TEST_PG_JDBC_URL");
        if (jdbcUrl != null && !jdbcUrl.isBlank()) {
            return new TestPostgres(fromJdbcUrl(jdbcUrl), "TEST_PG_JDBC_URL");
        }
        if (dockerAnswers()) {
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine");
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
            return new TestPostgres(new PostgresCoordinates(container.getHost(), container.getFirstMappedPort(),
                    container.getDatabaseName(), container.getUsername(), container.getPassword()), "Testcontainers");
        }
        try {
            Path dir = Files.createTempDirectory("movmo-test-pg");
            EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(true).start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (IOException ignored) {
                    // the JVM is ending
                }
            }));
            return new TestPostgres(new PostgresCoordinates("localhost", pg.getPort(), "postgres", "postgres", null), "embedded");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start an embedded PostgreSQL for the tests", e);
        }
    }

    private static boolean dockerAnswers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | Error e) {
            return false;
        }
    }

    static PostgresCoordinates fromJdbcUrl(String jdbcUrl) {
        URI uri = URI.create(jdbcUrl.replaceFirst("^jdbc:", ""));
        String user = "postgres";
        String password = null;
        if (uri.getQuery() != null) {
            for (String pair : uri.getQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                if (kv[0].equals("user")) user = kv[1];
                if (kv[0].equals("password")) password = kv[1];
            }
        }
        return new PostgresCoordinates(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 5432,
                uri.getPath().replaceFirst("^/", ""), user, password);
    }

    public String source() {
        return source;
    }

    /** Creates an empty database and returns it in {@code MOVMO_DATABASE_URL} form. */
    public String createDatabase() {
        String name = "movmo_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password());
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create test database on " + admin + " (" + source + ")", e);
        }
        PostgresCoordinates db = admin.withDatabase(name);
        String credentials = db.password() == null ? db.user() : db.user() + ":" + db.password();
        return "postgresql://" + credentials + "@" + db.host() + ":" + db.port() + "/" + db.database();
    }
}
