package io.movmo.booking.identity.sandbox;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.movmo.booking.identity.ApiKeys;
import io.movmo.booking.identity.oauth.CodeExchange;
import io.movmo.booking.identity.oauth.IdentityProvider;
import io.movmo.booking.identity.oauth.OAuthException;
import io.movmo.booking.identity.oauth.RefreshGrant;
import io.movmo.booking.identity.oauth.TokenSet;
import io.movmo.booking.shared.SandboxAdapter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The built-in issuer that makes the partner sign-in journey work offline, standing where Cognito stands in
 * production: a directory of users (any email may sign in), PKCE authorization codes (single use, ten minutes),
 * RS256 ID tokens signed with {@link SandboxSigningKeys}, and refresh tokens rotated on every use, whose reuse
 * revokes their whole family. Codes and refresh tokens are stored only as hashes.
 */
@Component
@Profile("sandbox")
@SandboxAdapter
public class SandboxIssuer implements IdentityProvider {

    static final Duration CODE_LIFETIME = Duration.ofMinutes(10);
    static final Duration CODE_GRANT_TOKEN_LIFETIME = Duration.ofSeconds(900);
    static final Duration REFRESH_GRANT_TOKEN_LIFETIME = Duration.ofSeconds(3600);
    static final Duration REFRESH_TOKEN_LIFETIME = Duration.ofDays(30);

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final SandboxSigningKeys keys;
    private final String issuer;
    private final String audience;
    private final Set<String> supportEmails;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    SandboxIssuer(JdbcClient jdbc, TransactionTemplate transaction, SandboxSigningKeys keys,
            @Value("${movmo.sandbox.issuer}") String issuer,
            @Value("${movmo.security.jwt.audience}") String audience,
            @Value("${movmo.sandbox.support-emails:}") String supportEmails) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.keys = keys;
        this.issuer = issuer;
        this.audience = audience.split(",")[0].trim();
        this.supportEmails = Arrays.stream(supportEmails.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        this.clock = Clock.systemUTC();
    }

    /** An authorization the sandbox grants at once (auto-consent) for the user named by {@code login_hint}. */
    public record Authorization(String clientId, String redirectUri, String codeChallenge, String resource,
            String scope, String email) {}

    /** Records the authorization and answers the code the client will exchange (blocking: call off the event loop). */
    public String authorize(Authorization authorization) {
        String code = randomToken();
        transaction.executeWithoutResult(tx -> {
            SandboxIdentity user = identity(authorization.email());
            jdbc.sql("""
                    INSERT INTO sandbox_authorization_code
                      (code_hash, client_id, redirect_uri, code_challenge, resource, scope, user_id, family_id, expires_at)
                    VALUES (:hash, :client, :redirect, :challenge, :resource, :scope, :user, :family, :expires)""")
                    .param("hash", ApiKeys.hash(code)).param("client", authorization.clientId())
                    .param("redirect", authorization.redirectUri()).param("challenge", authorization.codeChallenge())
                    .param("resource", authorization.resource()).param("scope", authorization.scope())
                    .param("user", user.userId()).param("family", UUID.randomUUID())
                    .param("expires", Timestamp.from(clock.instant().plus(CODE_LIFETIME))).update();
        });
        return code;
    }

    @Override
    public Mono<TokenSet> exchangeCode(CodeExchange exchange) {
        return committed(() -> redeem(exchange));
    }

    @Override
    public Mono<TokenSet> refresh(RefreshGrant grant) {
        return committed(() -> rotate(grant));
    }

    @Override
    public Mono<Void> revoke(String refreshToken, String clientId, String clientSecret) {
        return Mono.fromRunnable(() -> transaction.executeWithoutResult(tx ->
                jdbc.sql("""
                        SELECT family_id FROM sandbox_refresh_token WHERE token_hash = :hash AND client_id = :client""")
                        .param("hash", ApiKeys.hash(refreshToken)).param("client", clientId)
                        .query(UUID.class).optional().ifPresent(this::revokeFamily)))
                .subscribeOn(Schedulers.boundedElastic()).then();
    }

    /**
     * Runs a grant in one transaction that commits even when the grant is refused: a consumed code stays consumed
     * and a revoked family stays revoked. The refusal is raised only after the commit.
     */
    private Mono<TokenSet> committed(java.util.function.Supplier<TokenSet> grant) {
        return Mono.fromCallable(() -> {
            Object outcome = transaction.execute(tx -> {
                try {
                    return grant.get();
                } catch (OAuthException refused) {
                    return refused;
                }
            });
            if (outcome instanceof OAuthException refused) {
                throw refused;
            }
            return (TokenSet) outcome;
        }).subscribeOn(Schedulers.boundedElastic());
    }

