package io.movmo.booking.passengers;

import static org.assertj.core.api.Assertions.assertThat;

import io.movmo.booking.testing.ClearTextScan;
import io.movmo.booking.testing.EngineTest;
import io.movmo.booking.testing.SignedInUser;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Identity documents under a saved passenger: CRUD, the seed's rules, duplicates, primaries, the KTN, and sealing. */
@EngineTest
@ExtendWith(OutputCaptureExtension.class)
class IdentityDocumentsIT {

    @Autowired WebTestClient client;
    @Autowired JdbcClient jdbc;

    private record Traveler(SignedInUser user, String passengerId) {
        String documents() {
            return "/v1/users/{me}/passengers/" + passengerId + "/identity-documents";
        }

        String passenger() {
            return "/v1/users/{me}/passengers/" + passengerId;
        }
    }

    private Traveler traveler(String email) {
        SignedInUser user = SignedInUser.signIn(client, email);
        return new Traveler(user, user.create("/v1/users/{me}/passengers", PassengersIT.marco()));
    }

    static Map<String, Object> passport(String number) {
        Map<String, Object> body = new HashMap<>();
        body.put("document_type", "passport");
        body.put("document_number", number);
        body.put("issuing_country_code", "US");
        body.put("issuing_authority", "U.S. Department of State");
        body.put("issued_date", "2020-03-15");
        body.put("expires_on", "2030-03-14");
        body.put("nationality_on_document", "US");
        body.put("birth_country", "US");
        return body;
    }

    static Map<String, Object> ktn(String number, Boolean primary) {
        Map<String, Object> body = new HashMap<>();
        body.put("document_type", "known_traveler_number");
        body.put("document_number", number);
        body.put("issuing_country_code", "US");
        if (primary != null) {
            body.put("is_primary", primary);
        }
        return body;
    }

    private long storedDocuments(Traveler t) {
        return jdbc.sql("SELECT count(*) FROM identity_document WHERE passenger_id = :p")
                .param("p", UUID.fromString(t.passengerId())).query(Long.class).single();
    }

    @Test
    void createsListsReadsReplacesAndDeletes() {
        Traveler t = traveler("documents.owner@example.com");
        String id = t.user().create(t.documents(), passport("A12345678"));

        t.user().get(t.documents() + "/" + id).expectStatus().isOk().expectBody()
                .jsonPath("$.id").isEqualTo(id)
                .jsonPath("$.user_passenger_id").isEqualTo(t.passengerId())
                .jsonPath("$.document_type").isEqualTo("passport")
                .jsonPath("$.document_number").isEqualTo("A12345678")
                .jsonPath("$.issuing_country_code").isEqualTo("US")
                .jsonPath("$.issuing_authority").isEqualTo("U.S. Department of State")
                .jsonPath("$.issued_date").isEqualTo("2020-03-15")
                .jsonPath("$.expires_on").isEqualTo("2030-03-14")
                .jsonPath("$.is_primary").isEqualTo(true); // the first passport is the primary one
        t.user().get(t.documents()).expectStatus().isOk().expectBody().jsonPath("$.length()").isEqualTo(1);

        Map<String, Object> renewed = passport("B98765432");
        renewed.put("expires_on", "2035-01-01");
        renewed.remove("issuing_authority");
        t.user().put(t.documents() + "/" + id, renewed).expectStatus().isNoContent().expectBody().isEmpty();
        t.user().get(t.documents() + "/" + id).expectStatus().isOk().expectBody()
                .jsonPath("$.document_number").isEqualTo("B98765432")
                .jsonPath("$.expires_on").isEqualTo("2035-01-01")
                .jsonPath("$.issuing_authority").doesNotExist()
                .jsonPath("$.is_primary").isEqualTo(true);

        t.user().delete(t.documents() + "/" + id).expectStatus().isNoContent();
        t.user().get(t.documents() + "/" + id).expectStatus().isNotFound().expectBody()
                .jsonPath("$.message").isEqualTo("identity document not found");
        t.user().get(t.documents()).expectStatus().isOk().expectBody().jsonPath("$.length()").isEqualTo(0);
        t.user().delete(t.documents() + "/" + id).expectStatus().isNotFound();
        t.user().put(t.documents() + "/" + id, passport("C1234567")).expectStatus().isNotFound();
    }

