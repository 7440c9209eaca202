package io.movmo.booking.identity.sandbox;

import io.movmo.booking.identity.ApiKeys;
import io.movmo.booking.identity.oauth.OAuthClients;
import io.movmo.booking.shared.SandboxAdapter;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sandbox profile: makes sure the partner {@code sandbox} exists and that exactly the key in
 * {@code MOVMO_SANDBOX_API_KEY} is active for it (a changed value revokes the previous one), then prints that key so
 * a newcomer can call the API at once. Only the key's hash is stored. Provisioned while the context starts (after
 * Flyway, before the web server accepts requests), in one transaction.
 */
@Component
@Profile("sandbox")
@SandboxAdapter
@DependsOnDatabaseInitialization
public class SandboxPartner implements InitializingBean {

    public static final String PARTNER_ID = "sandbox";
    /** The sandbox partner's public OAuth client; it accepts loopback redirect URIs (http://localhost/…, http://127.0.0.1/…). */
    public static final String CLIENT_ID = "sandbox-partner";
    private static final Logger log = LoggerFactory.getLogger(SandboxPartner.class);

    private final JdbcClient jdbc;
    private final OAuthClients clients;
    private final TransactionTemplate transaction;
    private final String apiKey;

    SandboxPartner(JdbcClient jdbc, OAuthClients clients, TransactionTemplate transaction,
            @Value("${movmo.security.sandbox-api-key}") String apiKey) {
        this.jdbc = jdbc;
        this.clients = clients;
        this.transaction = transaction;
        this.apiKey = apiKey;
    }

    @Override
    public void afterPropertiesSet() {
        transaction.executeWithoutResult(tx -> provision());
    }

    private void provision() {
        jdbc.sql("INSERT INTO partner (partner_id, name) VALUES (:id, 'Sandbox partner') ON CONFLICT DO NOTHING")
                .param("id", PARTNER_ID).update();
        String hash = ApiKeys.hash(apiKey);
        jdbc.sql("UPDATE partner_api_key SET revoked_at = now() WHERE partner_id = :id AND revoked_at IS NULL AND key_hash <> :hash")
                .param("id", PARTNER_ID).param("hash", hash).update();
        jdbc.sql("""
                INSERT INTO partner_api_key (key_id, partner_id, key_prefix, key_hash) VALUES (:keyId, :id, :prefix, :hash)
                ON CONFLICT (key_hash) DO UPDATE SET revoked_at = NULL WHERE partner_api_key.partner_id = :id""")
                .param("keyId", UUID.randomUUID()).param("id", PARTNER_ID)
                .param("prefix", ApiKeys.prefix(apiKey)).param("hash", hash).update();
        clients.register(CLIENT_ID, PARTNER_ID, null, java.util.List.of(), true);
    }

    @EventListener(ApplicationReadyEvent.class)
    void announce() {
        log.info("Sandbox partner API key (send as x-api-key): {}", apiKey);
    }
}
