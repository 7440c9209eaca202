package io.movmo.booking.payments;

import static org.assertj.core.api.Assertions.assertThat;

import io.movmo.booking.testing.EngineTest;
import io.movmo.booking.testing.Partners;
import io.movmo.booking.testing.SignedInUser;
import io.movmo.booking.testing.TestTokens;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The seed's Payments tag over HTTP, against the sandbox's Stripe. */
@EngineTest
class PaymentMethodsIT {

    private static final String METHODS = "/v1/users/{me}/payment-methods";

    @Autowired WebTestClient client;
    @Autowired JdbcClient jdbc;
    @Autowired TestTokens tokens;

    /** A card for {@code user}'s own Stripe customer (each user has one). */
    static Map<String, Object> visa(SignedInUser user, String paymentMethodId) {
        return io.movmo.booking.bookings.BookingScenario.visaBody(user, paymentMethodId);
    }

    static String customer(SignedInUser user) {
        return io.movmo.booking.bookings.BookingScenario.customer(user);
    }

    private static String pm() {
        return "pm_" + UUID.randomUUID().toString().replace("-", "");
    }

    private long stored(SignedInUser user) {
        return jdbc.sql("SELECT count(*) FROM payment_method WHERE user_id = :u").param("u", UUID.fromString(user.userId()))
                .query(Long.class).single();
    }

    private String stripeCustomerOf(String paymentMethodId) {
        return jdbc.sql("SELECT customer_id FROM sandbox_stripe_payment_method WHERE payment_method_id = :pm")
                .param("pm", paymentMethodId).query(String.class).optional().orElse(null);
    }

    @Test
    void savesListsReadsUpdatesAndDeletesThroughStripe() {
        SignedInUser user = SignedInUser.signIn(client, "card.holder@example.com");
        String pm = pm();
        String id = user.create(METHODS, visa(user, pm));
        assertThat(stripeCustomerOf(pm)).isEqualTo(customer(user)); // attached at Stripe first

        user.get(METHODS + "/" + id).expectStatus().isOk().expectBody()
                .jsonPath("$.id").isEqualTo(id)
                .jsonPath("$.userId").isEqualTo(user.userId())
                .jsonPath("$.customerId").isEqualTo(customer(user))
                .jsonPath("$.paymentMethodId").isEqualTo(pm)
                .jsonPath("$.methodType").isEqualTo("credit_card")
                .jsonPath("$.last4").isEqualTo("4242")
                .jsonPath("$.brand").isEqualTo("visa")
                .jsonPath("$.expMonth").isEqualTo(12)
                .jsonPath("$.expYear").isEqualTo(2030)
                .jsonPath("$.isDefault").isEqualTo(false)
                .jsonPath("$.token").doesNotExist()
                .jsonPath("$.createdAt").exists();
        user.get(METHODS).expectStatus().isOk().expectBody().jsonPath("$.length()").isEqualTo(1).jsonPath("$[0].id").isEqualTo(id);

        user.put(METHODS + "/" + id, Map.of("expMonth", 11, "expYear", 2031)).expectStatus().isNoContent().expectBody().isEmpty();
        user.get(METHODS + "/" + id).expectStatus().isOk().expectBody()
                .jsonPath("$.expMonth").isEqualTo(11).jsonPath("$.expYear").isEqualTo(2031).jsonPath("$.last4").isEqualTo("4242");
        assertThat(jdbc.sql("SELECT exp_year FROM sandbox_stripe_payment_method WHERE payment_method_id = :pm")
                .param("pm", pm).query(Integer.class).single()).isEqualTo(2031); // propagated to Stripe

        user.delete(METHODS + "/" + id).expectStatus().isNoContent();
        assertThat(stripeCustomerOf(pm)).isNull(); // detached at Stripe
        user.get(METHODS + "/" + id).expectStatus().isNotFound().expectBody().jsonPath("$.message").isEqualTo("payment method not found");
        user.get(METHODS).expectStatus().isOk().expectBody().jsonPath("$.length()").isEqualTo(0);
        user.delete(METHODS + "/" + id).expectStatus().isNotFound();

        // Stripe never attaches a detached payment method again: the card must be collected anew.
        user.post(METHODS, visa(user, pm)).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.fields.paymentMethodId.message").value(m -> assertThat((String) m).contains("detached"));
        // The token is never stored anywhere.
        io.movmo.booking.testing.ClearTextScan.assertStoredNowhere(jdbc, "tok_Test411111");
    }

