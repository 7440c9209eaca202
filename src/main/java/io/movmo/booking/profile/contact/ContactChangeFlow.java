package io.movmo.booking.profile.contact;

import io.movmo.booking.shared.Sha256;
import io.movmo.booking.shared.UserId;
import io.movmo.booking.shared.pii.PersonalDataVault;
import io.movmo.booking.shared.pii.Sealed;
import io.movmo.booking.web.ApiException;
import io.movmo.booking.web.FieldValidationException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The three steps of a contact change, minus the final event (which the caller sends as {@code ChangeContactCommand}
 * and then calls {@link #finish}). Each user has at most one change in progress ({@code contact_change}), which
 * lives 10 minutes from its latest step. The session and access token the user must bring back are stored hashed;
 * the new value sealed. Codes are the identity provider's (identity, new email) or the engine's (new phone:
 * {@link VerificationCodes}, sent by {@link SmsSender}). Blocking: call from a worker thread.
 *
 * <p>Crash safety: a confirmed change is marked {@code confirmed} before the event is sent, so a repeat of step 3
 * (after a crash or a timeout) skips the provider (whose code is spent) and just records the change.
 */
@Component
public class ContactChangeFlow {

    private static final Logger log = LoggerFactory.getLogger(ContactChangeFlow.class);

    static final Duration LIFETIME = Duration.ofMinutes(10);

    private final JdbcClient jdbc;
    private final PersonalDataVault vault;
    private final ContactIndex contacts;
    private final ContactIdentityProvider identity;
    private final VerificationCodes codes;
    private final SmsSender sms;
    private final Clock clock = Clock.systemUTC();

    ContactChangeFlow(JdbcClient jdbc, PersonalDataVault vault, ContactIndex contacts, ContactIdentityProvider identity,
            VerificationCodes codes, SmsSender sms) {
        this.jdbc = jdbc;
        this.vault = vault;
        this.contacts = contacts;
        this.identity = identity;
        this.codes = codes;
        this.sms = sms;
    }

    private record InProgress(ContactType type, Sealed newValue, String sessionHash, String accessTokenHash,
            String stage, Instant expiresAt) {}

    /** Step 1: checks the new value is free, sends the identity code to the current email, and starts the change. */
    public IdentityChallenge initiate(UserId user, String currentEmail, ContactType type, String newValue) {
        boolean confirmedNotRecorded = jdbc.sql("SELECT count(*) FROM contact_change WHERE user_id = :user AND stage = 'confirmed'")
                .param("user", uuid(user)).query(Integer.class).single() > 0;
        if (confirmedNotRecorded) {
            // The identity provider has the last change already; it must be recorded before another one starts.
            throw new ApiException(HttpStatus.CONFLICT, "the previous contact change is still being recorded",
                    "repeat POST /v1/users/me/contact/confirm, or try again in a few minutes");
        }
        requireFree(user, type, newValue);
        IdentityChallenge challenge = identity.challengeIdentity(currentEmail);
        Instant now = clock.instant();
        jdbc.sql("""
                INSERT INTO contact_change (user_id, contact_type, new_value_sealed, session_hash, stage, expires_at, created_at)
                VALUES (:user, :type, :value, :session, 'initiated', :expires, :now)
                ON CONFLICT (user_id) DO UPDATE SET contact_type = excluded.contact_type,
                    new_value_sealed = excluded.new_value_sealed, session_hash = excluded.session_hash,
                    access_token_hash = NULL, stage = 'initiated', expires_at = excluded.expires_at,
                    created_at = excluded.created_at""")
                .param("user", uuid(user)).param("type", type.wire())
                .param("value", vault.seal(user.personalDataSubject(), newValue).ciphertext())
                .param("session", sha256(challenge.session())).param("expires", Timestamp.from(now.plus(LIFETIME)))
                .param("now", Timestamp.from(now)).update();
        log.info("Contact change started: type={}", type.wire());
        return challenge;
    }

    /** Step 2: verifies the identity code, then sends a code to the new contact; answers the access token for step 3. */
    public String verifyIdentity(UserId user, String currentEmail, String session, String code, ContactType type,
            String newValue) {
        InProgress change = inProgress(user);
        if (!"initiated".equals(change.stage()) || !MessageDigest.isEqual(bytes(sha256(session)), bytes(change.sessionHash()))) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "session does not match the contact change in progress",
                    "use the session returned by the latest POST /v1/users/me/contact/initiate");
        }
        requireSameChange(user, change, type, newValue);
        requireFree(user, type, newValue);
        String accessToken;
        try {
            accessToken = identity.verifyIdentity(currentEmail, session, code);
        } catch (ContactCodeRejectedException e) {
            throw rejected(e.outcome());
        }
        if (type == ContactType.EMAIL) {
            identity.requestEmailChange(accessToken, newValue);
        } else {
            String phoneCode = codes.issue(phoneCodeKey(user, newValue), LIFETIME);
            sms.send(newValue, "Your Movmo verification code is " + phoneCode + ". It expires in 10 minutes.");
        }
        jdbc.sql("""
                UPDATE contact_change SET access_token_hash = :token, stage = 'identity_verified', expires_at = :expires
                WHERE user_id = :user""")
                .param("user", uuid(user)).param("token", sha256(accessToken))
                .param("expires", Timestamp.from(clock.instant().plus(LIFETIME))).update();
        log.info("Contact change identity verified: type={}", type.wire());
        return accessToken;
    }

    /**
     * Step 3: verifies the code sent to the new contact and has the identity provider record it; answers the new
     * value sealed for the user, to be recorded with {@code ChangeContactCommand}.
     */
    public Sealed confirm(UserId user, String currentEmail, String accessToken, String code, ContactType type,
            String newValue) {
        InProgress change = inProgress(user);
        if ("initiated".equals(change.stage()) || change.accessTokenHash() == null
                || !MessageDigest.isEqual(bytes(sha256(accessToken)), bytes(change.accessTokenHash()))) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "access_token does not match the contact change in progress",
                    "use the access_token returned by POST /v1/users/me/contact/verify-identity");
        }
        String value = vault.open(change.newValue());
        if (change.type() != type) {
            throw invalid("contact_type", "must match the contact_type submitted at the initiate step");
        }
        if (type == ContactType.PHONE && newValue == null) {
            throw invalid("new_value", "is required for phone changes");
        }
        if (newValue != null && !ContactIndex.normalized(type, newValue).equals(ContactIndex.normalized(type, value))) {
            throw invalid("new_value", "must match the value submitted at the initiate step");
        }
        if ("confirmed".equals(change.stage())) {
            return change.newValue(); // confirmed before, not yet recorded: record it now
        }
        requireFree(user, type, value);
        try {
            if (type == ContactType.EMAIL) {
                identity.confirmEmailChange(accessToken, code);
            } else {
                VerificationCodes.Outcome outcome = codes.check(phoneCodeKey(user, value), code);
                if (outcome != VerificationCodes.Outcome.ACCEPTED) {
                    throw rejected(outcome);
                }
                identity.setVerifiedPhone(currentEmail, value);
            }
        } catch (ContactCodeRejectedException e) {
            throw rejected(e.outcome());
        }
        jdbc.sql("UPDATE contact_change SET stage = 'confirmed' WHERE user_id = :user").param("user", uuid(user)).update();
        log.info("Contact change confirmed: type={}", type.wire());
        return change.newValue();
    }

    /** The change is recorded: nothing is in progress any more. */
    public void finish(UserId user) {
        jdbc.sql("DELETE FROM contact_change WHERE user_id = :user").param("user", uuid(user)).update();
    }

    /** Drops changes abandoned before confirmation past their expiry (dead already; this keeps the table small). */
    public int sweepAbandoned() {
        return jdbc.sql("DELETE FROM contact_change WHERE expires_at < :now AND stage <> 'confirmed'")
                .param("now", Timestamp.from(clock.instant())).update();
    }

    /** A change the identity provider confirmed that the engine has not recorded yet. */
    public record Unrecorded(UserId user, ContactType type, Sealed value) {}

    /**
     * Confirmed changes whose user did not repeat step 3 after a failed recording, past their expiry: the
     * maintenance task records them (the identity provider already has them), then calls {@link #finish}.
     */
    public java.util.List<Unrecorded> unrecorded() {
        return jdbc.sql("SELECT user_id, contact_type, new_value_sealed FROM contact_change WHERE stage = 'confirmed' AND expires_at < :now")
                .param("now", Timestamp.from(clock.instant()))
                .query((rs, n) -> {
                    UserId user = new UserId(rs.getString("user_id"));
                    return new Unrecorded(user, "email".equals(rs.getString("contact_type")) ? ContactType.EMAIL : ContactType.PHONE,
                            new Sealed(user.personalDataSubject(), rs.getString("new_value_sealed")));
                })
                .list();
    }

    private InProgress inProgress(UserId user) {
        Optional<InProgress> change = jdbc.sql("SELECT * FROM contact_change WHERE user_id = :user")
                .param("user", uuid(user))
                .query((rs, n) -> new InProgress(
                        "email".equals(rs.getString("contact_type")) ? ContactType.EMAIL : ContactType.PHONE,
                        new Sealed(user.personalDataSubject(), rs.getString("new_value_sealed")),
                        rs.getString("session_hash"), rs.getString("access_token_hash"), rs.getString("stage"),
                        rs.getTimestamp("expires_at").toInstant()))
                .optional();
        if (change.isEmpty() || !change.get().expiresAt().isAfter(clock.instant())) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "no contact change in progress, or it expired",
                    "start again with POST /v1/users/me/contact/initiate");
        }
        return change.get();
    }

    private void requireSameChange(UserId user, InProgress change, ContactType type, String newValue) {
        if (change.type() != type) {
            throw invalid("contact_type", "must match the contact_type submitted at the initiate step");
        }
        if (!ContactIndex.normalized(type, newValue).equals(ContactIndex.normalized(type, vault.open(change.newValue())))) {
            throw invalid("new_value", "must match the value submitted at the initiate step");
        }
    }

    private void requireFree(UserId user, ContactType type, String value) {
        if (contacts.heldByAnother(user, type, value)) {
            throw new ApiException(HttpStatus.CONFLICT, type.wire() + " already in use");
        }
        if (contacts.heldBy(user, type, value)) {
            throw new ApiException(HttpStatus.CONFLICT, "this is already the account's " + type.wire());
        }
    }

    private static RuntimeException rejected(VerificationCodes.Outcome outcome) {
        return switch (outcome) {
            case WRONG -> invalid("code", "is incorrect; check the latest code sent and try again");
            case TOO_MANY_ATTEMPTS -> invalid("code", "was entered wrongly too many times; start again with /v1/users/me/contact/initiate");
            default -> invalid("code", "has expired or was already used; start again with /v1/users/me/contact/initiate");
        };
    }

    static FieldValidationException invalid(String field, String rule) {
        return new FieldValidationException(field, rule);
    }

    /**
     * Keyed by user and a keyed fingerprint of the new number: the code store holds no phone number, and (unlike a
     * plain hash) its keys cannot be reversed by trying every number.
     */
    private String phoneCodeKey(UserId user, String phone) {
        return "phone-change:" + user.value() + ":" + vault.fingerprint(user.personalDataSubject(), phone);
    }

    private static UUID uuid(UserId user) {
        return UUID.fromString(user.value());
    }

    private static byte[] bytes(String hex) {
        return hex.getBytes(StandardCharsets.US_ASCII);
    }

    static String sha256(String value) {
        return Sha256.hex(value);
    }
}
