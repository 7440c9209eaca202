package io.movmo.booking.testing;

import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A user signed in through the sandbox issuer, calling the partner API with the sandbox partner's key and their token. */
public record SignedInUser(WebTestClient client, String token, String userId) {

    public static SignedInUser signIn(WebTestClient client, String email) {
        String token = SandboxSignIn.accessToken(client, email);
        try {
            return new SignedInUser(client, token, SignedJWT.parse(token).getJWTClaimsSet().getStringClaim("custom:user_id"));
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code path} with {@code {me}} replaced by this user's id. */
    private String at(String path) {
        return path.replace("{me}", userId);
    }

    public WebTestClient.ResponseSpec get(String path) {
        return client.get().uri(at(path)).header("x-api-key", Partners.SANDBOX_KEY)
                .headers(h -> h.setBearerAuth(token)).exchange();
    }

    public WebTestClient.ResponseSpec post(String path, Object body) {
        return client.post().uri(at(path)).header("x-api-key", Partners.SANDBOX_KEY)
                .headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    public WebTestClient.ResponseSpec put(String path, Object body) {
        return client.put().uri(at(path)).header("x-api-key", Partners.SANDBOX_KEY)
                .headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    public WebTestClient.ResponseSpec delete(String path) {
        return client.delete().uri(at(path)).header("x-api-key", Partners.SANDBOX_KEY)
                .headers(h -> h.setBearerAuth(token)).exchange();
    }

    /** Posts and answers the {@code id} of a 201 {@code CreatedIdResponse}. */
    public String create(String path, Object body) {
        return post(path, body).expectStatus().isCreated().expectBody(Created.class).returnResult().getResponseBody().id();
    }

    record Created(String id) {}
}
