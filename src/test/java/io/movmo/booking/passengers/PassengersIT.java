package io.movmo.booking.passengers;

import static org.assertj.core.api.Assertions.assertThat;

import io.movmo.booking.shared.pii.PersonalDataVault;
import io.movmo.booking.testing.ClearTextScan;
import io.movmo.booking.testing.EngineTest;
import io.movmo.booking.testing.Partners;
import io.movmo.booking.testing.SignedInUser;
import io.movmo.booking.testing.TestTokens;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Saved passengers: the seed's create, list, get, replace and soft delete, its rules, and ownership. */
@EngineTest
class PassengersIT {

    private static final String PASSENGERS = "/v1/users/{me}/passengers";

    @Autowired WebTestClient client;
    @Autowired TestTokens tokens;
    @Autowired JdbcClient jdbc;
    @Autowired PersonalDataVault vault;

    private SignedInUser signIn(String email) {
        return SignedInUser.signIn(client, email);
    }

    static Map<String, Object> marco() {
        Map<String, Object> body = new HashMap<>();
        body.put("first_name", "Marco");
        body.put("middle_name", "Luiz");
        body.put("last_name", "Aviator");
        body.put("gender", "male");
        body.put("date_of_birth", "1990-05-20");
        body.put("email", "marco.aviator@example.com");
        body.put("phone_number", "+15550198");
        body.put("nationality", "US");
        body.put("is_default", false);
        return body;
    }

    private long storedPassengers(SignedInUser user) {
        return jdbc.sql("SELECT count(*) FROM passenger WHERE user_id = :u").param("u", UUID.fromString(user.userId()))
                .query(Long.class).single();
    }

    @Test
    void createsListsReadsReplacesAndSoftDeletes() {
        SignedInUser user = signIn("passenger.owner@example.com");
        String id = user.create(PASSENGERS, marco());

        user.get(PASSENGERS + "/" + id).expectStatus().isOk().expectBody()
                .jsonPath("$.id").isEqualTo(id)
                .jsonPath("$.user_id").isEqualTo(user.userId())
                .jsonPath("$.first_name").isEqualTo("Marco")
                .jsonPath("$.middle_name").isEqualTo("Luiz")
                .jsonPath("$.date_of_birth").isEqualTo("1990-05-20")
                .jsonPath("$.email").isEqualTo("marco.aviator@example.com")
                .jsonPath("$.phone_number").isEqualTo("+15550198")
                .jsonPath("$.nationality").isEqualTo("US")
                .jsonPath("$.traveler_type").isEqualTo("adult")
                .jsonPath("$.is_default").isEqualTo(false)
                .jsonPath("$.known_traveler_number").isEmpty()
                .jsonPath("$.created_at").exists();
        user.get(PASSENGERS).expectStatus().isOk().expectBody().jsonPath("$.length()").isEqualTo(1)
                .jsonPath("$[0].id").isEqualTo(id);

        // Full replace: what is left out is gone; read-only fields sent back as read are ignored.
        Map<String, Object> replaced = marco();
        replaced.remove("middle_name");
        replaced.put("first_name", "Marcos");
        replaced.put("id", UUID.randomUUID().toString());
        replaced.put("user_id", UUID.randomUUID().toString());
        replaced.put("known_traveler_number", "999999999");
        user.put(PASSENGERS + "/" + id, replaced).expectStatus().isNoContent().expectBody().isEmpty();
        user.get(PASSENGERS + "/" + id).expectStatus().isOk().expectBody()
                .jsonPath("$.id").isEqualTo(id)
                .jsonPath("$.user_id").isEqualTo(user.userId())
                .jsonPath("$.first_name").isEqualTo("Marcos")
                .jsonPath("$.middle_name").doesNotExist()
                .jsonPath("$.known_traveler_number").isEmpty();

        user.delete(PASSENGERS + "/" + id).expectStatus().isNoContent();
        user.get(PASSENGERS + "/" + id).expectStatus().isNotFound().expectBody().jsonPath("$.message").isEqualTo("passenger not found");
        user.get(PASSENGERS).expectStatus().isOk().expectBody().jsonPath("$.length()").isEqualTo(0);
        user.put(PASSENGERS + "/" + id, marco()).expectStatus().isNotFound();
        user.delete(PASSENGERS + "/" + id).expectStatus().isNotFound();
        // Soft: the row is kept, with its deletion time.
        assertThat(jdbc.sql("SELECT deleted_at IS NOT NULL FROM passenger WHERE passenger_id = :id")
                .param("id", UUID.fromString(id)).query(Boolean.class).single()).isTrue();
    }

