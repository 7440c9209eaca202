package io.movmo.booking.platform.pii;

import io.movmo.booking.shared.pii.DataKeyService;
import io.movmo.booking.shared.pii.PersonalDataShreddedException;
import io.movmo.booking.shared.pii.PersonalDataVault;
import io.movmo.booking.shared.pii.Sealed;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * AES-256-GCM under one data key per subject, the key kept wrapped in {@code subject_data_key} by a
 * {@link DataKeyService}. The subject is bound into each ciphertext as associated data, so a value cannot be moved
 * to another subject. Every use reads the subject's wrapped key from the database, so a key shredded on any node
 * is gone for every node at once; only the unwrapping (a KMS call in production) is cached, by wrapped key.
 */
public final class EnvelopePersonalDataVault implements PersonalDataVault {

    private static final byte VERSION = 1;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int CACHED_KEYS = 10_000;

    private final DataKeyService keys;
    private final JdbcClient jdbc;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, byte[]> unwrapped = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
            return size() > CACHED_KEYS;
        }
    };

    public EnvelopePersonalDataVault(DataKeyService keys, JdbcClient jdbc) {
        this.keys = keys;
        this.jdbc = jdbc;
    }

    @Override
    public Sealed seal(String subject, String plaintext) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        byte[] ciphertext = crypt(Cipher.ENCRYPT_MODE, keyFor(subject, true), iv, subject,
                plaintext.getBytes(StandardCharsets.UTF_8));
        ByteBuffer out = ByteBuffer.allocate(1 + IV_BYTES + ciphertext.length).put(VERSION).put(iv).put(ciphertext);
        return new Sealed(subject, Base64.getEncoder().encodeToString(out.array()));
    }

    @Override
    public String open(Sealed sealed) {
        ByteBuffer in = ByteBuffer.wrap(Base64.getDecoder().decode(sealed.ciphertext()));
        if (in.get() != VERSION) {
            throw new IllegalArgumentException("unknown sealed-value version");
        }
        byte[] iv = new byte[IV_BYTES];
        in.get(iv);
        byte[] ciphertext = new byte[in.remaining()];
        in.get(ciphertext);
        return new String(crypt(Cipher.DECRYPT_MODE, keyFor(sealed.subject(), false), iv, sealed.subject(), ciphertext),
                StandardCharsets.UTF_8);
    }

    @Override
    public String fingerprint(String subject, String value) {
        try {
            // A key of its own, derived from the data key, so digests and ciphertexts never share a key.
            Mac derive = Mac.getInstance("HmacSHA256");
            derive.init(new SecretKeySpec(keyFor(subject, true), "HmacSHA256"));
            byte[] fingerprintKey = derive.doFinal("movmo-fingerprint-v1".getBytes(StandardCharsets.UTF_8));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(fingerprintKey, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("fingerprint could not be computed", e);
        }
    }

    @Override
    public void shred(String subject) {
        jdbc.sql("""
                INSERT INTO subject_data_key (subject, wrapped_key, shredded_at) VALUES (:s, NULL, now())
                ON CONFLICT (subject) DO UPDATE SET wrapped_key = NULL, shredded_at = now()""")
                .param("s", subject).update();
    }

    private byte[] keyFor(String subject, boolean createIfMissing) {
        Optional<Map<String, Object>> row = load(subject);
        if (row.isEmpty() && createIfMissing) {
            DataKeyService.DataKey fresh = keys.generate();
            jdbc.sql("INSERT INTO subject_data_key (subject, wrapped_key) VALUES (:s, :k) ON CONFLICT (subject) DO NOTHING")
                    .param("s", subject).param("k", fresh.wrapped()).update();
            row = load(subject); // another node may have won the race: use its key
        }
        if (row.isEmpty() || row.get().get("wrapped_key") == null) {
            throw new PersonalDataShreddedException(subject);
        }
        byte[] wrapped = (byte[]) row.get().get("wrapped_key");
        String cacheKey = Base64.getEncoder().encodeToString(wrapped);
        synchronized (unwrapped) {
            byte[] cached = unwrapped.get(cacheKey);
            if (cached != null) {
                return cached;
            }
        }
        byte[] plain = keys.unwrap(wrapped);
        synchronized (unwrapped) {
            unwrapped.put(cacheKey, plain);
        }
        return plain;
    }

    private Optional<Map<String, Object>> load(String subject) {
        return jdbc.sql("SELECT wrapped_key FROM subject_data_key WHERE subject = :s").param("s", subject)
                .query().listOfRows().stream().findFirst();
    }

    private static byte[] crypt(int mode, byte[] key, byte[] iv, String subject, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(subject.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("personal data could not be " + (mode == Cipher.ENCRYPT_MODE ? "sealed" : "opened"), e);
        }
    }
}
