package io.movmo.booking.identity;

import com.zaxxer.hikari.HikariDataSource;
import io.movmo.booking.identity.oauth.OAuthClients;
import io.movmo.booking.platform.database.PostgresCoordinates;
import io.movmo.booking.platform.database.PostgresServer;
import java.io.IOException;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The database as the {@code partner} command sees it: one small connection pool, the schema brought up to date
 * with the engine's own migrations, and {@link PartnerAdministration} on top. Nothing else of the engine starts.
 */
final class AdministrationDatabase implements AutoCloseable {

    /** The same locations as {@code spring.flyway.locations} in application.yml. */
    static final String[] MIGRATIONS = {"classpath:db/migration", "classpath:sagas/migrations", "classpath:projections/migrations"};

    private final PostgresServer server;
    private final HikariDataSource dataSource;
    private final PartnerAdministration administration;

    private AdministrationDatabase(PostgresServer server, HikariDataSource dataSource) {
        this.server = server;
        this.dataSource = dataSource;
        JdbcClient jdbc = JdbcClient.create(dataSource);
        this.administration = new PartnerAdministration(jdbc, new OAuthClients(jdbc),
                new TransactionTemplate(new JdbcTransactionManager(dataSource)));
    }

    static AdministrationDatabase open(String databaseUrl, String embeddedDataDir) {
        PostgresServer server = databaseUrl == null || databaseUrl.isBlank()
                ? PostgresServer.embedded(Path.of(embeddedDataDir), 0)
                : PostgresServer.external(PostgresCoordinates.parse(databaseUrl));
        HikariDataSource dataSource = server.pool("movmo-partner-cli", 2);
        Flyway.configure().dataSource(dataSource).locations(MIGRATIONS).load().migrate();
        return new AdministrationDatabase(server, dataSource);
    }

    PartnerAdministration administration() {
        return administration;
    }

    @Override
    public void close() {
        dataSource.close();
        try {
            server.close();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("could not stop the embedded PostgreSQL", e);
        }
    }
}