    @Test
    void keepsOneDefaultPassengerPerUser() {
        SignedInUser user = signIn("defaults@example.com");
        Map<String, Object> first = marco();
        first.put("is_default", true);
        String a = user.create(PASSENGERS, first);
        Map<String, Object> second = marco();
        second.put("first_name", "Bia");
        second.put("is_default", true);
        String b = user.create(PASSENGERS, second);

        user.get(PASSENGERS + "/" + a).expectStatus().isOk().expectBody().jsonPath("$.is_default").isEqualTo(false);
        user.get(PASSENGERS + "/" + b).expectStatus().isOk().expectBody().jsonPath("$.is_default").isEqualTo(true);

        first.put("is_default", true);
        user.put(PASSENGERS + "/" + a, first).expectStatus().isNoContent();
        user.get(PASSENGERS).expectStatus().isOk().expectBody()
                .jsonPath("$[?(@.is_default == true)].id").isEqualTo(List.of(a));

        // Another user's default is theirs alone.
        SignedInUser other = signIn("defaults.other@example.com");
        String c = other.create(PASSENGERS, first);
        user.get(PASSENGERS + "/" + a).expectStatus().isOk().expectBody().jsonPath("$.is_default").isEqualTo(true);
        other.get(PASSENGERS + "/" + c).expectStatus().isOk().expectBody().jsonPath("$.is_default").isEqualTo(true);
    }

    @Test
    void derivesTravelerTypeFromBirthDateAtTodayOrTheDepartureDate() {
        SignedInUser user = signIn("families@example.com");
        LocalDate today = LocalDate.now();
        Map<String, Object> child = marco();
        child.put("first_name", "Lia");
        child.put("date_of_birth", today.minusYears(11).minusMonths(6).toString()); // 11½: a child for six more months
        String childId = user.create(PASSENGERS, child);
        Map<String, Object> infant = marco();
        infant.put("first_name", "Tom");
        infant.put("date_of_birth", today.minusMonths(18).toString());
        String infantId = user.create(PASSENGERS, infant);

        user.get(PASSENGERS + "/" + childId).expectStatus().isOk().expectBody().jsonPath("$.traveler_type").isEqualTo("child");
        user.get(PASSENGERS + "/" + infantId).expectStatus().isOk().expectBody().jsonPath("$.traveler_type").isEqualTo("infant");
        String inAYear = today.plusYears(1).toString();
        user.get(PASSENGERS + "?departure_date=" + inAYear).expectStatus().isOk().expectBody()
                .jsonPath("$[?(@.id == '" + childId + "')].traveler_type").isEqualTo(List.of("adult"))
                .jsonPath("$[?(@.id == '" + infantId + "')].traveler_type").isEqualTo(List.of("child"));

        user.get(PASSENGERS + "?departure_date=next-tuesday").expectStatus().isBadRequest().expectBody()
                .jsonPath("$.message").isEqualTo("Validation failed")
                .jsonPath("$.fields.departure_date.field").isEqualTo("departure_date");

        // A traveler_type sent back as a list answered it (for a departure date) is ignored: the birth date decides.
        child.put("traveler_type", "adult");
        String sentBack = user.create(PASSENGERS, child);
        user.get(PASSENGERS + "/" + sentBack).expectStatus().isOk().expectBody().jsonPath("$.traveler_type").isEqualTo("child");
    }

    @Test
    void refusesEveryRuleBreakWithTheFieldNamedAndStoresNothing() {
        SignedInUser user = signIn("rule.breaker@example.com");
        Map<String, Map<String, Object>> breaks = new java.util.LinkedHashMap<>();
        breaks.put("first_name", Map.of("first_name", "M4rco"));
        breaks.put("last_name", Map.of("last_name", "A"));
        breaks.put("middle_name", Map.of("middle_name", "x".repeat(101)));
        breaks.put("gender", Map.of("gender", "unknown"));
        breaks.put("date_of_birth", Map.of("date_of_birth", LocalDate.now().plusDays(1).toString()));
        breaks.put("date_of_birth ", Map.of("date_of_birth", "1899-12-31")); // a second rule of the same field
        breaks.put("email", Map.of("email", "marco@localhost"));
        breaks.put("phone_number", Map.of("phone_number", "555-0198"));
        breaks.put("nationality", Map.of("nationality", "XX"));
        breaks.put("traveler_type", Map.of("traveler_type", "senior"));
        for (var rule : breaks.entrySet()) {
            Map<String, Object> body = marco();
            body.putAll(rule.getValue());
            user.post(PASSENGERS, body).expectStatus().isBadRequest().expectBody()
                    .jsonPath("$.message").isEqualTo("Validation failed")
                    .jsonPath("$.fields." + rule.getKey().trim() + ".field").isEqualTo(rule.getKey().trim())
                    .jsonPath("$.fields." + rule.getKey().trim() + ".message").value(m -> assertThat((String) m).isNotBlank());
        }
        for (String required : List.of("first_name", "last_name", "gender", "date_of_birth")) {
            Map<String, Object> body = marco();
            body.remove(required);
            user.post(PASSENGERS, body).expectStatus().isBadRequest().expectBody()
                    .jsonPath("$.fields." + required + ".field").isEqualTo(required);
        }
        Map<String, Object> mistyped = marco();
        mistyped.put("date_of_birth", "20th of May");
        user.post(PASSENGERS, mistyped).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.fields.date_of_birth.field").isEqualTo("date_of_birth");
        mistyped = marco();
        mistyped.put("is_default", "yes please");
        user.post(PASSENGERS, mistyped).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.fields.is_default.field").isEqualTo("is_default");
        assertThat(storedPassengers(user)).isZero();

        // A middle initial is a middle name.
        Map<String, Object> initial = marco();
        initial.put("middle_name", "J.");
        user.create(PASSENGERS, initial);

        // And a bad replace leaves the stored passenger as it was.
        String id = user.create(PASSENGERS, marco());
        Map<String, Object> bad = marco();
        bad.put("first_name", "Marcos");
        bad.put("nationality", "usa");
        user.put(PASSENGERS + "/" + id, bad).expectStatus().isBadRequest().expectBody().jsonPath("$.fields.nationality").exists();
        user.get(PASSENGERS + "/" + id).expectStatus().isOk().expectBody().jsonPath("$.first_name").isEqualTo("Marco");
    }

