package io.movmo.booking.profile.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.movmo.booking.profile.api.LocalePreferences;
import io.movmo.booking.profile.api.SetLocalePreferencesCommand;
import io.movmo.booking.profile.api.SetTravelPreferencesCommand;
import io.movmo.booking.profile.api.TravelPreferences;
import io.movmo.booking.shared.UserId;
import io.movmo.booking.shared.pii.PersonalDataShreddedException;
import io.movmo.booking.shared.pii.PersonalDataVault;
import io.movmo.booking.shared.pii.Sealed;
import io.movmo.booking.web.ApiException;
import jakarta.validation.Valid;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

/**
 * Locale and travel preferences. {@code GET} never 404s for a user who exists: defaults ({@code en}/{@code US}/
 * {@code USD}; empty travel preferences) until the user sets them. {@code PUT} replaces the whole document and
 * answers the saved preferences once a {@code GET} would return them.
 */
@RestController
class PreferencesController {

    private final ProfileReadModel readModel;
    private final PersonalDataVault vault;
    private final JsonMapper json;

    PreferencesController(ProfileReadModel readModel, PersonalDataVault vault, JsonMapper json) {
        this.readModel = readModel;
        this.vault = vault;
        this.json = json;
    }

    /** The seed's {@code LocalePreferences}. */
    record LocaleView(@JsonProperty("user_id") String userId, @JsonProperty("language_code") String languageCode,
            @JsonProperty("region_code") String regionCode, @JsonProperty("currency_code") String currencyCode,
            @JsonProperty("updated_at") Instant updatedAt) {}

    /** The seed's {@code TravelPreferences}. */
    record TravelView(@JsonProperty("user_id") String userId, TravelPreferences.Seat seat, TravelPreferences.Bag bag,
            TravelPreferences.Meal meal, @JsonProperty("special_assistance") java.util.List<String> specialAssistance,
            @JsonProperty("updated_at") Instant updatedAt) {}

    @GetMapping(path = "/v1/users/{userid}/locale-preferences", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<LocaleView> locale(@PathVariable("userid") String userId) {
        UserId user = ProfileReadModel.user(userId);
        return readModel.row(user, row -> row.get("language_code", String.class) == null
                ? new LocaleView(user.value(), LocalePreferences.DEFAULTS.languageCode(), LocalePreferences.DEFAULTS.regionCode(),
                        LocalePreferences.DEFAULTS.currencyCode(), null)
                : new LocaleView(user.value(), row.get("language_code", String.class), row.get("region_code", String.class),
                        row.get("currency_code", String.class), ProfileReadModel.instant(row, "locale_updated_at")));
    }

    @PutMapping(path = "/v1/users/{userid}/locale-preferences", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<LocaleView> setLocale(@PathVariable("userid") String userId, @Valid @RequestBody LocaleRequest body) {
        UserId user = ProfileReadModel.user(userId);
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        LocalePreferences preferences = new LocalePreferences(body.language_code(), body.region_code(), body.currency_code());
        return readModel.change(user, new SetLocalePreferencesCommand(user, preferences, at))
                .thenReturn(new LocaleView(user.value(), preferences.languageCode(), preferences.regionCode(),
                        preferences.currencyCode(), at));
    }

    @GetMapping(path = "/v1/users/{userid}/travel-preferences", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<TravelView> travel(@PathVariable("userid") String userId) {
        UserId user = ProfileReadModel.user(userId);
        record Stored(String sealed, Instant at) {}
        return readModel.row(user, row -> new Stored(row.get("travel_sealed", String.class),
                        ProfileReadModel.instant(row, "travel_updated_at")))
                .publishOn(Schedulers.boundedElastic())
                .map(stored -> view(user, stored.sealed() == null ? TravelPreferences.EMPTY
                        : json.readValue(vault.open(new Sealed(user.personalDataSubject(), stored.sealed())),
                                TravelPreferences.class), stored.at()))
                .onErrorMap(PersonalDataShreddedException.class, e -> ApiException.notFound("user not found"));
    }

    @PutMapping(path = "/v1/users/{userid}/travel-preferences", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<TravelView> setTravel(@PathVariable("userid") String userId, @Valid @RequestBody TravelRequest body) {
        UserId user = ProfileReadModel.user(userId);
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        TravelPreferences preferences = body.toPreferences();
        return readModel.changeSealed(user, preferences, sealed -> new SetTravelPreferencesCommand(user, sealed, at))
                .thenReturn(view(user, preferences, at));
    }

    private static TravelView view(UserId user, TravelPreferences p, Instant at) {
        return new TravelView(user.value(), p.seat(), p.bag(), p.meal(), p.specialAssistance(), at);
    }
}
