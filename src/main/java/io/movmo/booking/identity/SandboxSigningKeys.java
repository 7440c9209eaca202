package io.movmo.booking.identity;

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
import java.util.List;
import java.util.UUID;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * RS256 keys of the built-in sandbox issuer, kept in PostgreSQL so tokens stay valid across restarts. The newest
 * active key signs; all active keys are published, each under its {@code kid}.
 */
@Component
@Profile("sandbox")
@SandboxAdapter
public class SandboxSigningKeys {

    private final JdbcClient jdbc;
    private volatile List<RSAKey> active;

    SandboxSigningKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Loads (or creates) the keys before the first request, so no request thread ever waits on JDBC for them. */
    @EventListener(ApplicationReadyEvent.class)
    void warmUp() {
        activeKeys();
    }

    /** The key that signs new tokens. */
    public RSAKey signingKey() {
        return activeKeys().get(0);
    }

    /** The public halves of all active keys, as published at {@code /.well-known/jwks.json}. */
    public JWKSet publicKeys() {
        return new JWKSet(activeKeys().stream().map(k -> (com.nimbusds.jose.jwk.JWK) k.toPublicJWK()).toList());
    }

    private List<RSAKey> activeKeys() {
        List<RSAKey> keys = active;
        if (keys == null) {
            synchronized (this) {
                if (active == null) {
                    active = loadOrCreate();
                }
                keys = active;
            }
        }
        return keys;
    }

    private List<RSAKey> loadOrCreate() {
        List<RSAKey> keys = load();
        if (keys.isEmpty()) {
            RSAKey key = generate();
            jdbc.sql("INSERT INTO sandbox_signing_key (kid, private_key) VALUES (:kid, :pk) ON CONFLICT DO NOTHING")
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
