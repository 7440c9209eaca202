package io.movmo.booking.testing;

/** The sandbox partner's key as the test profile provisions it. */
public final class Partners {

    public static final String SANDBOX_KEY = "sandbox-partner-key";

    private Partners() {}
}
