package io.movmo.booking.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.movmo.booking.testing.ClearTextScan;
import io.movmo.booking.testing.EngineTest;
import io.movmo.booking.testing.Partners;
import io.movmo.booking.testing.SignedInUser;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The three-step contact change, end to end over HTTP in the sandbox (codes read back from the sandbox outbox). */
@EngineTest
class ContactChangeIT {

    private static final String INITIATE = "/v1/users/me/contact/initiate";
    private static final String VERIFY = "/v1/users/me/contact/verify-identity";
    private static final String CONFIRM = "/v1/users/me/contact/confirm";
    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

    @Autowired WebTestClient client;
    @Autowired JdbcClient jdbc;

    record Outbox(List<Message> messages) {}

    record Message(long id, String channel, String to, String body) {}

    /** The code in the newest message the sandbox sent to {@code to}. */
    private String latestCode(String to) {
        Outbox outbox = client.get().uri(b -> b.path("/v1/sandbox/outbox").queryParam("to", "{to}").build(to))
                .header("x-api-key", Partners.SANDBOX_KEY).exchange().expectStatus().isOk()
                .expectBody(Outbox.class).returnResult().getResponseBody();
        assertThat(outbox.messages()).as("messages to " + to).isNotEmpty();
        Matcher m = CODE.matcher(outbox.messages().get(0).body());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static Map<String, Object> body(Object... pairs) {
        Map<String, Object> body = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            body.put((String) pairs[i], pairs[i + 1]);
        }
        return body;
    }

