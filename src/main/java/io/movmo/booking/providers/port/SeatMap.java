package io.movmo.booking.providers.port;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** The seed's {@code SeatMap} for one segment: seats by seat number, and prices by seat number where seats cost. */
public record SeatMap(@JsonProperty("segment_id") String segmentId,
        @JsonProperty("seat_map") Map<String, Seat> seatMap,
        Map<String, SeatPrice> pricing) {

    /** The seed's {@code SeatInfo}. */
    public record Seat(@JsonProperty("seat_number") String seatNumber, String row, String column,
            @JsonProperty("is_available") boolean available, @JsonProperty("is_occupied") boolean occupied,
            @JsonProperty("is_blocked") boolean blocked, @JsonProperty("seat_type") String seatType,
            java.util.List<String> disclosures) {}

    /** The seed's {@code SeatPrice} (a number, as the seed has it; the engine computes with Money). */
    public record SeatPrice(java.math.BigDecimal amount, String currency) {}
}
