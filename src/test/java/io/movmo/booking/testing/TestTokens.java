package io.movmo.booking.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.movmo.booking.identity.sandbox.SandboxSigningKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.springframework.core.env.Environment;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** Mints ID tokens the way the sandbox issuer signs them, with hooks to spoil one claim or header at a time. */
@Component
@Profile("sandbox")
public class TestTokens {

    public static final String AUDIENCE = "movmo-partner-api";

    private final SandboxSigningKeys keys;
    private final String issuer;

    public TestTokens(SandboxSigningKeys keys, Environment env) {
        this.keys = keys;
        this.issuer = env.getRequiredProperty("movmo.sandbox.issuer");
    }

    public String forUser(String userId) {
        return sign(claims(userId).build(), keys.signingKey());
    }

    public String forUser(String userId, UnaryOperator<JWTClaimsSet.Builder> spoil) {
        return sign(spoil.apply(claims(userId)).build(), keys.signingKey());
    }

    /**
     * The user id a test label stands for: the label itself when it is a UUID, otherwise a UUID derived from it
     * (tokens name users by UUID).
     */
    public static String userId(String label) {
        try {
            return UUID.fromString(label).toString();
        } catch (IllegalArgumentException e) {
            return UUID.nameUUIDFromBytes(label.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
        }
    }

    public JWTClaimsSet.Builder claims(String label) {
        String userId = userId(label);
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(UUID.randomUUID().toString())
                .audience(List.of(AUDIENCE))
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(15))))
                .claim("custom:user_id", userId)
                .claim("email", label + "@example.com");
    }

    public static String sign(JWTClaimsSet claims, RSAKey key) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public RSAKey signingKey() {
        return keys.signingKey();
    }
}