    @Test
    void refusesDuplicatesOfTypeNumberAndCountry() {
        Traveler t = traveler("duplicates@example.com");
        t.user().create(t.documents(), passport("A12345678"));
        t.user().post(t.documents(), passport("a12-345 678")).expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.message").value(m -> assertThat((String) m).contains("already has this document"));
        assertThat(storedDocuments(t)).isEqualTo(1);

        // Same number from another country, or as another type, is another document.
        Map<String, Object> canadian = passport("A12345678");
        canadian.put("issuing_country_code", "CA");
        String ca = t.user().create(t.documents(), canadian);
        Map<String, Object> visa = passport("A12345678");
        visa.put("document_type", "visa");
        t.user().create(t.documents(), visa);
        // ... and a replace cannot make one document the twin of another.
        t.user().put(t.documents() + "/" + ca, passport("A12345678")).expectStatus().isEqualTo(409);
        t.user().get(t.documents() + "/" + ca).expectStatus().isOk().expectBody()
                .jsonPath("$.issuing_country_code").isEqualTo("CA");

        // Another passenger may hold the same document number.
        Traveler other = traveler("duplicates.elsewhere@example.com");
        other.user().create(other.documents(), passport("A12345678"));
    }

    @Test
    void keepsOnePrimaryPerTypeAndPromotesThePrimaryKtnIntoThePassenger() {
        Traveler t = traveler("trusted.traveler@example.com");
        String first = t.user().create(t.documents(), ktn("987654321", null));
        t.user().get(t.passenger()).expectStatus().isOk().expectBody()
                .jsonPath("$.known_traveler_number").isEqualTo("987654321");
        t.user().get("/v1/users/{me}/passengers").expectStatus().isOk().expectBody()
                .jsonPath("$[0].known_traveler_number").isEqualTo("987654321");

        // A second KTN, not primary: the first stays the passenger's KTN.
        String second = t.user().create(t.documents(), ktn("123123123", null));
        t.user().get(t.documents() + "/" + second).expectStatus().isOk().expectBody().jsonPath("$.is_primary").isEqualTo(false);
        t.user().get(t.passenger()).expectStatus().isOk().expectBody().jsonPath("$.known_traveler_number").isEqualTo("987654321");

        // Making the second primary demotes the first.
        t.user().put(t.documents() + "/" + second, ktn("123123123", true)).expectStatus().isNoContent();
        t.user().get(t.documents() + "/" + first).expectStatus().isOk().expectBody().jsonPath("$.is_primary").isEqualTo(false);
        t.user().get(t.passenger()).expectStatus().isOk().expectBody().jsonPath("$.known_traveler_number").isEqualTo("123123123");
        t.user().get(t.documents()).expectStatus().isOk().expectBody()
                .jsonPath("$[?(@.is_primary == true)].id").isEqualTo(List.of(second));

        // A primary passport does not touch the KTN; deleting the primary KTN leaves the passenger without one.
        t.user().create(t.documents(), passport("P7654321"));
        t.user().delete(t.documents() + "/" + second).expectStatus().isNoContent();
        t.user().get(t.passenger()).expectStatus().isOk().expectBody().jsonPath("$.known_traveler_number").isEmpty();

        // A document created with is_primary true takes over at once.
        String third = t.user().create(t.documents(), ktn("555444333", true));
        t.user().get(t.passenger()).expectStatus().isOk().expectBody().jsonPath("$.known_traveler_number").isEqualTo("555444333");
        t.user().get(t.documents() + "/" + third).expectStatus().isOk().expectBody().jsonPath("$.is_primary").isEqualTo(true);
    }

