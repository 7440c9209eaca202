package io.movmo.booking.providers.sandbox;

import java.util.Arrays;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The behaviours a sandbox provider can be asked for, by a {@code sandbox_scenario} field at the top of the
 * provider-native offer payload. Like a payment provider's test cards, they let a partner (and the engine's own tests)
 * walk every path of the booking flow offline. Documented in the README.
 */
public enum SandboxScenario {
    /** No field: everything succeeds. */
    NONE(null),
    /** The first order answers "price changed" with an {@code order_id} and a total 10% higher; a retry naming that
     * {@code order_id} succeeds at the new total. */
    PRICE_CHANGE("price_change"),
    /** Every order is rejected by the provider; nothing is created. */
    ORDER_FAILS("order_fails"),
    /** The order is created, but its answer is lost (a timeout): the outcome is unknown until looked up by reference. */
    TIMEOUT_THEN_CREATED("timeout_then_created"),
    /** The order times out and was never created: looking it up by reference finds nothing. */
    TIMEOUT_NOT_CREATED("timeout_not_created"),
    /** The provider has no seat map for this offer. */
    SEAT_MAP_UNAVAILABLE("seat_map_unavailable"),
    /** Cancelling succeeds but refunds nothing. */
    NO_REFUND_CANCEL("no_refund_cancel");

    public static final String FIELD = "sandbox_scenario";

    private final String wire;

    SandboxScenario(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** The scenario a payload asks for; an unknown value is refused rather than ignored (a typo would hide a path). */
    public static SandboxScenario of(JsonNode rawOffer) {
        JsonNode field = rawOffer == null ? null : rawOffer.get(FIELD);
        if (field == null || field.isNull()) {
            return NONE;
        }
        String value = field.asString();
        Optional<SandboxScenario> scenario = Arrays.stream(values()).filter(s -> value.equals(s.wire)).findFirst();
        return scenario.orElseThrow(() -> new io.movmo.booking.providers.port.OfferPayloadException(
                "unknown sandbox_scenario '" + value + "'",
                "one of: price_change, order_fails, timeout_then_created, timeout_not_created, seat_map_unavailable, no_refund_cancel"));
    }
}
