package io.movmo.booking.shared.pii.kms;

/**
 * KMS could not make or unwrap a data key: the service failed or timed out, or the key is missing, disabled or not
 * ours to use. The message names the operation and the AWS error code, never key material.
 */
public class KeyServiceUnavailableException extends RuntimeException {

    public KeyServiceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
