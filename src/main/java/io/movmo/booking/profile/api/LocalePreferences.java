package io.movmo.booking.profile.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Language (ISO 639-1), region (ISO 3166-1 alpha-2) and currency (ISO 4217). */
public record LocalePreferences(
        @JsonProperty("language_code") String languageCode,
        @JsonProperty("region_code") String regionCode,
        @JsonProperty("currency_code") String currencyCode) {

    public static final LocalePreferences DEFAULTS = new LocalePreferences("en", "US", "USD");
}
