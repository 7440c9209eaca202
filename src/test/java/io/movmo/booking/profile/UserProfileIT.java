package io.movmo.booking.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.movmo.booking.testing.ClearTextScan;
import io.movmo.booking.testing.EngineTest;
import io.movmo.booking.testing.Partners;
import io.movmo.booking.testing.SignedInUser;
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

    private static final String ME = "/v1/users/{me}";

    @Autowired WebTestClient client;
    @Autowired TestTokens tokens;
    @Autowired JdbcClient jdbc;

    private SignedInUser signIn(String email) {
        return SignedInUser.signIn(client, email);
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
    void replacesTheProfileAndServesItAtOnce() {
        SignedInUser user = signIn("profile.owner@example.com");
        Map<String, Object> body = jane();
        body.put("email", "hijack@example.com"); // stripped: only the contact-change flow changes it
        body.put("phone_number", "+15550000000");
        user.put(ME, body).expectStatus().isNoContent().expectBody().isEmpty();

        for (String path : List.of("/v1/users/me", "/v1/users/" + user.userId())) {
            user.get(path).expectStatus().isOk().expectBody()
                    .jsonPath("$.first_name").isEqualTo("Jane")
                    .jsonPath("$.last_name").isEqualTo("O'Traveler-Smith")
                    .jsonPath("$.date_of_birth").isEqualTo("1988-07-12")
                    .jsonPath("$.known_traveler_number").isEqualTo("KTN123456")
                    .jsonPath("$.email").isEqualTo("profile.owner@example.com")
                    .jsonPath("$.phone_number").isEqualTo("");
        }

        long started = System.nanoTime();
        user.put(ME, Map.of("first_name", "Janet")).expectStatus().isNoContent();
        // It answered because the read model showed the change, not because the 20 s wait ran out.
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isLessThan(java.time.Duration.ofSeconds(10));
        user.get("/v1/users/me").expectStatus().isOk().expectBody()
                .jsonPath("$.first_name").isEqualTo("Janet").jsonPath("$.last_name").doesNotExist();
    }

    @Test
    void refusesFieldsAgainstTheSeedsRulesAndChangesNothing() {
        SignedInUser user = signIn("strict.rules@example.com");
        user.put(ME, jane()).expectStatus().isNoContent();
        Map<String, Object> bad = jane();
        bad.put("first_name", "J4ne");
        bad.put("suffix", "Junior-The-Third");
        bad.put("gender", "other");
        bad.put("known_traveler_number", "12");
        bad.put("date_of_birth", "2999-01-01");
        bad.put("profile_photo_url", "javascript:alert(1)");
        user.put(ME, bad).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.message").isEqualTo("Validation failed")
                .jsonPath("$.fields.first_name.field").isEqualTo("first_name")
                .jsonPath("$.fields.suffix").exists()
                .jsonPath("$.fields.gender").exists()
                .jsonPath("$.fields.known_traveler_number").exists()
                .jsonPath("$.fields.date_of_birth").exists()
                .jsonPath("$.fields.profile_photo_url").exists();
        user.get("/v1/users/me").expectStatus().isOk().expectBody().jsonPath("$.first_name").isEqualTo("Jane");
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
    void letsAdminsReadAnyUserAndNoOneElse() {
        SignedInUser owner = signIn("watched@example.com");
        String admin = tokens.forUser(UUID.randomUUID().toString(), c -> c.claim("cognito:groups", List.of("admin")));
        client.get().uri("/v1/users/{id}", owner.userId()).header("x-api-key", Partners.SANDBOX_KEY)
                .headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.email").isEqualTo("watched@example.com");
        SignedInUser other = signIn("nosy@example.com");
        other.get("/v1/users/" + owner.userId()).expectStatus().isForbidden();
    }

    @Test
    void keepsProfileFieldsOutOfEveryTableInClearText() {
        SignedInUser user = signIn("sealed.profile@example.com");
        Map<String, Object> body = jane();
        body.put("last_name", "Zyxwvutsrqp");
        user.put(ME, body).expectStatus().isNoContent();
        ClearTextScan.assertStoredNowhere(jdbc, "Zyxwvutsrqp");
    }
}
