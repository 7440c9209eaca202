package io.movmo.booking.providers.adapter;

import io.movmo.booking.providers.port.OfferPayloadException;
import io.movmo.booking.shared.Money;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * A position in a provider's JSON document, read strictly: each accessor answers the value in the provider's documented
 * form or throws an {@link OfferPayloadException} whose details name the path ({@code price.total},
 * {@code itineraries[1].segments[0].departure.at}) and what is wrong, in words a partner can act on. Amounts are
 * decimal strings read into {@link Money} exactly, never through {@code double}. The values themselves are never
 * repeated in a problem (a payload may carry personal data).
 */
public final class PayloadNode {

    /** A decimal string as providers send amounts: digits, optionally a point and more digits; no sign, no exponent. */
    private static final Pattern DECIMAL = Pattern.compile("\\d{1,15}(\\.\\d{1,6})?");

    private final JsonNode node;
    private final String path;
    private final String source;

    private PayloadNode(JsonNode node, String path, String source) {
        this.node = node;
        this.path = path;
        this.source = source;
    }

    /**
     * The document's root, which must be a JSON object. {@code source} names the document in problems ("Darwin
     * availability response").
     */
    public static PayloadNode root(JsonNode node, String source) {
        PayloadNode root = new PayloadNode(node, "", source);
        if (node == null || !node.isObject()) {
            throw root.fail("must be a JSON object");
        }
        return root;
    }

    public JsonNode json() {
        return node;
    }

    /** {@code (root)} for the document itself. */
    public String path() {
        return path.isEmpty() ? "(root)" : path;
    }

    /** Whether the field is present and not null. */
    public boolean has(String name) {
        return node.hasNonNull(name);
    }

