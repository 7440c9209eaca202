package io.movmo.booking.profile;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import io.movmo.booking.testing.ClearTextScan;
import io.movmo.booking.testing.EngineTest;
import io.movmo.booking.testing.Partners;
import io.movmo.booking.testing.SandboxSignIn;
import io.movmo.booking.testing.TestTokens;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Users read and replace their profile; the seed's rules hold; the fields stay sealed everywhere they are stored. */
@EngineTest
class UserProfileIT {

    @Autowired WebTestClient client;
    @Autowired TestTokens tokens;
    @Autowired JdbcClient jdbc;

    record SignedIn(String token, String userId) {}

    private SignedIn signIn(String email) throws Exception {
        String token = SandboxSignIn.accessToken(client, email);
        return new SignedIn(token, SignedJWT.parse(token).getJWTClaimsSet().getStringClaim("custom:user_id"));
    }

    private WebTestClient.ResponseSpec put(SignedIn user, String userId, Map<String, Object> body) {
        return client.put().uri("/v1/users/{id}", userId).header("x-api-key", Partners.SANDBOX_KEY)
                .headers(h -> h.setBearerAuth(user.token())).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private WebTestClient.BodyContentSpec get(String token, String path) {
        return client.get().uri(path).header("x-api-key", Partners.SANDBOX_KEY).headers(h -> h.setBearerAuth(token))
                .exchange().expectStatus().isOk().expectBody();
    }

    private static Map<String, Object> jane() {
        Map<String, Object> body = new HashMap<>();
        body.put("first_name", "Jane");
        body.put("middle_name", "Ada");
        body.put("last_name", "O'Traveler-Smith");
        body.put("suffix", "Jr");
        body.put("date_of_birth", "1988-07-12");
        body.put("gender", "female");
        body.put("known_traveler_number", "KTN123456");
        body.put("profile_photo_url", "https://cdn.movmo.io/u/jane.jpg");
        return body;
    }

    @Test
    void replacesTheProfileAndServesItAtOnce() throws Exception {
        SignedIn user = signIn("profile.owner@example.com");
        Map<String, Object> body = jane();
        body.put("email", "hijack@example.com"); // stripped: only the contact-change flow changes it
        body.put("phone_number", "+15550000000");
        put(user, user.userId(), body).expectStatus().isNoContent().expectBody().isEmpty();

        for (String path : List.of("/v1/users/me", "/v1/users/" + user.userId())) {
            get(user.token(), path)
                    .jsonPath("$.first_name").isEqualTo("Jane")
                    .jsonPath("$.last_name").isEqualTo("O'Traveler-Smith")
                    .jsonPath("$.date_of_birth").isEqualTo("1988-07-12")
                    .jsonPath("$.known_traveler_number").isEqualTo("KTN123456")
                    .jsonPath("$.email").isEqualTo("profile.owner@example.com")
                    .jsonPath("$.phone_number").isEqualTo("");
        }

        long started = System.nanoTime();
        put(user, user.userId(), Map.of("first_name", "Janet")).expectStatus().isNoContent();
        // It answered because the read model showed the change, not because the 20 s wait ran out.
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isLessThan(java.time.Duration.ofSeconds(10));
        get(user.token(), "/v1/users/me").jsonPath("$.first_name").isEqualTo("Janet").jsonPath("$.last_name").doesNotExist();
    }

    @Test
    void refusesFieldsAgainstTheSeedsRulesAndChangesNothing() throws Exception {
        SignedIn user = signIn("strict.rules@example.com");
        put(user, user.userId(), jane()).expectStatus().isNoContent();
        Map<String, Object> bad = jane();
        bad.put("first_name", "J4ne");
        bad.put("suffix", "Junior-The-Third");
        bad.put("gender", "other");
        bad.put("known_traveler_number", "12");
        bad.put("date_of_birth", "2999-01-01");
        bad.put("profile_photo_url", "javascript:alert(1)");
        put(user, user.userId(), bad).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.message").isEqualTo("Validation failed")
                .jsonPath("$.fields.first_name.field").isEqualTo("first_name")
                .jsonPath("$.fields.suffix").exists()
                .jsonPath("$.fields.gender").exists()
                .jsonPath("$.fields.known_traveler_number").exists()
                .jsonPath("$.fields.date_of_birth").exists()
                .jsonPath("$.fields.profile_photo_url").exists();
        get(user.token(), "/v1/users/me").jsonPath("$.first_name").isEqualTo("Jane");
    }

    @Test
    void answersNotFoundForAUserWhoNeverSignedIn() {
        String stranger = UUID.randomUUID().toString();
        String token = tokens.forUser(stranger);
        client.get().uri("/v1/users/{id}", stranger).header("x-api-key", Partners.SANDBOX_KEY)
                .headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isNotFound();
        client.put().uri("/v1/users/{id}", stranger).header("x-api-key", Partners.SANDBOX_KEY)
                .headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("first_name", "Ann"))
                .exchange().expectStatus().isNotFound();
    }

    @Test
    void letsAdminsReadAnyUserAndNoOneElse() throws Exception {
        SignedIn owner = signIn("watched@example.com");
        String admin = tokens.forUser(UUID.randomUUID().toString(), c -> c.claim("cognito:groups", List.of("admin")));
        get(admin, "/v1/users/" + owner.userId()).jsonPath("$.email").isEqualTo("watched@example.com");
        SignedIn other = signIn("nosy@example.com");
        client.get().uri("/v1/users/{id}", owner.userId()).header("x-api-key", Partners.SANDBOX_KEY)
                .headers(h -> h.setBearerAuth(other.token())).exchange().expectStatus().isForbidden();
    }

    @Test
    void keepsProfileFieldsOutOfEveryTableInClearText() throws Exception {
        SignedIn user = signIn("sealed.profile@example.com");
        Map<String, Object> body = jane();
        body.put("last_name", "Zyxwvutsrqp");
        put(user, user.userId(), body).expectStatus().isNoContent();
        ClearTextScan.assertStoredNowhere(jdbc, "Zyxwvutsrqp");
    }
}
