package io.movmo.booking.profile.contact.sandbox;

import io.movmo.booking.profile.contact.VerificationCodes;
import io.movmo.booking.shared.SandboxAdapter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sandbox {@link VerificationCodes} in PostgreSQL ({@code sandbox_verification_code}): salted SHA-256 of the code,
 * attempts counted, expiry enforced on read. A check runs in one transaction holding the row lock, so two concurrent
 * right answers cannot both be accepted.
 */
@SandboxAdapter
public class PostgresVerificationCodes implements VerificationCodes {

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public PostgresVerificationCodes(JdbcClient jdbc, TransactionTemplate transactions, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public String issue(String key, Duration ttl) {
        String code = "%06d".formatted(random.nextInt(1_000_000));
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        jdbc.sql("""
                INSERT INTO sandbox_verification_code (code_key, salt, code_hash, attempts, expires_at)
                VALUES (:key, :salt, :hash, 0, :expires)
                ON CONFLICT (code_key) DO UPDATE SET salt = excluded.salt, code_hash = excluded.code_hash,
                    attempts = 0, expires_at = excluded.expires_at""")
                .param("key", key).param("salt", salt).param("hash", hash(salt, code))
                .param("expires", Timestamp.from(clock.instant().plus(ttl))).update();
        return code;
    }

    @Override
    public Outcome check(String key, String code) {
        return transactions.execute(status -> {
            Map<String, Object> row = jdbc.sql("SELECT * FROM sandbox_verification_code WHERE code_key = :key FOR UPDATE")
                    .param("key", key).query().listOfRows().stream().findFirst().orElse(null);
            if (row == null || !((Timestamp) row.get("expires_at")).toInstant().isAfter(clock.instant())) {
                return Outcome.UNKNOWN;
            }
            int attempts = ((Number) row.get("attempts")).intValue();
            if (attempts >= MAX_ATTEMPTS) {
                return Outcome.TOO_MANY_ATTEMPTS;
            }
            if (code != null && MessageDigest.isEqual(hash((byte[]) row.get("salt"), code), (byte[]) row.get("code_hash"))) {
                jdbc.sql("DELETE FROM sandbox_verification_code WHERE code_key = :key").param("key", key).update();
                return Outcome.ACCEPTED;
            }
            jdbc.sql("UPDATE sandbox_verification_code SET attempts = attempts + 1 WHERE code_key = :key")
                    .param("key", key).update();
            return attempts + 1 >= MAX_ATTEMPTS ? Outcome.TOO_MANY_ATTEMPTS : Outcome.WRONG;
        });
    }

    /** Expired codes are dead already; this only keeps the table small. */
    public int sweep(Instant before) {
        return jdbc.sql("DELETE FROM sandbox_verification_code WHERE expires_at < :before")
                .param("before", Timestamp.from(before)).update();
    }

    private static byte[] hash(byte[] salt, String code) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(salt);
            return digest.digest(code.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