    @Test
    void movesAPrimaryDocumentToAnotherTypeWithoutTwoPrimariesOfOneType() {
        Traveler t = traveler("type.changer@example.com");
        String passport = t.user().create(t.documents(), passport("A12345678"));
        Map<String, Object> visaBody = passport("V7654321");
        visaBody.put("document_type", "visa");
        String visa = t.user().create(t.documents(), visaBody);
        Map<String, Object> nowAVisa = passport("A12345678");
        nowAVisa.put("document_type", "visa");
        t.user().put(t.documents() + "/" + passport, nowAVisa).expectStatus().isNoContent();
        t.user().get(t.documents() + "/" + passport).expectStatus().isOk().expectBody()
                .jsonPath("$.document_type").isEqualTo("visa")
                .jsonPath("$.is_primary").isEqualTo(false);
        t.user().get(t.documents() + "/" + visa).expectStatus().isOk().expectBody().jsonPath("$.is_primary").isEqualTo(true);

        // A primary moved to another type while told it is not primary there: no KTN appears from it.
        Map<String, Object> other = passport("P1111111");
        other.put("issuing_country_code", "GB");
        String gb = t.user().create(t.documents(), other);
        t.user().get(t.documents() + "/" + gb).expectStatus().isOk().expectBody().jsonPath("$.is_primary").isEqualTo(true);
        Map<String, Object> asKtn = ktn("111222333", false);
        t.user().put(t.documents() + "/" + gb, asKtn).expectStatus().isNoContent();
        t.user().get(t.documents() + "/" + gb).expectStatus().isOk().expectBody().jsonPath("$.is_primary").isEqualTo(false);
        t.user().get(t.passenger()).expectStatus().isOk().expectBody().jsonPath("$.known_traveler_number").isEmpty();

        // The read model kept going: later writes still show.
        String later = t.user().create("/v1/users/{me}/passengers", PassengersIT.marco());
        t.user().get("/v1/users/{me}/passengers/" + later).expectStatus().isOk();
    }

    @Test
    void refusesEveryRuleBreakWithTheFieldNamedAndStoresNothing() {
        Traveler t = traveler("document.rules@example.com");
        Map<String, Map<String, Object>> breaks = new LinkedHashMap<>();
        breaks.put("document_type", Map.of("document_type", "library_card"));
        breaks.put("document_number", Map.of("document_number", "A1"));
        breaks.put("issuing_country_code", Map.of("issuing_country_code", "USA"));
        breaks.put("nationality_on_document", Map.of("nationality_on_document", "ZZ"));
        breaks.put("birth_country", Map.of("birth_country", "us"));
        breaks.put("issued_date", Map.of("issued_date", "2999-01-01"));
        breaks.put("issuing_authority", Map.of("issuing_authority", "x".repeat(201)));
        for (var rule : breaks.entrySet()) {
            Map<String, Object> body = passport("A12345678");
            body.putAll(rule.getValue());
            t.user().post(t.documents(), body).expectStatus().isBadRequest().expectBody()
                    .jsonPath("$.message").isEqualTo("Validation failed")
                    .jsonPath("$.fields." + rule.getKey() + ".field").isEqualTo(rule.getKey());
        }
        Map<String, Object> longNumber = passport("N".repeat(51));
        t.user().post(t.documents(), longNumber).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.fields.document_number.field").isEqualTo("document_number");
        for (String expiring : List.of("passport", "visa", "drivers_license")) {
            Map<String, Object> body = passport("A12345678");
            body.put("document_type", expiring);
            body.remove("expires_on");
            t.user().post(t.documents(), body).expectStatus().isBadRequest().expectBody()
                    .jsonPath("$.fields.expires_on.field").isEqualTo("expires_on");
        }
        Map<String, Object> backwards = passport("A12345678");
        backwards.put("expires_on", "2019-01-01");
        t.user().post(t.documents(), backwards).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.fields.expires_on.field").isEqualTo("expires_on");
        for (String required : List.of("document_type", "document_number", "issuing_country_code")) {
            Map<String, Object> body = passport("A12345678");
            body.remove(required);
            t.user().post(t.documents(), body).expectStatus().isBadRequest().expectBody()
                    .jsonPath("$.fields." + required + ".field").isEqualTo(required);
        }
        Map<String, Object> mistyped = passport("A12345678");
        mistyped.put("is_primary", "very");
        t.user().post(t.documents(), mistyped).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.fields.is_primary.field").isEqualTo("is_primary");
        assertThat(storedDocuments(t)).isZero();
        // Types that do not expire need no expiry date.
        String id = t.user().create(t.documents(), ktn("987654321", null));

        // A replace is held to the same rules, and a refused one changes nothing.
        for (var rule : breaks.entrySet()) {
            Map<String, Object> body = passport("A12345678");
            body.putAll(rule.getValue());
            t.user().put(t.documents() + "/" + id, body).expectStatus().isBadRequest().expectBody()
                    .jsonPath("$.fields." + rule.getKey() + ".field").isEqualTo(rule.getKey());
        }
        Map<String, Object> unexpiring = passport("A12345678");
        unexpiring.remove("expires_on");
        t.user().put(t.documents() + "/" + id, unexpiring).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.fields.expires_on.field").isEqualTo("expires_on");
        t.user().get(t.documents() + "/" + id).expectStatus().isOk().expectBody()
                .jsonPath("$.document_type").isEqualTo("known_traveler_number")
                .jsonPath("$.document_number").isEqualTo("987654321");
    }

