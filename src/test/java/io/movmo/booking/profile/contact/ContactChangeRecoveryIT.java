package io.movmo.booking.profile.contact;

import static org.assertj.core.api.Assertions.assertThat;

import io.movmo.booking.testing.EngineTest;
import io.movmo.booking.testing.Partners;
import io.movmo.booking.testing.SignedInUser;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A change the identity provider confirmed but the engine did not record (a crash or timeout inside step 3) is never
 * lost: repeating step 3 records it without asking the provider again, a new change cannot start over it, and if the
 * user never comes back the maintenance task records it.
 */
@EngineTest
class ContactChangeRecoveryIT {

    @Autowired WebTestClient client;
    @Autowired JdbcClient jdbc;
    @Autowired ContactChangeFlow flow;
    @Autowired CommandGateway commands;

    private String code(String to) {
        @SuppressWarnings("unchecked")
        Map<String, Object> outbox = client.get().uri(b -> b.path("/v1/sandbox/outbox").queryParam("to", "{to}").build(to))
                .header("x-api-key", Partners.SANDBOX_KEY).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        @SuppressWarnings("unchecked")
        String body = (String) ((java.util.List<Map<String, Object>>) outbox.get("messages")).get(0).get("body");
        Matcher m = Pattern.compile("\\b(\\d{6})\\b").matcher(body);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    /** Steps 1 and 2, then the row as a crash right after the provider confirmed step 3 leaves it. */
    private String confirmedButUnrecorded(SignedInUser user, String email, String newEmail) {
        @SuppressWarnings("unchecked")
        Map<String, Object> started = user.post("/v1/users/me/contact/initiate", Map.of("contact_type", "email", "new_value", newEmail))
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        @SuppressWarnings("unchecked")
        Map<String, Object> verified = user.post("/v1/users/me/contact/verify-identity", Map.of("code", code(email),
                        "session", started.get("session"), "contact_type", "email", "new_value", newEmail))
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        jdbc.sql("UPDATE contact_change SET stage = 'confirmed' WHERE user_id = :u")
                .param("u", UUID.fromString(user.userId())).update();
        return (String) verified.get("access_token");
    }

    @Test
    void repeatingStepThreeRecordsTheConfirmedChangeWithoutAnotherCode() {
        SignedInUser user = SignedInUser.signIn(client, "crashed.midway@example.com");
        String accessToken = confirmedButUnrecorded(user, "crashed.midway@example.com", "crashed.midway+new@example.com");

        user.post("/v1/users/me/contact/initiate", Map.of("contact_type", "phone", "new_value", "+15550100"))
                .expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.message").isEqualTo("the previous contact change is still being recorded");

        // The provider's code is spent; any code shape will do, the provider is not asked again.
        user.post("/v1/users/me/contact/confirm", Map.of("code", "000000", "contact_type", "email",
                        "access_token", accessToken))
                .expectStatus().isOk().expectBody().jsonPath("$.user.email").isEqualTo("crashed.midway+new@example.com");
        assertThat(jdbc.sql("SELECT count(*) FROM contact_change WHERE user_id = :u")
                .param("u", UUID.fromString(user.userId())).query(Long.class).single()).isZero();
    }

    @Test
    void theMaintenanceTaskRecordsAChangeTheUserNeverCameBackFor() throws Exception {
        SignedInUser user = SignedInUser.signIn(client, "never.came.back@example.com");
        confirmedButUnrecorded(user, "never.came.back@example.com", "never.came.back+new@example.com");
        SignedInUser abandoner = SignedInUser.signIn(client, "abandoner@example.com");
        abandoner.post("/v1/users/me/contact/initiate", Map.of("contact_type", "email", "new_value", "abandoner+new@example.com"))
                .expectStatus().isOk();

        ContactChangeMaintenance.run(flow, commands).get(10, TimeUnit.SECONDS); // nothing expired yet: nothing happens
        user.get("/v1/users/me").expectStatus().isOk().expectBody().jsonPath("$.email").isEqualTo("never.came.back@example.com");

        jdbc.sql("UPDATE contact_change SET expires_at = now() - interval '1 minute' WHERE user_id IN (:a, :b)")
                .param("a", UUID.fromString(user.userId())).param("b", UUID.fromString(abandoner.userId())).update();
        ContactChangeMaintenance.run(flow, commands).get(10, TimeUnit.SECONDS);

        assertThat(jdbc.sql("SELECT count(*) FROM contact_change WHERE user_id IN (:a, :b)")
                .param("a", UUID.fromString(user.userId())).param("b", UUID.fromString(abandoner.userId()))
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = :id AND payloadtype LIKE '%ContactChangedEvent'")
                .param("id", user.userId()).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = :id AND payloadtype LIKE '%ContactChangedEvent'")
                .param("id", abandoner.userId()).query(Long.class).single()).isZero();
    }
}
