package io.movmo.booking.providers.adapter;

import io.movmo.booking.shared.Money;

/**
 * An amount in a provider request: a decimal string exactly as {@link Money} holds it ({@code "1294.99"},
 * {@code "98500"} for ISK) and its currency code.
 */
public record DecimalAmount(String amount, String currency) {

    public static DecimalAmount of(Money money) {
        return new DecimalAmount(money.amount().toPlainString(), money.currency().getCurrencyCode());
    }
}
