package io.movmo.booking.platform.database;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Where a PostgreSQL database lives and how to log in, parsed from {@code postgresql://user:pass@host:port/db}
 * (the form of {@code MOVMO_DATABASE_URL}). The password never appears in {@link #toString()}.
 */
public record PostgresCoordinates(String host, int port, String database, String user, String password) {

    public static final int DEFAULT_PORT = 5432;

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
                decode(path), user, password);
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public PostgresCoordinates withDatabase(String otherDatabase) {
        return new PostgresCoordinates(host, port, otherDatabase, user, password);
    }

    @Override
    public String toString() {
        return "postgresql://" + user + "@" + host + ":" + port + "/" + database;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static IllegalArgumentException invalid(String why) {
        // The URL itself is not echoed: it carries a password.
        return new IllegalArgumentException("MOVMO_DATABASE_URL is invalid: " + why);
    }
}
