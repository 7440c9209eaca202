package io.movmo.booking.profile;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import io.movmo.booking.shared.pii.PersonalDataVault;
import io.movmo.booking.testing.EngineTest;
import io.movmo.booking.testing.Partners;
import io.movmo.booking.testing.SandboxSignIn;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The first sign-in registers the user through the User aggregate, GET /v1/users/me works with the token just
 * issued, and the email exists in clear text nowhere in the database.
 */
@EngineTest
class FirstSignInIT {

    @Autowired WebTestClient client;
    @Autowired JdbcClient jdbc;
    @Autowired PersonalDataVault vault;

    private String signIn(String email) {
        return SandboxSignIn.accessToken(client, email);
    }

    @Test
    void registersOnFirstSignInAndServesTheProfileAtOnce() throws Exception {
        String token = signIn("first.timer@example.com");
        String userId = SignedJWT.parse(token).getJWTClaimsSet().getStringClaim("custom:user_id");

        client.get().uri("/v1/users/me").header("x-api-key", Partners.SANDBOX_KEY).headers(h -> h.setBearerAuth(token))
                .exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.id").isEqualTo(userId)
                .jsonPath("$.email").isEqualTo("first.timer@example.com")
                .jsonPath("$.phone_number").isEqualTo("")
                .jsonPath("$.created_at").isNotEmpty()
                .jsonPath("$.last_login").isNotEmpty();

        List<String> types = jdbc.sql("SELECT payloadtype FROM domainevententry WHERE aggregateidentifier = :id ORDER BY sequencenumber")
                .param("id", userId).query(String.class).list();
        assertThat(types).containsExactly("io.movmo.booking.profile.api.UserRegisteredEvent",
                "io.movmo.booking.profile.api.UserSignedInEvent");
        // The registration names the partner whose client signed the user in, and the user.
        String metadata = new String(jdbc.sql("SELECT metadata FROM domainevententry WHERE aggregateidentifier = :id AND sequencenumber = 0")
                .param("id", userId).query(byte[].class).single(), StandardCharsets.UTF_8);
        assertThat(metadata).contains("\"partnerId\":\"sandbox\"").contains("\"userId\":\"" + userId + "\"");
    }

    @Test
    void signingInAgainRegistersNoOneTwice() throws Exception {
        String first = signIn("returning@example.com");
        String second = signIn("returning@example.com");
        String userId = SignedJWT.parse(first).getJWTClaimsSet().getStringClaim("custom:user_id");
        assertThat(SignedJWT.parse(second).getJWTClaimsSet().getStringClaim("custom:user_id")).isEqualTo(userId);
        assertThat(jdbc.sql("SELECT payloadtype FROM domainevententry WHERE aggregateidentifier = :id").param("id", userId)
                .query(String.class).list())
                .filteredOn(t -> t.endsWith("UserRegisteredEvent")).hasSize(1);
    }

    @Test
    void keepsTheEmailOutOfEveryTableInClearText() throws Exception {
        String email = "private.person@example.com";
        signIn(email);
        for (String table : List.of("domainevententry", "user_profile", "snapshotevententry", "sagaentry", "deadletterentry",
                "sandbox_authorization_code", "sandbox_refresh_token", "tokenentry", "scheduled_tasks")) {
            List<Map<String, Object>> rows = jdbc.sql("SELECT * FROM " + table).query().listOfRows();
            assertThat(rows).as(table).allSatisfy(row -> assertThat(row.values()).noneMatch(v -> clear(v, email)));
        }
    }

    @Test
    void shreddingTheUsersKeyMakesTheProfileUnreadable() throws Exception {
        String token = signIn("forget.me@example.com");
        String userId = SignedJWT.parse(token).getJWTClaimsSet().getStringClaim("custom:user_id");
        vault.shred(new io.movmo.booking.shared.UserId(userId).personalDataSubject());
        client.get().uri("/v1/users/me").header("x-api-key", Partners.SANDBOX_KEY).headers(h -> h.setBearerAuth(token))
                .exchange().expectStatus().isNotFound()
                .expectBody().jsonPath("$.message").isEqualTo("user not found");
    }

    @Test
    void aKeyShreddedOnAnotherNodeIsGoneHereAtOnce() throws Exception {
        String token = signIn("other.node@example.com");
        String userId = SignedJWT.parse(token).getJWTClaimsSet().getStringClaim("custom:user_id");
        client.get().uri("/v1/users/me").header("x-api-key", Partners.SANDBOX_KEY).headers(h -> h.setBearerAuth(token))
                .exchange().expectStatus().isOk(); // this node has used (and cached) the key
        jdbc.sql("UPDATE subject_data_key SET wrapped_key = NULL, shredded_at = now() WHERE subject = :s")
                .param("s", new io.movmo.booking.shared.UserId(userId).personalDataSubject()).update();
        client.get().uri("/v1/users/me").header("x-api-key", Partners.SANDBOX_KEY).headers(h -> h.setBearerAuth(token))
                .exchange().expectStatus().isNotFound();
    }

    private static boolean clear(Object value, String needle) {
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8).contains(needle);
        }
        return String.valueOf(value).contains(needle);
    }
}
