package io.movmo.booking.profile.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Seat, bag, meal and special-assistance preferences (the seed's shapes); personal data, so sealed in events. */
public record TravelPreferences(Seat seat, Bag bag, Meal meal,
        @JsonProperty("special_assistance") List<String> specialAssistance) {

    public static final TravelPreferences EMPTY = new TravelPreferences(
            new Seat(null, null, null, null), new Bag(null), new Meal(List.of(), null), List.of());

    public record Seat(@JsonProperty("seat_type") String seatType, @JsonProperty("seating_zone") String seatingZone,
            @JsonProperty("extra_legroom") Boolean extraLegroom, @JsonProperty("exit_row") Boolean exitRow) {}

    public record Bag(@JsonProperty("check_bag") Boolean checkBag) {}

    public record Meal(@JsonProperty("meal_types") List<String> mealTypes, @JsonProperty("dietary_notes") String dietaryNotes) {}
}