    public PayloadNode object(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw fail(name, "is required");
        }
        if (!value.isObject()) {
            throw fail(name, "must be an object");
        }
        return child(name, value);
    }

    public Optional<PayloadNode> optionalObject(String name) {
        return has(name) ? Optional.of(object(name)) : Optional.empty();
    }

    /** A required array of objects, possibly empty. */
    public List<PayloadNode> array(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw fail(name, "is required");
        }
        if (!value.isArray()) {
            throw fail(name, "must be an array");
        }
        List<PayloadNode> elements = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            PayloadNode element = new PayloadNode(value.get(i), join(name) + "[" + i + "]", source);
            if (!value.get(i).isObject()) {
                throw element.fail("must be an object");
            }
            elements.add(element);
        }
        return elements;
    }

    /** A required array of objects with at least one element. */
    public List<PayloadNode> nonEmptyArray(String name) {
        List<PayloadNode> elements = array(name);
        if (elements.isEmpty()) {
            throw fail(name, "must not be empty");
        }
        return elements;
    }

    /** An array of objects that may be absent or null (then empty). */
    public List<PayloadNode> optionalArray(String name) {
        return has(name) ? array(name) : List.of();
    }

    /** An array of non-blank strings that may be absent or null (then empty). */
    public List<String> optionalTextArray(String name) {
        if (!has(name)) {
            return List.of();
        }
        JsonNode value = node.get(name);
        if (!value.isArray()) {
            throw fail(name, "must be an array of strings");
        }
        List<String> texts = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            JsonNode element = value.get(i);
            if (!element.isString() || element.stringValue().isBlank()) {
                throw new PayloadNode(element, join(name) + "[" + i + "]", source).fail("must be a non-empty string");
            }
            texts.add(element.stringValue());
        }
        return texts;
    }

    /** A required, non-blank string. */
    public String text(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw fail(name, "is required");
        }
        if (!value.isString() || value.stringValue().isBlank()) {
            throw fail(name, "must be a non-empty string");
        }
        return value.stringValue();
    }

    /** A non-blank string, or null when absent or null. */
    public String optionalText(String name) {
        return has(name) ? text(name) : null;
    }

    /** A required string that is one of {@code allowed}. */
    public String textIn(String name, Set<String> allowed) {
        String value = text(name);
        if (!allowed.contains(value)) {
            throw fail(name, "must be one of " + allowed.stream().sorted().toList());
        }
        return value;
    }

    public boolean bool(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw fail(name, "is required");
        }
        if (!value.isBoolean()) {
            throw fail(name, "must be true or false");
        }
        return value.booleanValue();
    }

    public boolean optionalBool(String name, boolean absent) {
        return has(name) ? bool(name) : absent;
    }

    /** A required whole number within [{@code min}, {@code max}]. */
    public int integer(String name, int min, int max) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw fail(name, "is required");
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < min || value.intValue() > max) {
            throw fail(name, "must be a whole number from " + min + " to " + max);
        }
        return value.intValue();
    }

    public Integer optionalInteger(String name, int min, int max) {
        return has(name) ? integer(name, min, max) : null;
    }

    /** An ISO-8601 instant with an offset ({@code 2026-08-20T12:30:00Z}). */
    public Instant instant(String name) {
        return dateTime(name).toInstant();
    }

    public Instant optionalInstant(String name) {
        return has(name) ? instant(name) : null;
    }

    /** An ISO-8601 date-time with an offset ({@code 2026-09-01T08:00:00-07:00}). */
    public OffsetDateTime dateTime(String name) {
        String value = text(name);
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeException e) {
            throw fail(name, "must be an ISO-8601 date-time with an offset, e.g. 2026-09-01T08:00:00-07:00");
        }
    }

    public LocalDate date(String name) {
        String value = text(name);
        try {
            return LocalDate.parse(value);
        } catch (DateTimeException e) {
            throw fail(name, "must be an ISO-8601 date, e.g. 2026-09-01");
        }
    }

    /** An ISO-8601 duration ({@code PT5H25M}), positive. */
    public Duration duration(String name) {
        String value = text(name);
        try {
            Duration duration = Duration.parse(value);
            if (duration.isNegative() || duration.isZero()) {
                throw fail(name, "must be a positive ISO-8601 duration, e.g. PT5H25M");
            }
            return duration;
        } catch (DateTimeException e) {
            throw fail(name, "must be a positive ISO-8601 duration, e.g. PT5H25M");
        }
    }

    /** An ISO 4217 currency code with a minor unit. */
    public Currency currency(String name) {
        String value = text(name);
        Currency currency;
        try {
            currency = value.length() == 3 && value.equals(value.toUpperCase(Locale.ROOT))
                    ? Currency.getInstance(value) : null;
        } catch (IllegalArgumentException e) {
            currency = null;
        }
        if (currency == null || currency.getDefaultFractionDigits() < 0) {
            throw fail(name, "must be an ISO 4217 currency code, e.g. USD");
        }
        return currency;
    }

    /** A decimal string ({@code "1245.00"}), never a JSON number. */
    public BigDecimal decimal(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw fail(name, "is required");
        }
        if (!value.isString() || !DECIMAL.matcher(value.stringValue()).matches()) {
            throw fail(name, "must be a decimal string, e.g. \"1245.00\"");
        }
        return new BigDecimal(value.stringValue());
    }

    /** A decimal string of {@code currency}, exact: more digits than the currency has are refused, never rounded. */
    public Money money(String name, Currency currency) {
        BigDecimal amount = decimal(name);
        try {
            return Money.of(amount, currency);
        } catch (IllegalArgumentException e) {
            throw fail(name, "has more decimal digits than " + currency.getCurrencyCode() + " has ("
                    + currency.getDefaultFractionDigits() + ")");
        }
    }

    /** {@code {"amount": "1245.00", "currency": "USD"}}. */
    public Money amountObject(String name) {
        PayloadNode amount = object(name);
        return amount.money("amount", amount.currency("currency"));
    }

    /** A problem with this node itself. */
    public OfferPayloadException fail(String problem) {
        return new OfferPayloadException("The " + source + " is invalid", path() + ": " + problem);
    }

    /** A problem with the field {@code name} of this node. */
    public OfferPayloadException fail(String name, String problem) {
        return new OfferPayloadException("The " + source + " is invalid", join(name) + ": " + problem);
    }

    private PayloadNode child(String name, JsonNode value) {
        return new PayloadNode(value, join(name), source);
    }

    private String join(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
