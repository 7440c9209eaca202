package io.movmo.booking.shared.pii;

/**
 * Makes and unwraps data keys: AWS KMS in production ({@code GenerateDataKey}/{@code Decrypt}), a local master key
 * in the sandbox. The wrapped form is what the database stores; the plain form lives only in memory.
 */
public interface DataKeyService {

    /** A fresh AES-256 data key, in the clear (32 bytes) and wrapped. */
    DataKey generate();

    /** The clear data key inside {@code wrapped}. */
    byte[] unwrap(byte[] wrapped);

    record DataKey(byte[] plain, byte[] wrapped) {}
}
