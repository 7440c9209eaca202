package io.movmo.booking.identity.sandbox;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.movmo.booking.shared.SandboxAdapter;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * RS256 keys of the built-in sandbox issuer, kept in PostgreSQL so tokens stay valid across restarts. The newest
 * active key signs; all active keys are published, each under its {@code kid}. Loaded (or created, once, under an
 * advisory lock so two nodes starting together agree on one key) while the context starts, so no request ever
 * waits on JDBC for them, and refreshed every {@code movmo.sandbox.signing-key-refresh-interval} (30 s): a key
 * rotated or retired on one node takes effect on every node within that interval.
 */
@Component
@Profile("sandbox")
@SandboxAdapter
@DependsOnDatabaseInitialization
public class SandboxSigningKeys implements InitializingBean, org.springframework.beans.factory.DisposableBean {

    private static final long CREATION_LOCK = 0x6d6f766d6f4b4559L; // "movmoKEY"

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private volatile List<RSAKey> active;
    private volatile Instant lastUnknownKidReload = Instant.EPOCH;

    private final Duration reloadInterval;
    private final Duration refreshInterval;
    private final java.util.concurrent.ScheduledExecutorService refresher =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "sandbox-signing-keys");
                t.setDaemon(true);
                return t;
            });

    SandboxSigningKeys(JdbcClient jdbc, TransactionTemplate transaction,
            @Value("${movmo.sandbox.unknown-kid-reload-interval:10s}") Duration reloadInterval,
            @Value("${movmo.sandbox.signing-key-refresh-interval:30s}") Duration refreshInterval) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.reloadInterval = reloadInterval;
        this.refreshInterval = refreshInterval;
    }

    @Override
    public void afterPropertiesSet() {
        active = transaction.execute(tx -> loadOrCreate());
        refresher.scheduleWithFixedDelay(this::refresh, refreshInterval.toMillis(), refreshInterval.toMillis(),
                java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    @Override
    public void destroy() {
        refresher.shutdownNow();
    }

    /** Picks up keys rotated or retired on any node, so every node signs and verifies with the same set. */
    private void refresh() {
        try {
            reload();
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(SandboxSigningKeys.class).warn("Could not refresh the sandbox signing keys", e);
        }
    }

    /** The key that signs new tokens. */
    public RSAKey signingKey() {
        return active.get(0);
    }

    /** The public halves of all active keys, as published at {@code /.well-known/jwks.json}. */
    public JWKSet publicKeys() {
        return new JWKSet(active.stream().map(k -> (com.nimbusds.jose.jwk.JWK) k.toPublicJWK()).toList());
    }

    /**
     * The published keys for verifying a token signed with {@code kid}. A kid this node has not seen (another node
     * rotated) triggers one reload, at most once per {@code movmo.sandbox.unknown-kid-reload-interval} (10 s), off
     * the event loop, so tokens with made-up kids cannot hammer the database.
     */
    public Mono<JWKSet> publicKeysFor(String kid) {
        if (kid == null || active.stream().anyMatch(k -> kid.equals(k.getKeyID()))
                || Duration.between(lastUnknownKidReload, Instant.now()).compareTo(reloadInterval) < 0) {
            return Mono.just(publicKeys());
        }
        lastUnknownKidReload = Instant.now();
        return Mono.fromCallable(() -> {
            reload();
            return publicKeys();
        }).subscribeOn(Schedulers.boundedElastic());
    }

    /** Adds a signing key for new tokens; earlier keys stay published, so tokens they signed stay valid. */
    public String rotate() {
        RSAKey key = generate();
        jdbc.sql("INSERT INTO sandbox_signing_key (kid, private_key, created_at) VALUES (:kid, :pk, clock_timestamp())")
                .param("kid", key.getKeyID()).param("pk", privateBytes(key)).update();
        reload();
        return key.getKeyID();
    }

    /**
     * Stops publishing a key: tokens it signed are refused at once on this node and within the refresh interval on
     * the others. Answers false for an unknown or already retired key; the last active key cannot be retired.
     */
    public boolean retire(String kid) {
        Boolean retired = transaction.execute(tx -> {
            jdbc.sql("SELECT pg_advisory_xact_lock(:lock)").param("lock", CREATION_LOCK).query().singleRow();
            if (load().size() <= 1) {
                throw new IllegalStateException("the last active signing key cannot be retired");
            }
            return jdbc.sql("UPDATE sandbox_signing_key SET retired_at = now() WHERE kid = :kid AND retired_at IS NULL")
                    .param("kid", kid).update() == 1;
        });
        reload();
        return Boolean.TRUE.equals(retired);
    }

    private void reload() {
        active = load();
    }

    private List<RSAKey> loadOrCreate() {
        jdbc.sql("SELECT pg_advisory_xact_lock(:lock)").param("lock", CREATION_LOCK).query().singleRow();
        List<RSAKey> keys = load();
        if (keys.isEmpty()) {
            RSAKey key = generate();
            jdbc.sql("INSERT INTO sandbox_signing_key (kid, private_key) VALUES (:kid, :pk)")
                    .param("kid", key.getKeyID()).param("pk", privateBytes(key)).update();
            keys = load();
        }
        return keys;
    }

    private List<RSAKey> load() {
        return jdbc.sql("SELECT kid, private_key FROM sandbox_signing_key WHERE retired_at IS NULL ORDER BY created_at DESC, kid")
                .query((rs, n) -> restore(rs.getString("kid"), rs.getBytes("private_key")))
                .list();
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString())
                    .keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not generate the sandbox issuer key", e);
        }
    }

    private static byte[] privateBytes(RSAKey key) {
        try {
            return key.toRSAPrivateKey().getEncoded();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey restore(String kid, byte[] pkcs8) {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPrivateCrtKey priv = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            RSAPublicKey pub = (RSAPublicKey) rsa.generatePublic(new RSAPublicKeySpec(priv.getModulus(), priv.getPublicExponent()));
            return new RSAKey.Builder(pub).privateKey(priv).keyID(kid)
                    .keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).build();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("Sandbox signing key " + kid + " is unreadable", e);
        }
    }
}
