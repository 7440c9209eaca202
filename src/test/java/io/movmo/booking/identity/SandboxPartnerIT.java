package io.movmo.booking.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.movmo.booking.testing.EngineTest;
import io.movmo.booking.testing.Partners;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The sandbox partner's key is stored only as a hash, and revoking it stops it at once. */
@EngineTest
class SandboxPartnerIT {

    @Autowired JdbcClient jdbc;
    @Autowired PartnerCredentials credentials;
    @Autowired WebTestClient client;

    @Test
    void storesOnlyTheHashAndPrefixOfTheKey() {
        List<Map<String, Object>> rows = jdbc.sql("SELECT * FROM partner_api_key").query().listOfRows();
        assertThat(rows).filteredOn(r -> ApiKeys.hash(Partners.SANDBOX_KEY).equals(r.get("key_hash")))
                .singleElement().satisfies(r -> {
                    assertThat(r.get("key_prefix")).isEqualTo("sandbox-");
                    assertThat(r.get("revoked_at")).isNull();
                });
        assertThat(rows).allSatisfy(r -> assertThat(r.values()).noneMatch(v -> String.valueOf(v).contains(Partners.SANDBOX_KEY)));
        assertThat(credentials.findByApiKey(Partners.SANDBOX_KEY).block()).isEqualTo(new Partner("sandbox", "Sandbox partner"));
    }

    @Test
    void revokedKeyIsRefusedImmediately() {
        String key = "revocable-key-123456";
        jdbc.sql("INSERT INTO partner_api_key (key_id, partner_id, key_prefix, key_hash) VALUES (gen_random_uuid(), 'sandbox', :p, :h)")
                .param("p", ApiKeys.prefix(key)).param("h", ApiKeys.hash(key)).update();
        client.get().uri("/v1/flights/providers/darwin/capabilities").header("x-api-key", key).exchange().expectStatus().isOk();

        jdbc.sql("UPDATE partner_api_key SET revoked_at = now() WHERE key_hash = :h").param("h", ApiKeys.hash(key)).update();
        client.get().uri("/v1/flights/providers/darwin/capabilities").header("x-api-key", key).exchange().expectStatus().isUnauthorized();
    }
}
