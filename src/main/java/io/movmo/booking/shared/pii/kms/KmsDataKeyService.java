package io.movmo.booking.shared.pii.kms;

import io.movmo.booking.shared.pii.DataKeyService;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.KmsClientBuilder;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.IncorrectKeyException;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;

/**
 * The production {@link DataKeyService}: AWS KMS envelope encryption. {@code GenerateDataKey} makes an AES-256 data
 * key under {@code movmo.kms.key-id}; {@code Decrypt} unwraps it, restricted to that same key. Both bind the
 * {@linkplain #ENCRYPTION_CONTEXT encryption context}, so a blob wrapped for another purpose does not unwrap here.
 *
 * <p>Failures of KMS are {@link KeyServiceUnavailableException}s; a blob this key cannot unwrap (corrupt, wrapped
 * under another key or context) and a data key of the wrong size are {@link IllegalStateException}s, which no retry
 * fixes. Nothing here logs, and no message carries key material.
 *
 * <p>Decrypt names the key, so keep {@code key-id} pointing at the key that wrapped the stored blobs: KMS's own
 * rotation is transparent, but re-pointing an alias at a new key makes every older blob fail with
 * {@code IncorrectKeyException}.
 */
public class KmsDataKeyService implements DataKeyService, AutoCloseable {

    /** Bound to every wrapped key: changing it makes every stored data key unreadable. */
    static final Map<String, String> ENCRYPTION_CONTEXT = Map.of("purpose", "movmo-personal-data");

    private static final int KEY_BYTES = 32;
    private static final String NOT_VALID = "wrapped data key is not valid for this key";

    private final KmsClient kms;
    private final String keyId;
    private final boolean ownsClient;

    /** Talks to KMS in {@code region} with the default AWS credentials chain (environment, web identity, ...). */
    public KmsDataKeyService(KmsProperties properties) {
        this(client(properties, DefaultCredentialsProvider.builder().build()), properties.keyId(), true);
    }

    /** Uses {@code kms} as configured; the caller keeps it and closes it. */
    public KmsDataKeyService(KmsClient kms, String keyId) {
        this(kms, keyId, false);
    }

    private KmsDataKeyService(KmsClient kms, String keyId, boolean ownsClient) {
        if (keyId == null || keyId.isBlank()) {
            throw new IllegalStateException("movmo.kms.key-id must name the KMS key that wraps personal-data keys");
        }
        this.kms = kms;
        this.keyId = keyId;
        this.ownsClient = ownsClient;
    }

    /**
     * The client the properties describe. Retries follow the SDK's standard mode whatever the environment says
     * (3 attempts for throttling, 5xx and I/O errors, jittered backoff), all within {@code api-call-timeout}.
     */
    static KmsClient client(KmsProperties properties, AwsCredentialsProvider credentials) {
        if (properties.region() == null || properties.region().isBlank()) {
            throw new IllegalStateException("movmo.kms.region must be the AWS region of the KMS key, e.g. eu-west-1");
        }
        KmsClientBuilder builder = KmsClient.builder()
                .region(Region.of(properties.region()))
                .credentialsProvider(credentials)
                .overrideConfiguration(o -> o
                        .apiCallTimeout(properties.apiCallTimeout())
                        .retryStrategy(RetryMode.STANDARD));
        if (properties.endpoint() != null) {
            builder.endpointOverride(properties.endpoint());
        }
        return builder.build();
    }

    @Override
    public DataKey generate() {
        var response = call("GenerateDataKey", () -> kms.generateDataKey(request -> request
                .keyId(keyId)
                .keySpec(DataKeySpec.AES_256)
                .encryptionContext(ENCRYPTION_CONTEXT)));
        byte[] plain = dataKey("GenerateDataKey", response.plaintext());
        SdkBytes wrapped = response.ciphertextBlob();
        if (wrapped == null || wrapped.asByteBuffer().remaining() == 0) {
            Arrays.fill(plain, (byte) 0);
            throw new IllegalStateException("KMS GenerateDataKey returned no wrapped data key");
        }
        return new DataKey(plain, wrapped.asByteArray());
    }

    @Override
    public byte[] unwrap(byte[] wrapped) {
        if (wrapped == null || wrapped.length == 0) {
            throw new IllegalArgumentException("wrapped data key is empty");
        }
        var response = call("Decrypt", () -> kms.decrypt(request -> request
                .ciphertextBlob(SdkBytes.fromByteArray(wrapped))
                .keyId(keyId)
                .encryptionContext(ENCRYPTION_CONTEXT)));
        return dataKey("Decrypt", response.plaintext());
    }

    @Override
    public void close() {
        if (ownsClient) {
            kms.close();
        }
    }

    private static <T> T call(String operation, Supplier<T> call) {
        try {
            return call.get();
        } catch (InvalidCiphertextException | IncorrectKeyException e) {
            throw new IllegalStateException(NOT_VALID + " (KMS " + operation + ": "
                    + e.awsErrorDetails().errorCode() + ")", e);
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            throw new KeyServiceUnavailableException("KMS " + operation + " failed: "
                    + (code == null ? "unknown error" : code) + " (HTTP " + e.statusCode() + ")", e);
        } catch (SdkException e) {
            throw new KeyServiceUnavailableException("KMS " + operation + " failed: "
                    + e.getClass().getSimpleName(), e);
        }
    }

    private static byte[] dataKey(String operation, SdkBytes plaintext) {
        byte[] key = plaintext == null ? new byte[0] : plaintext.asByteArray();
        if (key.length != KEY_BYTES) {
            int length = key.length;
            Arrays.fill(key, (byte) 0);
            throw new IllegalStateException("KMS " + operation + " returned a " + length
                    + "-byte data key, expected " + KEY_BYTES);
        }
        return key;
    }
}
