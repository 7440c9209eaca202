package io.movmo.booking.payments.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.movmo.booking.payments.gateway.PaymentOutcome.Authorized;
import io.movmo.booking.payments.gateway.PaymentOutcome.Declined;
import io.movmo.booking.payments.gateway.PaymentOutcome.Unknown;
import io.movmo.booking.shared.Money;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

/** The port's own rules: what an authorization request must carry, and outcomes that survive saga storage. */
class AuthorizeRequestTest {

    private static final Money AMOUNT = Money.of("12.34", "USD");

    @Test
    void keepsACopyOfTheMetadataAndTreatsNoneAsEmpty() {
        Map<String, String> metadata = new HashMap<>(Map.of("booking_id", "b-1"));
        AuthorizeRequest request = new AuthorizeRequest(AMOUNT, "cus_1", "pm_1", true, "booking:b-1:authorize:1",
                metadata);
        metadata.put("booking_id", "b-2");

        assertThat(request.metadata()).containsExactly(Map.entry("booking_id", "b-1"));
        assertThat(new AuthorizeRequest(AMOUNT, null, "pm_1", false, "k", null).metadata()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", " booking:b-1:authorize:1", "booking:b-1:authorize:1\n"})
    void refusesABlankOrPaddedIdempotencyKey(String key) {
        assertThatThrownBy(() -> new AuthorizeRequest(AMOUNT, "cus_1", "pm_1", true, key, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesAKeyLongerThanTheGatewayKeeps() {
        assertThat(new AuthorizeRequest(AMOUNT, "cus_1", "pm_1", true, "k".repeat(255), null).idempotencyKey())
                .hasSize(255);
        assertThatThrownBy(() -> new AuthorizeRequest(AMOUNT, "cus_1", "pm_1", true, "k".repeat(256), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("255");
    }

    @Test
    void refusesNothingToAuthorizeAndAMissingPaymentMethod() {
        assertThatThrownBy(() -> new AuthorizeRequest(Money.of("0", "USD"), "cus_1", "pm_1", true, "k", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AuthorizeRequest(AMOUNT, "cus_1", " ", true, "k", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AuthorizeRequest(null, "cus_1", "pm_1", true, "k", null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void outcomesAndStatesRoundTripThroughJson() {
        JsonMapper json = JsonMapper.builder().build();
        List<Object> values = List.of(
                new Authorized("pi_1", AMOUNT, Instant.parse("2026-08-02T18:00:00Z")),
                new Declined(null, "card_declined", "insufficient_funds"),
                new Unknown("Stripe authorize got no definite answer: HTTP 500"),
                new PaymentIntentState("pi_1", "requires_capture", AMOUNT, AMOUNT, Money.of("0", "USD"),
                        Instant.parse("2026-08-02T18:00:00Z")));

        for (Object value : values) {
            String written = json.writeValueAsString(value);
            assertThat(written).doesNotContain("authorized\":", "zero");
            assertThat(json.readValue(written, value.getClass())).isEqualTo(value);
        }
    }
}
