package io.movmo.booking.platform.database;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code movmo.database.*}: {@code url} ({@code MOVMO_DATABASE_URL}) points at a PostgreSQL server; without it the
 * engine runs an embedded PostgreSQL whose data lives in {@code embedded.data-dir}.
 */
@ConfigurationProperties("movmo.database")
public record DatabaseProperties(
        String url,
        @DefaultValue Embedded embedded,
        @DefaultValue("10") int jdbcPoolSize,
        @DefaultValue("10") int r2dbcPoolSize) {

    public boolean usesEmbedded() {
        return url == null || url.isBlank();
    }

    public record Embedded(@DefaultValue("./.data/postgres") Path dataDir, @DefaultValue("0") int port) {}
}
