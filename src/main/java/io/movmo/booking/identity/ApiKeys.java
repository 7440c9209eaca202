package io.movmo.booking.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How partner API keys are kept: only the SHA-256 of the whole key (keys are long random strings, so a fast hash is
 * enough and keeps the per-request lookup cheap) and a short clear prefix for support staff.
 */
public final class ApiKeys {

    static final int PREFIX_LENGTH = 8;

    private ApiKeys() {}

    public static String hash(String apiKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(apiKey.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    public static String prefix(String apiKey) {
        return apiKey.substring(0, Math.min(PREFIX_LENGTH, apiKey.length()));
    }
}
