package io.movmo.booking.platform.database;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Where a PostgreSQL database lives and how to log in, parsed from {@code postgresql://user:pass@host:port/db}
 * (the form of {@code MOVMO_DATABASE_URL}), optionally with {@code ?sslmode=require} (or disable, allow, prefer,
 * verify-ca, verify-full), which both JDBC and R2DBC honour. Any other query parameter is refused rather than
 * silently dropped. The password never appears in {@link #toString()}.
 */
public record PostgresCoordinates(String host, int port, String database, String user, String password, String sslMode) {

    public static final int DEFAULT_PORT = 5432;
    private static final java.util.Set<String> SSL_MODES =
            java.util.Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

    public PostgresCoordinates(String host, int port, String database, String user, String password) {
        this(host, port, database, user, password, null);
    }

    public static PostgresCoordinates parse(String url) {
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw invalid("it is not a URI");
        }
        if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
            throw invalid("the scheme must be postgresql://");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw invalid("it names no host");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceFirst("^/", "");
        if (path.isBlank() || path.contains("/")) {
            throw invalid("it must name exactly one database, as in postgresql://user:pass@host:5432/movmo");
        }
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : null;
        }
        if (user == null || user.isBlank()) {
            throw invalid("it names no user");
        }
        return new PostgresCoordinates(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : DEFAULT_PORT,
                decode(path), user, password, sslMode(uri.getRawQuery()));
    }

    private static String sslMode(String query) {
        if (query == null || query.isBlank()) {
            return null;
        }
        String mode = null;
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            if (!kv[0].equals("sslmode") || kv.length < 2 || !SSL_MODES.contains(kv[1])) {
                throw invalid("the only query parameter understood is sslmode=" + String.join("|", new java.util.TreeSet<>(SSL_MODES)));
            }
            mode = kv[1];
        }
        return mode;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database + (sslMode == null ? "" : "?sslmode=" + sslMode);
    }

    public PostgresCoordinates withDatabase(String otherDatabase) {
        return new PostgresCoordinates(host, port, otherDatabase, user, password, sslMode);
    }

    @Override
    public String toString() {
        return "postgresql://" + user + "@" + host + ":" + port + "/" + database + (sslMode == null ? "" : "?sslmode=" + sslMode);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static IllegalArgumentException invalid(String why) {
        // The URL itself is not echoed: it carries a password.
        return new IllegalArgumentException("MOVMO_DATABASE_URL is invalid: " + why);
    }
}
