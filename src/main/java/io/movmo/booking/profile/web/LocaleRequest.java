package io.movmo.booking.profile.web;

import io.movmo.booking.web.validation.CountryCode;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import java.util.Currency;
import java.util.Locale;
import java.util.Set;

/** The seed's {@code UpsertLocalePreferencesRequest}: all three codes, each a real ISO code in its usual case. */
record LocaleRequest(@NotNull String language_code, @NotNull @CountryCode String region_code, @NotNull String currency_code) {

    private static final Set<String> LANGUAGES = Set.of(Locale.getISOLanguages());

    @AssertTrue(message = "must be an ISO 639-1 language code, lower case (e.g. en)")
    boolean isLanguage_code() {
        return language_code == null || LANGUAGES.contains(language_code);
    }

    @AssertTrue(message = "must be an ISO 4217 currency code, upper case (e.g. USD)")
    boolean isCurrency_code() {
        if (currency_code == null) {
            return true;
        }
        try {
            return Currency.getInstance(currency_code).getCurrencyCode().equals(currency_code);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
