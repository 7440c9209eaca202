package io.movmo.booking.providers.adapter;

import java.util.regex.Pattern;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Fields every provider offer carries, read and normalized the same way whatever the provider. */
public final class OfferFields {

    public static final Pattern AIRPORT = Pattern.compile("[A-Z]{3}");
    public static final Pattern CARRIER = Pattern.compile("[A-Z0-9]{2}");
    public static final Pattern FLIGHT_NUMBER = Pattern.compile("\\d{1,4}[A-Z]?");
    public static final Pattern KILOGRAMS = Pattern.compile("\\d{1,7}");

    private OfferFields() {
    }

    /** {@code node.name}, an airport IATA code; {@code example} is one in the provider's documents ("LAX"). */
    public static String airport(PayloadNode node, String name, String example) {
        String code = node.text(name);
        if (!AIRPORT.matcher(code).matches()) {
            throw node.fail(name, "must be an airport IATA code, e.g. " + example);
        }
        return code;
    }

    /** {@code node.name}, an airline IATA code; {@code example} is one in the provider's documents ("DA"). */
    public static String carrier(PayloadNode node, String name, String example) {
        String code = node.text(name);
        if (!CARRIER.matcher(code).matches()) {
            throw node.fail(name, "must be an airline IATA code, e.g. " + example);
        }
        return code;
    }

    /** The normalized conditions of a ticket that is neither refunded nor changed through the provider's API. */
    public static ObjectNode noRefundsOrChanges() {
        ObjectNode conditions = JsonNodeFactory.instance.objectNode();
        conditions.putObject("refund_before_departure").put("allowed", false);
        conditions.putObject("change_before_departure").put("allowed", false);
        return conditions;
    }
}
