package io.movmo.booking.identity.oauth;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.util.UriComponentsBuilder;

/** Drives the sandbox sign-in the way a partner app does: a PKCE pair, the authorize redirect, the code. */
final class PkceClient {

    static final String CLIENT_ID = "sandbox-partner";
    static final String REDIRECT_URI = "http://127.0.0.1:7777/callback";

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

    /** Follows authorize and answers the redirect's query parameters. */
    Map<String, String> authorize(WebTestClient client, String email, Consumer<UriComponentsBuilder> extra) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/v1/oauth/authorize")
                .queryParam("response_type", "code").queryParam("client_id", CLIENT_ID)
                .queryParam("redirect_uri", REDIRECT_URI).queryParam("code_challenge", challenge)
                .queryParam("code_challenge_method", "S256").queryParam("state", "st-123")
                .queryParam("login_hint", email);
        extra.accept(uri);
        URI location = client.get().uri(uri.encode().build().toUriString()).exchange()
                .expectStatus().isFound()
                .returnResult(Void.class).getResponseHeaders().getLocation();
        return UriComponentsBuilder.fromUri(location).build().getQueryParams().toSingleValueMap().entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                        e -> java.net.URLDecoder.decode(e.getValue(), StandardCharsets.UTF_8)));
    }

    String code(WebTestClient client, String email) {
        return authorize(client, email, b -> {}).get("code");
    }
}