    @Test
    void refusesADuplicatePaymentMethodIdForAnyone() {
        SignedInUser user = SignedInUser.signIn(client, "double.saver@example.com");
        String pm = pm();
        user.create(METHODS, visa(user, pm));
        user.post(METHODS, visa(user, pm)).expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.message").isEqualTo("this paymentMethodId is already saved");
        SignedInUser other = SignedInUser.signIn(client, "card.thief@example.com");
        Map<String, Object> stolen = visa(other, pm);
        stolen.put("customerId", "cus_Thief0001");
        other.post(METHODS, stolen).expectStatus().isEqualTo(409);
        assertThat(stripeCustomerOf(pm)).isEqualTo(customer(user)); // never moved at Stripe
        assertThat(stored(other)).isZero();
    }

    @Test
    void keepsOneDefaultPerUserAndTellsStripe() {
        SignedInUser user = SignedInUser.signIn(client, "default.chooser@example.com");
        Map<String, Object> first = visa(user, pm());
        first.put("isDefault", true);
        String a = user.create(METHODS, first);
        Map<String, Object> second = visa(user, pm());
        second.put("isDefault", true);
        String b = user.create(METHODS, second);
        user.get(METHODS + "/" + a).expectStatus().isOk().expectBody().jsonPath("$.isDefault").isEqualTo(false);
        user.get(METHODS + "/" + b).expectStatus().isOk().expectBody().jsonPath("$.isDefault").isEqualTo(true);

        user.put(METHODS + "/" + a, Map.of("isDefault", true)).expectStatus().isNoContent();
        user.get(METHODS).expectStatus().isOk().expectBody()
                .jsonPath("$[?(@.isDefault == true)].id").isEqualTo(List.of(a));
        assertThat(stripeDefaults(user)).containsExactly((String) first.get("paymentMethodId"));

        // Un-defaulting reaches Stripe too.
        user.put(METHODS + "/" + a, Map.of("isDefault", false)).expectStatus().isNoContent();
        user.get(METHODS).expectStatus().isOk().expectBody().jsonPath("$[?(@.isDefault == true)]").isEmpty();
        assertThat(stripeDefaults(user)).isEmpty();
    }

    private List<String> stripeDefaults(SignedInUser user) {
        return jdbc.sql("""
                SELECT payment_method_id FROM sandbox_stripe_payment_method
                WHERE customer_id = :customer AND is_customer_default""")
                .param("customer", customer(user)).query(String.class).list();
    }

    @Test
    void bindsEachUserToOneStripeCustomerAndEachCustomerToOneUser() {
        SignedInUser owner = SignedInUser.signIn(client, "customer.owner@example.com");
        Map<String, Object> first = visa(owner, pm());
        first.put("customerId", "cus_OwnedByOne");
        owner.create(METHODS, first);
        Map<String, Object> otherCustomer = visa(owner, pm());
        otherCustomer.put("customerId", "cus_SomeoneElses");
        owner.post(METHODS, otherCustomer).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.fields.customerId.message").value(m -> assertThat((String) m).contains("cus_OwnedByOne"));

        SignedInUser intruder = SignedInUser.signIn(client, "customer.intruder@example.com");
        String victimsCard = pm();
        Map<String, Object> borrowed = visa(intruder, victimsCard);
        borrowed.put("customerId", "cus_OwnedByOne");
        intruder.post(METHODS, borrowed).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.fields.customerId.message").value(m -> assertThat((String) m).contains("another user"));
        assertThat(stripeCustomerOf(victimsCard)).isNull(); // Stripe was never asked
        assertThat(stored(intruder)).isZero();
    }

