package io.movmo.booking.platform.database;

import com.zaxxer.hikari.HikariDataSource;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.postgresql.client.SSLMode;
import io.r2dbc.spi.ConnectionFactory;
import javax.sql.DataSource;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.support.JdbcTransactionManager;
import reactor.netty.resources.LoopResources;

/**
 * One PostgreSQL, two access paths: JDBC (Axon's stores, projections written inside the unit of work, Flyway) and
 * R2DBC (reactive reads at the edge). Declared here because Spring Boot creates no JDBC {@link DataSource} once
 * R2DBC is on the classpath, and Axon 4.13 would otherwise fall back to {@code NoTransactionManager}.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    @Bean(destroyMethod = "close")
    PostgresServer postgresServer(DatabaseProperties properties) {
        if (properties.usesEmbedded()) {
            return PostgresServer.embedded(properties.embedded().dataDir(), properties.embedded().port());
        }
        return PostgresServer.external(PostgresCoordinates.parse(properties.url()));
    }

    @Bean(destroyMethod = "close")
    @Primary
    HikariDataSource dataSource(PostgresServer server, DatabaseProperties properties) {
        return server.pool("movmo-jdbc", properties.jdbcPoolSize());
    }

    /** Its own event loop: r2dbc-pool would otherwise co-locate every connection on one Netty thread. */
    @Bean(destroyMethod = "dispose")
    LoopResources r2dbcLoopResources(DatabaseProperties properties) {
        return LoopResources.create("movmo-r2dbc", Math.max(2, properties.r2dbcPoolSize() / 2), true);
    }

    @Bean(destroyMethod = "dispose")
    ConnectionPool connectionFactory(PostgresServer server, DatabaseProperties properties, LoopResources r2dbcLoopResources) {
        PostgresCoordinates pg = server.coordinates();
        PostgresqlConnectionConfiguration.Builder builder = PostgresqlConnectionConfiguration.builder()
                .host(pg.host())
                .port(pg.port())
                .database(pg.database())
                .username(pg.user())
                .applicationName("movmo-r2dbc")
                .loopResources(r2dbcLoopResources);
        if (pg.password() != null) {
            builder.password(pg.password());
        }
        if (pg.sslMode() != null) {
            builder.sslMode(SSLMode.fromValue(pg.sslMode()));
        }
        ConnectionFactory factory = new PostgresqlConnectionFactory(builder.build());
        return new ConnectionPool(ConnectionPoolConfiguration.builder(factory)
                .name("movmo-r2dbc")
                .initialSize(1)
                .maxSize(properties.r2dbcPoolSize())
                .build());
    }

    @Bean
    @Primary
    JdbcTransactionManager transactionManager(DataSource dataSource) {
        return new JdbcTransactionManager(dataSource);
    }

    /** Axon's units of work join Spring's JDBC transactions: event append, projection row and token commit together. */
    @Bean
    TransactionManager axonTransactionManager(JdbcTransactionManager transactionManager) {
        return new SpringTransactionManager(transactionManager);
    }
}
