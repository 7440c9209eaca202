package io.movmo.booking.shared;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/**
 * An amount of one currency: a {@link BigDecimal} and a {@link Currency}, never a {@code double}. The amount is never
 * negative and has at most the currency's ISO 4217 minor-unit digits ({@link Currency#getDefaultFractionDigits()}):
 * {@code 10.001 USD} and {@code 1.5 JPY} are refused, never rounded. It is held at exactly that scale, so
 * {@code 12.3 USD} and {@code 12.30 USD} are equal and both print as {@code USD 12.30}.
 *
 * <p>Minor units here are ISO 4217's: cents for USD, whole yen for JPY, fils (three digits) for KWD, whole krónur for
 * ISK, fillér (two digits) for HUF. A payment provider whose API counts differently (Stripe keeps ISK two-decimal)
 * converts at its own boundary; see {@code io.movmo.booking.payments.stripe.StripeAmounts}.
 *
 * <p>Pseudo-currencies without minor units (gold {@code XAU}, {@code XXX}) are refused. Arithmetic never mixes
 * currencies and never goes below zero: both are {@link IllegalArgumentException}s.
 */
public record Money(BigDecimal amount, Currency currency) implements Comparable<Money> {

    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        int digits = currency.getDefaultFractionDigits();
        if (digits < 0) {
            throw new IllegalArgumentException(currency.getCurrencyCode() + " has no minor unit and is not money here");
        }
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("an amount of money is never negative: " + currency.getCurrencyCode()
                    + " " + amount.toPlainString());
        }
        if (amount.stripTrailingZeros().scale() > digits) {
            throw new IllegalArgumentException(currency.getCurrencyCode() + " has " + digits + " decimal digit"
                    + (digits == 1 ? "" : "s") + ", so " + amount.toPlainString() + " is not an amount of it");
        }
        amount = amount.setScale(digits);
    }

    /** {@code Money.of("12.34", "USD")}. */
    public static Money of(String amount, String currencyCode) {
        return new Money(new BigDecimal(amount), Currency.getInstance(currencyCode));
    }

    public static Money of(BigDecimal amount, Currency currency) {
        return new Money(amount, currency);
    }

    /** {@code minorUnits} of {@code currency}'s ISO 4217 minor unit: {@code ofMinor(1234, USD)} is USD 12.34. */
    public static Money ofMinor(long minorUnits, Currency currency) {
        Objects.requireNonNull(currency, "currency");
        return new Money(BigDecimal.valueOf(minorUnits, Math.max(currency.getDefaultFractionDigits(), 0)), currency);
    }

    public static Money zero(Currency currency) {
        return ofMinor(0, currency);
    }

    /** The amount in ISO 4217 minor units, exactly: {@code USD 12.34} is 1234, {@code JPY 1234} is 1234. */
    public long toMinorUnits() {
        return amount.movePointRight(currency.getDefaultFractionDigits()).longValueExact();
    }

    public Money plus(Money other) {
        return new Money(amount.add(sameCurrency(other).amount), currency);
    }

    /** This minus {@code other}; an {@link IllegalArgumentException} if that would be negative. */
    public Money minus(Money other) {
        return new Money(amount.subtract(sameCurrency(other).amount), currency);
    }

    @JsonIgnore // not a property: events and saga state carry amount and currency only
    public boolean isZero() {
        return amount.signum() == 0;
    }

    public boolean isGreaterThan(Money other) {
        return compareTo(other) > 0;
    }

    /** Orders amounts of the same currency; comparing two currencies is an {@link IllegalArgumentException}. */
    @Override
    public int compareTo(Money other) {
        return amount.compareTo(sameCurrency(other).amount);
    }

    /** {@code USD 12.34}, {@code JPY 1234}. */
    @Override
    public String toString() {
        return currency.getCurrencyCode() + " " + amount.toPlainString();
    }

    private Money sameCurrency(Money other) {
        Objects.requireNonNull(other, "other");
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("cannot combine " + currency.getCurrencyCode() + " with "
                    + other.currency.getCurrencyCode());
        }
        return other;
    }
}
