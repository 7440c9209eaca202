package io.movmo.booking.identity;

import io.movmo.booking.shared.Sha256;


/**
 * How partner API keys are kept: only the SHA-256 of the whole key (keys are long random strings, so a fast hash is
 * enough and keeps the per-request lookup cheap) and a short clear prefix for support staff.
 */
public final class ApiKeys {

    static final int PREFIX_LENGTH = 8;

    private ApiKeys() {}

    public static String hash(String apiKey) {
        return Sha256.hex(apiKey);
    }

    public static String prefix(String apiKey) {
        return apiKey.substring(0, Math.min(PREFIX_LENGTH, apiKey.length()));
    }
}
