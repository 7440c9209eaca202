package io.movmo.booking.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Currency;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

class MoneyTest {

    private static final Currency USD = Currency.getInstance("USD");
    private static final Currency JPY = Currency.getInstance("JPY");

    @ParameterizedTest
    @CsvSource({
            "12.34, USD, 1234",
            "12.3, USD, 1230",
            "12, USD, 1200",
            "0, USD, 0",
            "1234, JPY, 1234",
            "1234.000, JPY, 1234",
            "1.234, KWD, 1234",
            "12.34, HUF, 1234",
            "5, ISK, 5",
            "5000, UGX, 5000",
            "92233720368547758.07, USD, 9223372036854775807"})
    void minorUnitsFollowTheCurrencysIsoExponentExactly(String amount, String currency, long minor) {
        Money money = Money.of(amount, currency);

        assertThat(money.toMinorUnits()).isEqualTo(minor);
        assertThat(Money.ofMinor(minor, Currency.getInstance(currency))).isEqualTo(money);
    }

    @ParameterizedTest
    @CsvSource({"10.001, USD", "1.5, JPY", "0.1, JPY", "5.5, ISK", "1.2345, KWD", "0.001, EUR"})
    void refusesMoreFractionDigitsThanTheCurrencyHasInsteadOfRounding(String amount, String currency) {
        assertThatThrownBy(() -> Money.of(amount, currency))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(currency + " has ")
                .hasMessageContaining(amount + " is not an amount of it");
    }

    @Test
    void refusesNegativeAmounts() {
        assertThatThrownBy(() -> Money.of("-0.01", "USD"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("never negative");
        assertThatThrownBy(() -> Money.ofMinor(-1, JPY)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesPseudoCurrenciesWithoutMinorUnits() {
        assertThatThrownBy(() -> Money.of("1", "XAU"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("XAU has no minor unit");
    }

    @Test
    void trailingZerosWithinTheCurrencysDigitsAreTheSameAmount() {
        assertThat(Money.of("12.3", "USD")).isEqualTo(Money.of("12.300", "USD"));
        assertThat(Money.of("12.3", "USD").hashCode()).isEqualTo(Money.of("12.30", "USD").hashCode());
        assertThat(Money.of("1E+3", "JPY")).isEqualTo(Money.ofMinor(1000, JPY));
        assertThat(Money.of("12.30", "USD").amount()).isEqualByComparingTo("12.3").hasScaleOf(2);
    }

    @Test
    void printsCurrencyCodeThenThePlainAmountAtTheCurrencysScale() {
        assertThat(Money.of("12.34", "USD")).hasToString("USD 12.34");
        assertThat(Money.of("12.3", "USD")).hasToString("USD 12.30");
        assertThat(Money.ofMinor(1234, JPY)).hasToString("JPY 1234");
        assertThat(Money.of("1E+3", "JPY")).hasToString("JPY 1000");
        assertThat(Money.zero(Currency.getInstance("KWD"))).hasToString("KWD 0.000");
    }

    @Test
    void addsAndSubtractsWithinOneCurrencyAndNeverBelowZero() {
        Money authorized = Money.of("120.00", "USD");

        assertThat(authorized.minus(Money.of("20.01", "USD"))).isEqualTo(Money.of("99.99", "USD"));
        assertThat(authorized.plus(Money.of("0.01", "USD"))).isEqualTo(Money.of("120.01", "USD"));
        assertThat(authorized.minus(authorized).isZero()).isTrue();
        assertThatThrownBy(() -> authorized.minus(Money.of("120.01", "USD")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> authorized.plus(Money.of("1", "EUR")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot combine USD with EUR");
    }

    @Test
    void comparesAmountsOfOneCurrencyOnly() {
        assertThat(Money.of("12.35", "USD")).isGreaterThan(Money.of("12.34", "USD"));
        assertThat(Money.of("12.34", "USD").isGreaterThan(Money.of("12.34", "USD"))).isFalse();
        assertThat(Money.of("12.34", "USD").compareTo(Money.of("12.340", "USD"))).isZero();
        assertThatThrownBy(() -> Money.of("1", "USD").compareTo(Money.of("1", "EUR")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void minorUnitsThatDoNotFitALongAreAnErrorNotAWrapAround() {
        Money huge = new Money(new BigDecimal("92233720368547758.08"), USD);

        assertThatThrownBy(huge::toMinorUnits).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void roundTripsThroughJsonAsAnExactDecimalAndACurrencyCode() {
        JsonMapper json = JsonMapper.builder().build();
        Money money = Money.of("12.30", "USD");

        String written = json.writeValueAsString(money);

        assertThat(written).isEqualTo("{\"amount\":12.30,\"currency\":\"USD\"}");
        assertThat(json.readValue(written, Money.class)).isEqualTo(money);
        assertThat(json.readValue("{\"amount\":1234,\"currency\":\"JPY\"}", Money.class))
                .isEqualTo(Money.ofMinor(1234, JPY));
        assertThatThrownBy(() -> json.readValue("{\"amount\":1.5,\"currency\":\"JPY\"}", Money.class))
                .hasRootCauseInstanceOf(IllegalArgumentException.class);
    }
}
