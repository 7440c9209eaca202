package io.movmo.booking.web.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.movmo.booking.testing.EngineTest;
import io.movmo.booking.testing.Partners;
import io.movmo.booking.testing.TestTokens;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Only RS256 tokens of the configured issuer, for our audience, unexpired and naming a user, are accepted. */
@EngineTest
class BearerTokenIT {

    @Autowired WebTestClient client;
    @Autowired TestTokens tokens;

    private WebTestClient.ResponseSpec call(String token) {
        return client.get().uri("/v1/flights/providers").header("x-api-key", Partners.SANDBOX_KEY)
                .headers(h -> h.setBearerAuth(token)).exchange();
    }

    private void rejected(String token) {
        call(token).expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.message").isEqualTo("unauthorized")
                .jsonPath("$.details").isEqualTo("bearer token is invalid or expired");
    }

    @Test
    void acceptsValidToken() {
        call(tokens.forUser("u-valid")).expectStatus().isOk();
    }

    @Test
    void rejectsExpiredToken() {
        rejected(tokens.forUser("u", c -> c.expirationTime(Date.from(Instant.now().minusSeconds(300)))));
    }

    @Test
    void rejectsTokenThatNeverExpires() {
        rejected(tokens.forUser("u", c -> c.expirationTime(null)));
    }

    @Test
    void rejectsOtherRsaAlgorithmsEvenWithTheIssuersKey() throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS384).keyID(tokens.signingKey().getKeyID()).build(),
                tokens.claims("u").build());
        jwt.sign(new RSASSASigner(tokens.signingKey()));
        rejected(jwt.serialize());
    }

    @Test
    void rejectsTokenNotYetValid() {
        rejected(tokens.forUser("u", c -> c.notBeforeTime(Date.from(Instant.now().plusSeconds(600)))));
    }

    @Test
    void rejectsWrongIssuer() {
        rejected(tokens.forUser("u", c -> c.issuer("https://evil.example.com")));
    }

    @Test
    void rejectsWrongAudience() {
        rejected(tokens.forUser("u", c -> c.audience(List.of("someone-else"))));
    }

    @Test
    void rejectsTokenWithoutUserId() {
        rejected(tokens.forUser("u", c -> c.claim("custom:user_id", null)));
    }

    @Test
    void rejectsUserIdThatIsNotAUuid() {
        rejected(tokens.forUser("u", c -> c.claim("custom:user_id", "not-a-uuid")));
    }

    @Test
    void rejectsUnsignedToken() {
        rejected(new PlainJWT(tokens.claims("u").build()).serialize());
    }

    @Test
    void rejectsHmacSignedWithThePublicKey() throws JOSEException {
        byte[] secret = tokens.signingKey().toPublicJWK().toRSAPublicKey().getEncoded();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(tokens.signingKey().getKeyID()).build(),
                tokens.claims("u").build());
        jwt.sign(new MACSigner(Arrays.copyOf(secret, Math.max(secret.length, 32))));
        rejected(jwt.serialize());
    }

    @Test
    void rejectsKeyTheIssuerNeverPublished() throws JOSEException {
        RSAKey stranger = new RSAKeyGenerator(2048).keyID(tokens.signingKey().getKeyID()).generate();
        rejected(TestTokens.sign(tokens.claims("u").build(), stranger));
    }

    @Test
    void rejectsTamperedPayload() {
        String[] parts = tokens.forUser("u-tamper").split("\\.");
        String other = tokens.forUser("u-admin").split("\\.")[1];
        rejected(parts[0] + "." + other + "." + parts[2]);
    }
}
