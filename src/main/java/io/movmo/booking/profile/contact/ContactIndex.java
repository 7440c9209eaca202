package io.movmo.booking.profile.contact;

import io.movmo.booking.shared.UserId;
import io.movmo.booking.shared.pii.PersonalDataShreddedException;
import io.movmo.booking.shared.pii.PersonalDataVault;
import io.movmo.booking.shared.pii.Sealed;
import java.util.Locale;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code user_contact} table: which user holds which email and phone number, as keyed fingerprints (never in
 * clear). Written by the profile projection, read by the contact-change flow to refuse a contact another account
 * already has. Blocking.
 */
@Component
public class ContactIndex {

    static final String SUBJECT = "index:contacts";

    /**
     * An erased user (their data key shredded) holds nothing any more. Erasure is not an event yet, so their rows stay
     * until the next rebuild (which leaves them out); reads ignore them meanwhile.
     */
    public static final String NOT_ERASED = """

              AND NOT EXISTS (SELECT 1 FROM subject_data_key k
                              WHERE k.subject = 'user:' || uc.user_id AND k.wrapped_key IS NULL)""";

    private final JdbcClient jdbc;
    private final PersonalDataVault vault;

    ContactIndex(JdbcClient jdbc, PersonalDataVault vault) {
        this.jdbc = jdbc;
        this.vault = vault;
    }

    /** Emails compare without case; phone numbers are E.164 already. */
    static String normalized(ContactType type, String value) {
        return type == ContactType.EMAIL ? value.trim().toLowerCase(Locale.ROOT) : value.trim();
    }

    /** Records that {@code user} holds the sealed value (replacing what they held of that type). */
    public void index(UserId user, ContactType type, Sealed value) {
        String clear;
        try {
            clear = vault.open(value);
        } catch (PersonalDataShreddedException e) {
            return; // an erased user holds nothing any more
        }
        if (clear.isBlank()) {
            return;
        }
        jdbc.sql("""
                INSERT INTO user_contact (user_id, contact_type, fingerprint) VALUES (:user, :type, :fp)
                ON CONFLICT (user_id, contact_type) DO UPDATE SET fingerprint = excluded.fingerprint""")
                .param("user", UUID.fromString(user.value())).param("type", type.wire())
                .param("fp", vault.fingerprint(SUBJECT, normalized(type, clear))).update();
    }

    /** Whether a user other than {@code user} holds {@code value}. */
    public boolean heldByAnother(UserId user, ContactType type, String value) {
        return jdbc.sql("""
                SELECT count(*) FROM user_contact uc
                WHERE contact_type = :type AND fingerprint = :fp AND user_id <> :user""" + NOT_ERASED)
                .param("user", UUID.fromString(user.value())).param("type", type.wire())
                .param("fp", vault.fingerprint(SUBJECT, normalized(type, value)))
                .query(Integer.class).single() > 0;
    }

    /** Whether {@code user} holds {@code value} already. */
    public boolean heldBy(UserId user, ContactType type, String value) {
        return jdbc.sql("""
                SELECT count(*) FROM user_contact uc WHERE contact_type = :type AND fingerprint = :fp AND user_id = :user""" + NOT_ERASED)
                .param("user", UUID.fromString(user.value())).param("type", type.wire())
                .param("fp", vault.fingerprint(SUBJECT, normalized(type, value)))
                .query(Integer.class).single() > 0;
    }
}