    private static String field(WebTestClient.ResponseSpec response, String name) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = response.expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        return (String) map.get(name);
    }

    /** Steps 1 and 2 for {@code user}; answers the access token for step 3. */
    private String verified(SignedInUser user, String currentEmail, String type, String newValue) {
        String session = field(user.post(INITIATE, body("contact_type", type, "new_value", newValue)), "session");
        return field(user.post(VERIFY, body("code", latestCode(currentEmail), "session", session,
                "contact_type", type, "new_value", newValue)), "access_token");
    }

    @Test
    void changesTheEmailInThreeSteps() {
        SignedInUser user = SignedInUser.signIn(client, "jane.traveler@example.com");
        String newEmail = "jane.traveler+new@example.com";

        user.post(INITIATE, body("contact_type", "email", "new_value", newEmail)).expectStatus().isOk().expectBody()
                .jsonPath("$.session").isNotEmpty()
                .jsonPath("$.challenge_name").isEqualTo("EMAIL_OTP");
        String accessToken = verified(user, "jane.traveler@example.com", "email", newEmail);
        assertThat(accessToken).isNotBlank();
        // Nothing changed yet.
        user.get("/v1/users/me").expectStatus().isOk().expectBody().jsonPath("$.email").isEqualTo("jane.traveler@example.com");

        user.post(CONFIRM, body("code", latestCode(newEmail), "contact_type", "email", "access_token", accessToken,
                        "new_value", newEmail))
                .expectStatus().isOk().expectBody()
                .jsonPath("$.user.id").isEqualTo(user.userId())
                .jsonPath("$.user.email").isEqualTo(newEmail);
        user.get("/v1/users/me").expectStatus().isOk().expectBody().jsonPath("$.email").isEqualTo(newEmail);
        assertThat(jdbc.sql("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = :id AND payloadtype LIKE '%ContactChangedEvent'")
                .param("id", user.userId()).query(Long.class).single()).isEqualTo(1);
        // Sealed wherever the engine keeps it; only the sandbox's record of what it "sent" names the address.
        ClearTextScan.assertStoredNowhereBut(jdbc, newEmail, List.of("sandbox_outbox"));

        // The step cannot be replayed: the change is done.
        user.post(CONFIRM, body("code", "123456", "contact_type", "email", "access_token", accessToken))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.message").isEqualTo("no contact change in progress, or it expired");
    }

    @Test
    void changesThePhoneNumberWithACodeTextedToIt() {
        SignedInUser user = SignedInUser.signIn(client, "phone.changer@example.com");
        String phone = "+447700900123";
        String accessToken = verified(user, "phone.changer@example.com", "phone", phone);
        // For phones new_value is required at confirm (it keys the code).
        user.post(CONFIRM, body("code", latestCode(phone), "contact_type", "phone", "access_token", accessToken))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.fields.new_value.field").isEqualTo("new_value");
        user.post(CONFIRM, body("code", latestCode(phone), "contact_type", "phone", "access_token", accessToken,
                        "new_value", phone))
                .expectStatus().isOk().expectBody().jsonPath("$.user.phone_number").isEqualTo(phone);
        user.get("/v1/users/me").expectStatus().isOk().expectBody().jsonPath("$.phone_number").isEqualTo(phone);
        client.get().uri(b -> b.path("/v1/sandbox/outbox").queryParam("to", "{to}").build(phone))
                .header("x-api-key", Partners.SANDBOX_KEY).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.messages[0].channel").isEqualTo("sms");
    }

    @Test
    void refusesAContactAnotherAccountHasOrThisOneAlreadyHas() {
        SignedInUser taken = SignedInUser.signIn(client, "taken.address@example.com");
        SignedInUser user = SignedInUser.signIn(client, "wants.taken@example.com");
        // The contact index is its own read model (user-contacts): wait until it holds both users.
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                        "SELECT count(*) FROM user_contact WHERE user_id IN (:a, :b) AND contact_type = 'email'")
                .param("a", UUID.fromString(taken.userId())).param("b", UUID.fromString(user.userId()))
                .query(Long.class).single() == 2);
        user.post(INITIATE, body("contact_type", "email", "new_value", "Taken.Address@example.com"))
                .expectStatus().isEqualTo(409).expectBody().jsonPath("$.message").isEqualTo("email already in use");
        user.post(INITIATE, body("contact_type", "email", "new_value", "wants.taken@example.com"))
                .expectStatus().isEqualTo(409);
        assertThat(jdbc.sql("SELECT count(*) FROM contact_change WHERE user_id = :u").param("u", UUID.fromString(user.userId()))
                .query(Long.class).single()).isZero();
    }

    @Test
    void refusesMalformedRequestsWithTheFieldNamedAndSendsNothing() {
        SignedInUser user = SignedInUser.signIn(client, "careless.typist@example.com");
        user.post(INITIATE, body("contact_type", "fax", "new_value", "x")).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.message").isEqualTo("Validation failed")
                .jsonPath("$.fields.contact_type.field").isEqualTo("contact_type");
        user.post(INITIATE, body("contact_type", "email", "new_value", "not-an-email")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.fields.new_value.field").isEqualTo("new_value");
        user.post(INITIATE, body("contact_type", "phone", "new_value", "07700 900123")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.fields.new_value.field").isEqualTo("new_value");
        user.post(INITIATE, body("contact_type", "email")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.fields.new_value.field").isEqualTo("new_value");
        user.post(VERIFY, body("code", "12ab", "session", "s", "contact_type", "email", "new_value", "a@example.com"))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.fields.code.field").isEqualTo("code");
        user.post(CONFIRM, body("code", "123456", "contact_type", "email")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.fields.access_token.field").isEqualTo("access_token");
        assertThat(jdbc.sql("SELECT count(*) FROM sandbox_outbox WHERE recipient = 'careless.typist@example.com'")
                .query(Long.class).single()).isZero();
    }

    @Test
    void limitsWrongCodesAndHoldsEachStepToTheChangeStarted() {
        SignedInUser user = SignedInUser.signIn(client, "guesser@example.com");
        String newEmail = "guesser+new@example.com";
        String session = field(user.post(INITIATE, body("contact_type", "email", "new_value", newEmail)), "session");
        String code = latestCode("guesser@example.com");
        String wrong = code.equals("000000") ? "111111" : "000000";

        // Another value or type than the one started: refused, and the code is not spent.
        user.post(VERIFY, body("code", code, "session", session, "contact_type", "email", "new_value", "other@example.com"))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.fields.new_value.field").isEqualTo("new_value");
        user.post(VERIFY, body("code", code, "session", "forged-session", "contact_type", "email", "new_value", newEmail))
                .expectStatus().isBadRequest().expectBody()
                .jsonPath("$.message").isEqualTo("session does not match the contact change in progress");
        // Confirm before verify: no access token is valid yet.
        user.post(CONFIRM, body("code", code, "contact_type", "email", "access_token", "guess", "new_value", newEmail))
                .expectStatus().isBadRequest();

        for (int i = 1; i < 5; i++) {
            user.post(VERIFY, body("code", wrong, "session", session, "contact_type", "email", "new_value", newEmail))
                    .expectStatus().isBadRequest().expectBody()
                    .jsonPath("$.fields.code.message").value(m -> assertThat((String) m).contains("incorrect"));
        }
        user.post(VERIFY, body("code", wrong, "session", session, "contact_type", "email", "new_value", newEmail))
                .expectStatus().isBadRequest().expectBody()
                .jsonPath("$.fields.code.message").value(m -> assertThat((String) m).contains("too many"));
        // Burnt: even the right code no longer works.
        user.post(VERIFY, body("code", code, "session", session, "contact_type", "email", "new_value", newEmail))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.fields.code").exists();
        user.get("/v1/users/me").expectStatus().isOk().expectBody().jsonPath("$.email").isEqualTo("guesser@example.com");
    }

    @Test
    void holdsStepThreeToTheChangeVerifiedAndLimitsItsCodeToo() {
        SignedInUser user = SignedInUser.signIn(client, "step.three@example.com");
        String phone = "+15550177";
        String accessToken = verified(user, "step.three@example.com", "phone", phone);
        String code = latestCode(phone);
        String wrong = code.equals("000000") ? "111111" : "000000";

        user.post(CONFIRM, body("code", code, "contact_type", "email", "access_token", accessToken, "new_value", phone))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.fields").exists();
        user.post(CONFIRM, body("code", code, "contact_type", "phone", "access_token", accessToken, "new_value", "+15550178"))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.fields.new_value.field").isEqualTo("new_value");
        user.post(CONFIRM, body("code", code, "contact_type", "phone", "access_token", accessToken, "new_value", "5550177"))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.fields.new_value.field").isEqualTo("new_value");
        user.post(CONFIRM, body("code", "12-34", "contact_type", "phone", "access_token", accessToken, "new_value", phone))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.fields.code.field").isEqualTo("code");
        user.post(CONFIRM, body("code", code, "contact_type", "phone", "access_token", "not-the-token", "new_value", phone))
                .expectStatus().isBadRequest().expectBody()
                .jsonPath("$.message").isEqualTo("access_token does not match the contact change in progress");
        for (int i = 1; i < 5; i++) {
            user.post(CONFIRM, body("code", wrong, "contact_type", "phone", "access_token", accessToken, "new_value", phone))
                    .expectStatus().isBadRequest().expectBody()
                    .jsonPath("$.fields.code.message").value(m -> assertThat((String) m).contains("incorrect"));
        }
        user.post(CONFIRM, body("code", wrong, "contact_type", "phone", "access_token", accessToken, "new_value", phone))
                .expectStatus().isBadRequest().expectBody()
                .jsonPath("$.fields.code.message").value(m -> assertThat((String) m).contains("too many"));
        user.post(CONFIRM, body("code", code, "contact_type", "phone", "access_token", accessToken, "new_value", phone))
                .expectStatus().isBadRequest();
        user.get("/v1/users/me").expectStatus().isOk().expectBody().jsonPath("$.phone_number").isEqualTo("");
        assertThat(jdbc.sql("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = :id AND payloadtype LIKE '%ContactChangedEvent'")
                .param("id", user.userId()).query(Long.class).single()).isZero();
    }

    @Test
    void refusesAStepTwoForAnotherTypeOrWithoutASession() {
        SignedInUser user = SignedInUser.signIn(client, "type.switcher@example.com");
        String session = field(user.post(INITIATE, body("contact_type", "email", "new_value", "type.switcher+new@example.com")),
                "session");
        String code = latestCode("type.switcher@example.com");
        user.post(VERIFY, body("code", code, "session", session, "contact_type", "phone", "new_value", "+15550199"))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.fields.contact_type.field").isEqualTo("contact_type");
        user.post(VERIFY, body("code", code, "contact_type", "email", "new_value", "type.switcher+new@example.com"))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.fields.session.field").isEqualTo("session");
        // Neither refusal spent the code.
        user.post(VERIFY, body("code", code, "session", session, "contact_type", "email", "new_value", "type.switcher+new@example.com"))
                .expectStatus().isOk();
    }

    @Test
    void answersTheOutboxOnlyForAWellFormedRequest() {
        client.get().uri("/v1/sandbox/outbox").header("x-api-key", Partners.SANDBOX_KEY).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.fields.to.field").isEqualTo("to");
        client.get().uri("/v1/sandbox/outbox?to=a@example.com&limit=0").header("x-api-key", Partners.SANDBOX_KEY).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.fields.limit.field").isEqualTo("limit");
        client.get().uri("/v1/sandbox/outbox?to=a@example.com&limit=many").header("x-api-key", Partners.SANDBOX_KEY).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.fields.limit.field").isEqualTo("limit");
        client.get().uri("/v1/sandbox/outbox?to=nobody@example.com").header("x-api-key", Partners.SANDBOX_KEY).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.messages.length()").isEqualTo(0);
        client.get().uri("/v1/sandbox/outbox?to=a@example.com").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void expiresTenMinutesAfterTheLatestStep() {
        SignedInUser user = SignedInUser.signIn(client, "slow.mover@example.com");
        String newEmail = "slow.mover+new@example.com";
        String session = field(user.post(INITIATE, body("contact_type", "email", "new_value", newEmail)), "session");
        assertThat(jdbc.sql("SELECT expires_at - created_at FROM contact_change WHERE user_id = :u")
                .param("u", UUID.fromString(user.userId())).query(String.class).single()).isEqualTo("00:10:00");
        jdbc.sql("UPDATE contact_change SET expires_at = now() - interval '1 second' WHERE user_id = :u")
                .param("u", UUID.fromString(user.userId())).update();
        user.post(VERIFY, body("code", latestCode("slow.mover@example.com"), "session", session, "contact_type", "email",
                        "new_value", newEmail))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.message").isEqualTo("no contact change in progress, or it expired");
    }
}
