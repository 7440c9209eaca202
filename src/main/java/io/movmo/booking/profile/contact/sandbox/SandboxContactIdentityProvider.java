package io.movmo.booking.profile.contact.sandbox;

import io.movmo.booking.profile.contact.ContactCodeRejectedException;
import io.movmo.booking.profile.contact.ContactIdentityProvider;
import io.movmo.booking.profile.contact.IdentityChallenge;
import io.movmo.booking.profile.contact.VerificationCodes;
import io.movmo.booking.profile.contact.VerificationCodes.Outcome;
import io.movmo.booking.shared.SandboxAdapter;
import io.movmo.booking.shared.Sha256;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

/**
 * The sandbox's stand-in for Cognito in the contact-change flow: the identity code and the new-email code are
 * "emailed" to the outbox and checked like Cognito checks them (single use, expiring, attempt-limited); the session
 * and access token are random opaque strings, bound to the user (by their current email) and the step.
 */
@SandboxAdapter
public class SandboxContactIdentityProvider implements ContactIdentityProvider {

    static final Duration CODE_LIFETIME = Duration.ofMinutes(10);

    private final VerificationCodes codes;
    private final SandboxOutbox outbox;
    private final SecureRandom random = new SecureRandom();

    public SandboxContactIdentityProvider(VerificationCodes codes, SandboxOutbox outbox) {
        this.codes = codes;
        this.outbox = outbox;
    }

    @Override
    public IdentityChallenge challengeIdentity(String username) {
        String session = opaque();
        String code = codes.issue("identity:" + sha256(session + "|" + username), CODE_LIFETIME);
        outbox.email(username, "Your Movmo sign-in code is " + code + ". It expires in 10 minutes. "
                + "If you did not ask to change your contact details, ignore this message.");
        return new IdentityChallenge(session, "EMAIL_OTP");
    }

    @Override
    public String verifyIdentity(String username, String session, String code) {
        require(codes.check("identity:" + sha256(session + "|" + username), code));
        return "sandbox-access-" + opaque();
    }

    @Override
    public void requestEmailChange(String accessToken, String newEmail) {
        String code = codes.issue("email:" + sha256(accessToken), CODE_LIFETIME);
        outbox.email(newEmail, "Your Movmo verification code is " + code + ". It expires in 10 minutes.");
    }

    @Override
    public void confirmEmailChange(String accessToken, String code) {
        require(codes.check("email:" + sha256(accessToken), code));
    }

    @Override
    public void setVerifiedPhone(String username, String phoneNumber) {
        // The sandbox directory keeps no phone numbers: the engine's own record (ContactChangedEvent) is the change.
    }

    private static void require(Outcome outcome) {
        if (outcome != Outcome.ACCEPTED) {
            throw new ContactCodeRejectedException(outcome);
        }
    }

    private String opaque() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String sha256(String value) {
        return Sha256.hex(value);
    }
}
