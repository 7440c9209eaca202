package io.movmo.booking.profile;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import io.movmo.booking.testing.EngineTest;
import io.movmo.booking.testing.Partners;
import io.movmo.booking.testing.SandboxSignIn;
import io.movmo.booking.testing.TestTokens;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Locale and travel preferences: defaults until set, whole-document replace, ISO and enum rules, sealed travel data. */
@EngineTest
class PreferencesIT {

    @Autowired WebTestClient client;
    @Autowired TestTokens tokens;
    @Autowired JdbcClient jdbc;

    private String token;
    private String userId;

    private void signIn(String email) throws Exception {
        token = SandboxSignIn.accessToken(client, email);
        userId = SignedJWT.parse(token).getJWTClaimsSet().getStringClaim("custom:user_id");
    }

    private WebTestClient.ResponseSpec get(String what) {
        return client.get().uri("/v1/users/{id}/" + what, userId).header("x-api-key", Partners.SANDBOX_KEY)
                .headers(h -> h.setBearerAuth(token)).exchange();
    }

    private WebTestClient.ResponseSpec put(String what, Object body) {
        return client.put().uri("/v1/users/{id}/" + what, userId).header("x-api-key", Partners.SANDBOX_KEY)
                .headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private static Map<String, Object> travel(String notes) {
        return Map.of("seat", Map.of("seat_type", "window", "seating_zone", "front", "extra_legroom", true, "exit_row", false),
                "bag", Map.of("check_bag", true),
                "meal", Map.of("meal_types", List.of("vegetarian"), "dietary_notes", notes),
                "special_assistance", List.of("wheelchair_assistance"));
    }

    @Test
    void localeDefaultsUntilSetThenReturnsWhatWasSaved() throws Exception {
        signIn("locale@example.com");
        get("locale-preferences").expectStatus().isOk().expectBody()
                .jsonPath("$.user_id").isEqualTo(userId)
                .jsonPath("$.language_code").isEqualTo("en").jsonPath("$.region_code").isEqualTo("US")
                .jsonPath("$.currency_code").isEqualTo("USD");
        put("locale-preferences", Map.of("language_code", "es", "region_code", "AR", "currency_code", "USD"))
                .expectStatus().isOk().expectBody().jsonPath("$.language_code").isEqualTo("es")
                .jsonPath("$.updated_at").isNotEmpty();
        get("locale-preferences").expectStatus().isOk().expectBody()
                .jsonPath("$.language_code").isEqualTo("es").jsonPath("$.region_code").isEqualTo("AR");
    }

    @Test
    void refusesCodesThatAreNotIsoAndKeepsTheOldOnes() throws Exception {
        signIn("locale.strict@example.com");
        put("locale-preferences", Map.of("language_code", "fr", "region_code", "FR", "currency_code", "EUR")).expectStatus().isOk();
        put("locale-preferences", Map.of("language_code", "english", "region_code", "us", "currency_code", "XYZ"))
                .expectStatus().isBadRequest().expectBody()
                .jsonPath("$.message").isEqualTo("Validation failed")
                .jsonPath("$.fields.language_code").exists()
                .jsonPath("$.fields.region_code").exists()
                .jsonPath("$.fields.currency_code").exists();
        get("locale-preferences").expectBody().jsonPath("$.language_code").isEqualTo("fr");
    }

    @Test
    void travelPreferencesAreEmptyUntilSetThenReplacedWhole() throws Exception {
        signIn("travel@example.com");
        get("travel-preferences").expectStatus().isOk().expectBody()
                .jsonPath("$.user_id").isEqualTo(userId)
                .jsonPath("$.special_assistance").isEmpty()
                .jsonPath("$.meal.meal_types").isEmpty();
        put("travel-preferences", travel("No shellfish")).expectStatus().isOk().expectBody()
                .jsonPath("$.seat.seat_type").isEqualTo("window");
        get("travel-preferences").expectStatus().isOk().expectBody()
                .jsonPath("$.seat.seating_zone").isEqualTo("front")
                .jsonPath("$.bag.check_bag").isEqualTo(true)
                .jsonPath("$.meal.meal_types[0]").isEqualTo("vegetarian")
                .jsonPath("$.meal.dietary_notes").isEqualTo("No shellfish")
                .jsonPath("$.special_assistance[0]").isEqualTo("wheelchair_assistance");
    }

    @Test
    void refusesUnknownTravelOptions() throws Exception {
        signIn("travel.strict@example.com");
        put("travel-preferences", Map.of("seat", Map.of("seat_type", "cockpit"), "bag", Map.of(),
                        "meal", Map.of("meal_types", List.of("carnivore")), "special_assistance", List.of("jetpack")))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.message").isEqualTo("Validation failed");
        put("travel-preferences", Map.of("seat", Map.of())).expectStatus().isBadRequest();
    }

    @Test
    void keepsTravelPreferencesSealed() throws Exception {
        signIn("travel.private@example.com");
        put("travel-preferences", travel("Qwertyuiop allergy")).expectStatus().isOk();
        for (String table : List.of("domainevententry", "user_profile")) {
            assertThat(jdbc.sql("SELECT * FROM " + table).query().listOfRows()).as(table)
                    .allSatisfy(row -> assertThat(row.values()).noneMatch(v -> (v instanceof byte[] b
                            ? new String(b, StandardCharsets.UTF_8) : String.valueOf(v)).contains("Qwertyuiop")));
        }
    }

    @Test
    void answersNotFoundOnlyForUnknownUsers() {
        String stranger = UUID.randomUUID().toString();
        client.get().uri("/v1/users/{id}/locale-preferences", stranger).header("x-api-key", Partners.SANDBOX_KEY)
                .headers(h -> h.setBearerAuth(tokens.forUser(stranger))).exchange().expectStatus().isNotFound()
                .expectBody().jsonPath("$.message").isEqualTo("user not found");
    }
}
