package io.movmo.booking.identity.oauth;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Drives the sandbox sign-in the way a partner app does: a PKCE pair, the authorize redirect, the code. */
final class PkceClient {

    static final String CLIENT_ID = "sandbox-partner";
    static final String REDIRECT_URI = "http://127.0.0.1:7777/callback";
    /** A state with characters a careless redirect mangles: it must come back byte for byte. */
    static final String STATE = "st 1/x=&é";

    final String verifier;
    final String challenge;

    PkceClient() {
        byte[] bytes = new byte[48];
        new SecureRandom().nextBytes(bytes);
        verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        challenge = s256(verifier);
    }

    static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Follows authorize and answers the redirect's query parameters, decoded. */
    Map<String, String> authorize(WebTestClient client, String email, Consumer<Map<String, String>> extra) {
        Map<String, String> params = new java.util.LinkedHashMap<>();
        params.put("response_type", "code");
        params.put("client_id", CLIENT_ID);
        params.put("redirect_uri", REDIRECT_URI);
        params.put("code_challenge", challenge);
        params.put("code_challenge_method", "S256");
        params.put("state", STATE);
        params.put("login_hint", email);
        extra.accept(params);
        // URI variables: each value is encoded once, strictly (& = space and non-ASCII included).
        String template = "/v1/oauth/authorize?" + params.keySet().stream().map(k -> k + "={" + k + "}")
                .collect(java.util.stream.Collectors.joining("&"));
        URI location = client.get().uri(template, params).exchange()
                .expectStatus().isFound()
                .returnResult(Void.class).getResponseHeaders().getLocation();
        return java.util.Arrays.stream(location.getRawQuery().split("&")).map(pair -> pair.split("=", 2))
                .collect(java.util.stream.Collectors.toMap(kv -> kv[0],
                        kv -> java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8)));
    }

    String code(WebTestClient client, String email) {
        return authorize(client, email, p -> {}).get("code");
    }
}
