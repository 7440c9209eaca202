package io.movmo.booking.identity.oauth;

import io.movmo.booking.identity.ApiKeys;
import java.sql.Array;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The registered OAuth clients of all partners (blocking JDBC: call from a worker thread, never an event loop). */
@Repository
public class OAuthClients {

    private final JdbcClient jdbc;

    public OAuthClients(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<OAuthClient> find(String clientId) {
        return jdbc.sql("""
                        SELECT client_id, partner_id, confidential, secret_hash, redirect_uris, allow_loopback
                          FROM oauth_client WHERE client_id = :id AND revoked_at IS NULL""")
                .param("id", clientId)
                .query((rs, n) -> new OAuthClient(rs.getString("client_id"), rs.getString("partner_id"),
                        rs.getBoolean("confidential"), rs.getString("secret_hash"),
                        strings(rs.getArray("redirect_uris")), rs.getBoolean("allow_loopback")))
                .optional();
    }

    /** Registers a client; {@code secret} is null for a public client. Returns false when the id is taken. */
    public boolean register(String clientId, String partnerId, String secret, List<String> redirectUris, boolean allowLoopback) {
        return jdbc.sql("""
                        INSERT INTO oauth_client (client_id, partner_id, confidential, secret_hash, redirect_uris, allow_loopback)
                        VALUES (:id, :partner, :confidential, :hash, :uris, :loopback) ON CONFLICT (client_id) DO NOTHING""")
                .param("id", clientId).param("partner", partnerId).param("confidential", secret != null)
                .param("hash", secret == null ? null : ApiKeys.hash(secret))
                .param("uris", redirectUris.toArray(String[]::new)).param("loopback", allowLoopback)
                .update() == 1;
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
