package io.movmo.booking.platform.pii;

import io.movmo.booking.shared.SandboxAdapter;
import io.movmo.booking.shared.pii.DataKeyService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sandbox stand-in for KMS: data keys wrapped with AES-GCM under a local 256-bit master key, read from a file
 * (created with owner-only permissions on first start, e.g. {@code ./.data/master.key}).
 */
@SandboxAdapter
public final class LocalDataKeyService implements DataKeyService {

    private final byte[] masterKey;
    private final SecureRandom random = new SecureRandom();

    public LocalDataKeyService(Path masterKeyFile) {
        this.masterKey = loadOrCreate(masterKeyFile);
    }

    @Override
    public DataKey generate() {
        byte[] plain = new byte[32];
        random.nextBytes(plain);
        byte[] iv = new byte[12];
        random.nextBytes(iv);
        byte[] wrapped = crypt(Cipher.ENCRYPT_MODE, iv, plain);
        return new DataKey(plain, ByteBuffer.allocate(12 + wrapped.length).put(iv).put(wrapped).array());
    }

    @Override
    public byte[] unwrap(byte[] wrapped) {
        return crypt(Cipher.DECRYPT_MODE, Arrays.copyOfRange(wrapped, 0, 12), Arrays.copyOfRange(wrapped, 12, wrapped.length));
    }

    private byte[] crypt(int mode, byte[] iv, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(masterKey, "AES"), new GCMParameterSpec(128, iv));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("data key could not be " + (mode == Cipher.ENCRYPT_MODE ? "wrapped" : "unwrapped"), e);
        }
    }

    private byte[] loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                byte[] key = Files.readAllBytes(file);
                if (key.length != 32) {
                    throw new IllegalStateException("master key file " + file + " must hold exactly 32 bytes");
                }
                return key;
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            byte[] key = new byte[32];
            random.nextBytes(key);
            Files.write(file, key);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the master key file " + file, e);
        }
    }
}