    @Test
    void answersOnlyTheOwner() {
        SignedInUser owner = signIn("owner.of.passengers@example.com");
        SignedInUser other = signIn("not.the.owner@example.com");
        String id = owner.create(PASSENGERS, marco());

        // Another user's path: forbidden before anything is read.
        for (var call : List.<WebTestClient.ResponseSpec>of(
                other.get("/v1/users/" + owner.userId() + "/passengers"),
                other.get("/v1/users/" + owner.userId() + "/passengers/" + id),
                other.post("/v1/users/" + owner.userId() + "/passengers", marco()),
                other.put("/v1/users/" + owner.userId() + "/passengers/" + id, marco()),
                other.delete("/v1/users/" + owner.userId() + "/passengers/" + id))) {
            call.expectStatus().isForbidden();
        }
        // The owner's passenger id under one's own path: not found, and it stays untouched.
        other.get(PASSENGERS + "/" + id).expectStatus().isNotFound();
        Map<String, Object> hijack = marco();
        hijack.put("first_name", "Mallory");
        other.put(PASSENGERS + "/" + id, hijack).expectStatus().isNotFound();
        other.delete(PASSENGERS + "/" + id).expectStatus().isNotFound();
        owner.get(PASSENGERS + "/" + id).expectStatus().isOk().expectBody().jsonPath("$.first_name").isEqualTo("Marco");

        // Admins manage users' records, not their passengers.
        String admin = tokens.forUser(UUID.randomUUID().toString(), c -> c.claim("cognito:groups", List.of("admin")));
        client.get().uri("/v1/users/{id}/passengers", owner.userId()).header("x-api-key", Partners.SANDBOX_KEY)
                .headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isForbidden();
    }

    @Test
    void answersNotFoundForUnknownUsersAndIds() {
        SignedInUser user = signIn("unknowns@example.com");
        user.get(PASSENGERS + "/" + UUID.randomUUID()).expectStatus().isNotFound();
        user.get(PASSENGERS + "/not-a-uuid").expectStatus().isNotFound();
        user.put(PASSENGERS + "/" + UUID.randomUUID(), marco()).expectStatus().isNotFound();
        user.delete(PASSENGERS + "/" + UUID.randomUUID()).expectStatus().isNotFound();

        String stranger = UUID.randomUUID().toString(); // a valid token, but never signed in
        String token = tokens.forUser(stranger);
        client.post().uri("/v1/users/{id}/passengers", stranger).header("x-api-key", Partners.SANDBOX_KEY)
                .headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON).bodyValue(marco())
                .exchange().expectStatus().isNotFound().expectBody().jsonPath("$.message").isEqualTo("user not found");
        client.get().uri("/v1/users/{id}/passengers", stranger).header("x-api-key", Partners.SANDBOX_KEY)
                .headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isNotFound();
        assertThat(jdbc.sql("SELECT count(*) FROM passenger WHERE user_id = :u").param("u", UUID.fromString(stranger))
                .query(Long.class).single()).isZero();
    }

    @Test
    void forgetsAPassengerWhoseKeyIsShredded() {
        SignedInUser user = signIn("erasure@example.com");
        String kept = user.create(PASSENGERS, marco());
        String erased = user.create(PASSENGERS, marco());
        user.create(PASSENGERS + "/" + erased + "/identity-documents", IdentityDocumentsIT.passport("E1234567"));
        vault.shred("passenger:" + erased);

        user.get(PASSENGERS).expectStatus().isOk().expectBody()
                .jsonPath("$.length()").isEqualTo(1).jsonPath("$[0].id").isEqualTo(kept);
        user.get(PASSENGERS + "/" + erased).expectStatus().isNotFound();
        user.get(PASSENGERS + "/" + erased + "/identity-documents").expectStatus().isNotFound();
    }

    @Test
    void keepsPassengerDetailsOutOfEveryTableInClearText() {
        SignedInUser user = signIn("sealed.passenger@example.com");
        Map<String, Object> body = marco();
        body.put("last_name", "Qwxzvbnmlk");
        body.put("email", "qwxzvbnmlk@example.com");
        user.create(PASSENGERS, body);
        ClearTextScan.assertStoredNowhere(jdbc, "Qwxzvbnmlk");
        ClearTextScan.assertStoredNowhere(jdbc, "qwxzvbnmlk@example.com");
    }
}
