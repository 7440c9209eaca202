package io.movmo.booking.testing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Signs a user in through the sandbox issuer as a partner app would (PKCE), and answers the access token. */
public final class SandboxSignIn {

    private static final String REDIRECT = "http://localhost:8765/cb";

    private SandboxSignIn() {}

    public static String accessToken(WebTestClient client, String email) {
        byte[] bytes = new byte[48];
        new SecureRandom().nextBytes(bytes);
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String location = client.get().uri(b -> b.path("/v1/oauth/authorize").queryParam("response_type", "code")
                        .queryParam("client_id", "sandbox-partner").queryParam("redirect_uri", REDIRECT)
                        .queryParam("code_challenge", s256(verifier)).queryParam("code_challenge_method", "S256")
                        .queryParam("login_hint", email).build())
                .exchange().expectStatus().isFound().returnResult(Void.class).getResponseHeaders().getLocation().toString();
        String code = location.replaceAll(".*[?&]code=([^&]+).*", "$1");
        Map<String, Object> tokens = client.post().uri("/v1/oauth/token").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("grant_type", "authorization_code", "client_id", "sandbox-partner", "code", code,
                        "code_verifier", verifier, "redirect_uri", REDIRECT))
                .exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {}).returnResult().getResponseBody();
        return (String) tokens.get("access_token");
    }

    private static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