    private TokenSet redeem(CodeExchange exchange) {
        Map<String, Object> code = jdbc.sql("SELECT * FROM sandbox_authorization_code WHERE code_hash = :hash FOR UPDATE")
                .param("hash", ApiKeys.hash(exchange.code())).query().listOfRows().stream().findFirst()
                .orElseThrow(() -> OAuthException.invalidGrant("authorization code is unknown"));
        if (code.get("consumed_at") != null) {
            // A replayed code may have been stolen: everything issued from it is withdrawn (RFC 6749 §4.1.2).
            revokeFamily((UUID) code.get("family_id"));
            throw OAuthException.invalidGrant("authorization code was already used");
        }
        jdbc.sql("UPDATE sandbox_authorization_code SET consumed_at = now() WHERE code_hash = :hash")
                .param("hash", code.get("code_hash")).update();
        if (((Timestamp) code.get("expires_at")).toInstant().isBefore(clock.instant())) {
            throw OAuthException.invalidGrant("authorization code has expired");
        }
        if (!code.get("client_id").equals(exchange.clientId())) {
            throw OAuthException.invalidGrant("authorization code was issued to another client");
        }
        if (!code.get("redirect_uri").equals(exchange.redirectUri())) {
            throw OAuthException.invalidGrant("redirect_uri does not match the authorization request");
        }
        if (!s256(exchange.codeVerifier()).equals(code.get("code_challenge"))) {
            throw OAuthException.invalidGrant("code_verifier does not match the code_challenge");
        }
        Object resource = code.get("resource");
        if (exchange.resource() != null && !exchange.resource().equals(resource)) {
            throw new OAuthException(org.springframework.http.HttpStatus.BAD_REQUEST, "invalid_target",
                    "resource does not match the authorization request");
        }
        SandboxIdentity user = identity((UUID) code.get("user_id"));
        String scope = (String) code.get("scope");
        String refreshToken = issueRefreshToken((UUID) code.get("family_id"), exchange.clientId(), user.userId(), scope);
        return new TokenSet(idToken(user, exchange.clientId(), scope, CODE_GRANT_TOKEN_LIFETIME), refreshToken,
                CODE_GRANT_TOKEN_LIFETIME.toSeconds());
    }

    private TokenSet rotate(RefreshGrant grant) {
        Map<String, Object> token = jdbc.sql("SELECT * FROM sandbox_refresh_token WHERE token_hash = :hash FOR UPDATE")
                .param("hash", ApiKeys.hash(grant.refreshToken())).query().listOfRows().stream().findFirst()
                .orElseThrow(() -> OAuthException.invalidGrant("refresh token is unknown"));
        UUID family = (UUID) token.get("family_id");
        if (token.get("rotated_at") != null) {
            revokeFamily(family);
            throw OAuthException.invalidGrant("refresh token was already used; its family is revoked");
        }
        if (token.get("revoked_at") != null) {
            throw OAuthException.invalidGrant("refresh token is revoked");
        }
        if (((Timestamp) token.get("expires_at")).toInstant().isBefore(clock.instant())) {
            throw OAuthException.invalidGrant("refresh token has expired");
        }
        if (!token.get("client_id").equals(grant.clientId())) {
            throw OAuthException.invalidGrant("refresh token was issued to another client");
        }
        jdbc.sql("UPDATE sandbox_refresh_token SET rotated_at = now() WHERE token_hash = :hash")
                .param("hash", token.get("token_hash")).update();
        SandboxIdentity user = identity((UUID) token.get("user_id"));
        String scope = (String) token.get("scope");
        String next = issueRefreshToken(family, grant.clientId(), user.userId(), scope);
        return new TokenSet(idToken(user, grant.clientId(), scope, REFRESH_GRANT_TOKEN_LIFETIME), next,
                REFRESH_GRANT_TOKEN_LIFETIME.toSeconds());
    }

    private void revokeFamily(UUID family) {
        jdbc.sql("UPDATE sandbox_refresh_token SET revoked_at = now() WHERE family_id = :family AND revoked_at IS NULL")
                .param("family", family).update();
    }

    private String issueRefreshToken(UUID family, String clientId, UUID userId, String scope) {
        String token = randomToken();
        jdbc.sql("""
                INSERT INTO sandbox_refresh_token (token_hash, family_id, client_id, user_id, scope, expires_at)
                VALUES (:hash, :family, :client, :user, :scope, :expires)""")
                .param("hash", ApiKeys.hash(token)).param("family", family).param("client", clientId)
                .param("user", userId).param("scope", scope)
                .param("expires", Timestamp.from(clock.instant().plus(REFRESH_TOKEN_LIFETIME))).update();
        return token;
    }

    /** The directory entry for {@code email}, created on first sign-in. */
    private SandboxIdentity identity(String email) {
        String normalized = email.toLowerCase(Locale.ROOT);
        jdbc.sql("INSERT INTO sandbox_identity (email, user_id) VALUES (:email, :id) ON CONFLICT (email) DO NOTHING")
                .param("email", normalized).param("id", UUID.randomUUID()).update();
        return lookup("email = :key", normalized);
    }

    private SandboxIdentity identity(UUID userId) {
        return lookup("user_id = :key", userId);
    }

    private SandboxIdentity lookup(String condition, Object key) {
        return jdbc.sql("SELECT email, user_id, phone_number FROM sandbox_identity WHERE " + condition)
                .param("key", key)
                .query((rs, n) -> new SandboxIdentity(rs.getString("email"), rs.getObject("user_id", UUID.class),
                        rs.getString("phone_number"),
                        supportEmails.contains(rs.getString("email")) ? List.of("support") : List.of()))
                .single();
    }

    private String idToken(SandboxIdentity user, String clientId, String scope, Duration lifetime) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(user.userId().toString())
                .audience(List.of(clientId, audience))
                .claim("azp", clientId)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .claim("auth_time", now.getEpochSecond())
                .claim("token_use", "id")
                .claim("custom:user_id", user.userId().toString())
                .claim("email", user.email())
                .claim("email_verified", true)
                .claim("scope", scope);
        if (user.phoneNumber() != null) {
            claims.claim("phone_number", user.phoneNumber());
        }
        if (!user.groups().isEmpty()) {
            claims.claim("cognito:groups", user.groups()); // Cognito's name, which production tokens carry
            claims.claim("groups", user.groups());
        }
        RSAKey key = keys.signingKey();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims.build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw OAuthException.serverError("could not sign the token");
        }
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
