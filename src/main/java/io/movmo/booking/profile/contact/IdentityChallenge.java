package io.movmo.booking.profile.contact;

/** The identity provider's answer to step 1: its opaque session and the challenge's name (e.g. {@code EMAIL_OTP}). */
public record IdentityChallenge(String session, String challengeName) {

    @Override
    public String toString() {
        return "IdentityChallenge[" + challengeName + "]"; // never the session
    }
}
