package io.movmo.booking.shared.pii;

/**
 * One piece of personal data as events, sagas and projections hold it: AES-256-GCM ciphertext (base64 of
 * {@code iv || ciphertext+tag}) under the data key of its {@code subject} (a user or passenger). Shredding the
 * subject's key makes every copy unreadable at once.
 */
public record Sealed(String subject, String ciphertext) {

    @Override
    public String toString() {
        return "Sealed[" + subject + "]"; // never the ciphertext in logs either
    }
}
