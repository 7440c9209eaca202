package io.movmo.booking.identity;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** Resolves the partner behind an API key, reactively, by the key's hash; revoked keys resolve to nothing. */
@Repository
public class PartnerCredentials {

    private final DatabaseClient db;

    PartnerCredentials(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Partner> findByApiKey(String apiKey) {
        return resolve(apiKey).map(ResolvedKey::partner);
    }

    /** The key's id and its partner, for an active key. */
    public Mono<ResolvedKey> resolve(String apiKey) {
        return db.sql("""
                        SELECT k.key_id, p.partner_id, p.name
                          FROM partner_api_key k JOIN partner p ON p.partner_id = k.partner_id
                         WHERE k.key_hash = :hash AND k.revoked_at IS NULL""")
                .bind("hash", ApiKeys.hash(apiKey))
                .map((row, meta) -> new ResolvedKey(row.get("key_id", java.util.UUID.class),
                        new Partner(row.get("partner_id", String.class), row.get("name", String.class))))
                .one();
    }

    public record ResolvedKey(java.util.UUID keyId, Partner partner) {}
}
