package io.movmo.booking.profile.contact;

/**
 * The identity provider's part of the three-step contact change. {@code username} is the user's name at the provider
 * (their current email). Blocking: call it from a worker thread. Refused codes or sessions throw
 * {@link ContactCodeRejectedException}; a value the provider already has for another account throws
 * {@link ContactAlreadyInUseException}; the provider being unreachable or failing throws
 * {@link ContactDeliveryException}. Nothing here logs codes, sessions, tokens or contact values.
 */
public interface ContactIdentityProvider {

    /** Step 1: sends a one-time code to the user's current email; answers the provider's session. */
    IdentityChallenge challengeIdentity(String username);

    /** Step 2: answers the challenge with the code; answers a fresh access token of the user at the provider. */
    String verifyIdentity(String username, String session, String code);

    /** Step 2, email change: sets the new email (unverified) with the access token; the provider sends it a code. */
    void requestEmailChange(String accessToken, String newEmail);

    /** Step 3, email change: verifies the code sent to the new email; the provider's email is the new one after. */
    void confirmEmailChange(String accessToken, String code);

    /** Step 3, phone change (its code was checked by the engine): records the new number as verified. */
    void setVerifiedPhone(String username, String phoneNumber);
}