    @Test
    void refusesEveryRuleBreakWithTheFieldNamedAndStoresNothing() {
        SignedInUser user = SignedInUser.signIn(client, "careless.payer@example.com");
        YearMonth lastMonth = YearMonth.now(ZoneOffset.UTC).minusMonths(1);
        Map<String, Map<String, Object>> breaks = new LinkedHashMap<>();
        breaks.put("last4", Map.of("last4", "424"));
        breaks.put("brand", Map.of("brand", "diners"));
        breaks.put("methodType", Map.of("methodType", "cash"));
        breaks.put("expMonth", Map.of("expMonth", 13));
        breaks.put("expYear", Map.of("expYear", 2051));
        breaks.put("customerId", Map.of("customerId", "customer-1"));
        breaks.put("paymentMethodId", Map.of("paymentMethodId", "card_123"));
        for (var rule : breaks.entrySet()) {
            Map<String, Object> body = visa(user, pm());
            body.putAll(rule.getValue());
            user.post(METHODS, body).expectStatus().isBadRequest().expectBody()
                    .jsonPath("$.message").isEqualTo("Validation failed")
                    .jsonPath("$.fields." + rule.getKey() + ".field").isEqualTo(rule.getKey());
        }
        for (String required : List.of("customerId", "paymentMethodId", "methodType", "token", "last4", "brand", "expMonth", "expYear")) {
            Map<String, Object> body = visa(user, pm());
            body.remove(required);
            user.post(METHODS, body).expectStatus().isBadRequest().expectBody()
                    .jsonPath("$.fields." + required + ".field").isEqualTo(required);
        }
        Map<String, Object> expired = visa(user, pm());
        expired.put("expMonth", lastMonth.getMonthValue());
        expired.put("expYear", lastMonth.getYear());
        user.post(METHODS, expired).expectStatus().isBadRequest().expectBody().jsonPath("$.fields.expYear.field").isEqualTo("expYear");
        Map<String, Object> mistyped = visa(user, pm());
        mistyped.put("expMonth", "December");
        user.post(METHODS, mistyped).expectStatus().isBadRequest().expectBody().jsonPath("$.fields.expMonth.field").isEqualTo("expMonth");
        // Stripe's own refusal, named on its field.
        user.post(METHODS, visa(user, "pm_card_missing")).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.fields.paymentMethodId.message").value(m -> assertThat((String) m).contains("does not exist at Stripe"));
        assertThat(stored(user)).isZero();

        // Updates: ranges, and an expiry in the past once merged with the stored card.
        String id = user.create(METHODS, visa(user, pm()));
        user.put(METHODS + "/" + id, Map.of("expMonth", 0)).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.fields.expMonth.field").isEqualTo("expMonth");
        user.put(METHODS + "/" + id, Map.of("expYear", 2023)).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.fields.expYear.field").isEqualTo("expYear");
        user.put(METHODS + "/" + id, Map.of("expMonth", lastMonth.getMonthValue(), "expYear", lastMonth.getYear()))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.fields.expYear.field").isEqualTo("expYear");
        user.put(METHODS + "/" + id, Map.of("isDefault", "sure")).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.fields.isDefault.field").isEqualTo("isDefault");
        user.get(METHODS + "/" + id).expectStatus().isOk().expectBody()
                .jsonPath("$.expMonth").isEqualTo(12).jsonPath("$.expYear").isEqualTo(2030);
    }

    @Test
    void answersOnlyTheOwner() {
        SignedInUser owner = SignedInUser.signIn(client, "wallet.owner@example.com");
        SignedInUser other = SignedInUser.signIn(client, "wallet.peeker@example.com");
        String id = owner.create(METHODS, visa(owner, pm()));
        for (var call : List.<WebTestClient.ResponseSpec>of(
                other.get("/v1/users/" + owner.userId() + "/payment-methods"),
                other.get("/v1/users/" + owner.userId() + "/payment-methods/" + id),
                other.post("/v1/users/" + owner.userId() + "/payment-methods", visa(owner, pm())),
                other.put("/v1/users/" + owner.userId() + "/payment-methods/" + id, Map.of("isDefault", true)),
                other.delete("/v1/users/" + owner.userId() + "/payment-methods/" + id))) {
            call.expectStatus().isForbidden();
        }
        other.get(METHODS + "/" + id).expectStatus().isNotFound();
        other.put(METHODS + "/" + id, Map.of("expYear", 2040)).expectStatus().isNotFound();
        other.delete(METHODS + "/" + id).expectStatus().isNotFound();
        other.get(METHODS + "/not-a-uuid").expectStatus().isNotFound();
        owner.get(METHODS + "/" + id).expectStatus().isOk().expectBody().jsonPath("$.expYear").isEqualTo(2030);

        String stranger = UUID.randomUUID().toString();
        String token = tokens.forUser(stranger);
        client.get().uri("/v1/users/{id}/payment-methods", stranger).header("x-api-key", Partners.SANDBOX_KEY)
                .headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isNotFound();
    }
}
