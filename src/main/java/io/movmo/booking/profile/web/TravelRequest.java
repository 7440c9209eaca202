package io.movmo.booking.profile.web;

import io.movmo.booking.profile.api.TravelPreferences;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The seed's {@code UpsertTravelPreferencesRequest}: the whole document, every part required, enums checked. */
record TravelRequest(@NotNull @Valid Seat seat, @NotNull @Valid Bag bag, @NotNull @Valid Meal meal,
        @NotNull @Size(max = 5) List<@NotNull @Pattern(regexp = ASSISTANCE, message = "must be one of " + ASSISTANCE) String> special_assistance) {

    static final String ASSISTANCE = "wheelchair_assistance|visual_impairment|hearing_impairment|service_animal|infant_or_child";
    static final String MEALS = "standard|vegetarian|vegan|gluten_free|kosher|halal|diabetic";

    record Seat(@Pattern(regexp = "window|middle|aisle", message = "must be window, middle or aisle") String seat_type,
            @Pattern(regexp = "front|middle|back", message = "must be front, middle or back") String seating_zone,
            Boolean extra_legroom, Boolean exit_row) {}

    record Bag(Boolean check_bag) {}

    record Meal(@Size(max = 7) List<@NotNull @Pattern(regexp = MEALS, message = "must be one of " + MEALS) String> meal_types,
            @Size(max = 500) String dietary_notes) {}

    TravelPreferences toPreferences() {
        return new TravelPreferences(
                new TravelPreferences.Seat(seat.seat_type(), seat.seating_zone(), seat.extra_legroom(), seat.exit_row()),
                new TravelPreferences.Bag(bag.check_bag()),
                new TravelPreferences.Meal(meal.meal_types() == null ? List.of() : meal.meal_types(), meal.dietary_notes()),
                special_assistance);
    }
}