    @Test
    void answersNotFoundAcrossPassengersAndForDeletedOnes() {
        Traveler owner = traveler("doc.owner@example.com");
        String doc = owner.user().create(owner.documents(), passport("A12345678"));
        Traveler other = traveler("doc.other@example.com");

        // Another user's passenger id under one's own path.
        String foreign = "/v1/users/{me}/passengers/" + owner.passengerId() + "/identity-documents";
        other.user().get(foreign).expectStatus().isNotFound();
        other.user().get(foreign + "/" + doc).expectStatus().isNotFound();
        other.user().post(foreign, passport("Z9999999")).expectStatus().isNotFound();
        other.user().delete(foreign + "/" + doc).expectStatus().isNotFound();
        // Someone else's document id under one's own passenger.
        other.user().get(other.documents() + "/" + doc).expectStatus().isNotFound();
        other.user().put(other.documents() + "/" + doc, passport("Z9999999")).expectStatus().isNotFound();
        other.user().delete(other.documents() + "/" + doc).expectStatus().isNotFound();
        // Another user's path: forbidden.
        other.user().get("/v1/users/" + owner.user().userId() + "/passengers/" + owner.passengerId()
                + "/identity-documents").expectStatus().isForbidden();
        owner.user().get(owner.documents() + "/" + doc).expectStatus().isOk();

        owner.user().delete(owner.passenger()).expectStatus().isNoContent();
        owner.user().get(owner.documents()).expectStatus().isNotFound().expectBody().jsonPath("$.message").isEqualTo("passenger not found");
        owner.user().get(owner.documents() + "/" + doc).expectStatus().isNotFound();
        owner.user().post(owner.documents(), passport("Q1234567")).expectStatus().isNotFound();
        owner.user().get(owner.documents() + "/not-a-uuid").expectStatus().isNotFound();
    }

    @Test
    void neverStoresOrLogsTheDocumentNumberInClearText(CapturedOutput output) {
        Traveler t = traveler("sealed.documents@example.com");
        String number = "ZK" + (100000 + new java.util.Random().nextInt(899999)) + "QX";
        String id = t.user().create(t.documents(), passport(number));
        t.user().put(t.documents() + "/" + id, passport(number)).expectStatus().isNoContent();
        t.user().post(t.documents(), passport(number)).expectStatus().isEqualTo(409);
        t.user().create(t.documents(), ktn(number, true));
        t.user().get(t.passenger()).expectStatus().isOk().expectBody().jsonPath("$.known_traveler_number").isEqualTo(number);

        ClearTextScan.assertStoredNowhere(jdbc, number);
        assertThat(output.getAll()).doesNotContain(number);
        // The event store holds it sealed, under the passenger's key.
        assertThat(jdbc.sql("""
                SELECT convert_from(payload, 'UTF8') FROM domainevententry
                WHERE aggregateidentifier = :p AND payloadtype LIKE '%IdentityDocumentAddedEvent'""")
                .param("p", t.passengerId()).query(String.class).list())
                .hasSize(2).allSatisfy(payload -> assertThat(payload).contains("passenger:" + t.passengerId()));
    }
}
