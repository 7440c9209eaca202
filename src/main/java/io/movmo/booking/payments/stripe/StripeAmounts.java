package io.movmo.booking.payments.stripe;

import io.movmo.booking.payments.gateway.PaymentRejectedException;
import io.movmo.booking.payments.gateway.PaymentRejectedException.Reason;
import io.movmo.booking.shared.Money;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.Locale;
import java.util.Set;

/**
 * {@link Money} to and from Stripe's {@code amount} integers and lower-case currency codes.
 *
 * <p>Stripe counts in "the currency's minor unit", which is ISO 4217's ({@link Money#toMinorUnits()}) except where
 * <a href="https://docs.stripe.com/currencies">Stripe's currency guide</a> says otherwise:
 * <ul>
 *   <li><b>Zero-decimal</b> (BIF CLP DJF GNF JPY KMF KRW MGA PYG RWF UGX VND VUV XAF XOF XPF): whole units,
 *       {@code JPY 1234} is {@code 1234}. ISO agrees on all but MGA, which ISO gives two digits and Stripe none:
 *       a fractional MGA amount cannot be charged.</li>
 *   <li><b>ISK</b>: zero-decimal in ISO and in practice (card networks take whole krónur only, since April 2023), but
 *       Stripe's API keeps it two-decimal for backwards compatibility: {@code ISK 5} is {@code 500}, and Stripe refuses
 *       amounts not divisible by 100 ({@code invalid_charge_amount_no_decimal_compatible}). {@link Money} already holds
 *       whole krónur, so every ISK amount sent is a multiple of 100. An amount Stripe reports that is not (an ISK
 *       charge from before 2023) is an {@link IllegalStateException}.</li>
 *   <li><b>HUF, TWD</b>: Stripe charges and refunds them two-decimal, as ISO does (its whole-unit rule is for
 *       payouts only, which the engine does not make): {@code HUF 12.34} is {@code 1234}.</li>
 *   <li><b>Three-decimal</b> (BHD JOD KWD OMR TND): three digits, as ISO, but the last must be 0 for Stripe's
 *       partners: {@code KWD 5.120} is {@code 5120}; {@code KWD 5.124} cannot be charged.</li>
 *   <li>Every other currency is two-decimal.</li>
 * </ul>
 * An amount Stripe cannot take is a {@link PaymentRejectedException} ({@link Reason#AMOUNT_NOT_ALLOWED}) raised before
 * anything is sent; amounts are never rounded.
 */
public final class StripeAmounts {

    private static final Set<String> ZERO_DECIMAL = Set.of("BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA",
            "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF");
    private static final Set<String> THREE_DECIMAL = Set.of("BHD", "JOD", "KWD", "OMR", "TND");

    private StripeAmounts() {}

    /** How many decimal digits Stripe's {@code amount} carries for {@code currency}. */
    static int exponent(Currency currency) {
        String code = currency.getCurrencyCode();
        if (ZERO_DECIMAL.contains(code)) {
            return 0;
        }
        if (THREE_DECIMAL.contains(code)) {
            return 3;
        }
        return 2; // ISK included: Stripe's legacy two-decimal representation
    }

    /** {@code money} as Stripe's {@code amount}: USD 12.34 is 1234, JPY 1234 is 1234, ISK 5 is 500. */
    static long amount(Money money, String operation) {
        int exponent = exponent(money.currency());
        BigDecimal units = money.amount().movePointRight(exponent);
        if (units.stripTrailingZeros().scale() > 0) {
            throw notChargeable(money, operation, "Stripe takes whole units of " + money.currency().getCurrencyCode());
        }
        long amount = units.longValueExact();
        if (exponent == 3 && amount % 10 != 0) {
            throw notChargeable(money, operation, "Stripe takes three-decimal amounts whose last digit is 0");
        }
        return amount;
    }

    /** Stripe's lower-case ISO code: {@code usd}. */
    static String currency(Money money) {
        return money.currency().getCurrencyCode().toLowerCase(Locale.ROOT);
    }

    /** Stripe's {@code amount} and {@code currency} as {@link Money}. */
    public static Money money(Long amount, String currency) {
        if (amount == null || currency == null) {
            throw new IllegalStateException("Stripe answered without an amount or currency");
        }
        Currency iso = Currency.getInstance(currency.toUpperCase(Locale.ROOT));
        BigDecimal value = BigDecimal.valueOf(amount, exponent(iso));
        try {
            return new Money(value, iso);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Stripe reported " + iso.getCurrencyCode() + " amount " + amount
                    + ", which is not an amount of " + iso.getCurrencyCode(), e);
        }
    }

    private static PaymentRejectedException notChargeable(Money money, String operation, String why) {
        return new PaymentRejectedException(Reason.AMOUNT_NOT_ALLOWED, null,
                "Stripe " + operation + " refused before sending: " + money + " cannot be charged (" + why + ")");
    }
}
