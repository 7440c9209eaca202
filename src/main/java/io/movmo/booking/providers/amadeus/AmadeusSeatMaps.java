package io.movmo.booking.providers.amadeus;

import io.movmo.booking.providers.port.SeatMap;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * SeatMap Display answers ({@code data: [seatmap]}, one per segment) as the seed's {@code SeatMap}s.
 *
 * <ul>
 *   <li>Seats of all decks, keyed by {@code number} ({@code 14A}: row {@code 14}, column {@code A}).</li>
 *   <li>Amadeus gives availability per traveler ({@code travelerPricing[].seatAvailabilityStatus}); the seed has one
 *       per seat. A seat is available only if it is {@code AVAILABLE} to every traveler (so any passenger may pick
 *       any seat shown free), occupied if any traveler sees it {@code OCCUPIED}, and blocked otherwise (an exit row
 *       {@code BLOCKED} for the adult holding an infant is blocked for all).</li>
 *   <li>{@code seat_type}: {@code exit_row} (characteristic {@code E}), else {@code window} ({@code W}),
 *       {@code aisle} ({@code A}), {@code middle} ({@code 9}), else {@code standard}; {@code disclosures} are
 *       Amadeus's characteristic codes as given (IATA list 9825 and Amadeus's own, e.g. {@code CH} chargeable,
 *       {@code 1A_AQC_PREMIUM_SEAT}).</li>
 *   <li>{@code pricing}: the seat's price where it costs more than zero; where travelers are charged differently,
 *       the highest, so nobody is quoted less than Amadeus will charge.</li>
 *   <li>A segment without seats is left out.</li>
 * </ul>
 */
final class AmadeusSeatMaps {

    private AmadeusSeatMaps() {}

    static List<SeatMap> read(JsonNode answer) {
        List<SeatMap> maps = new ArrayList<>();
        JsonNode data = answer == null ? null : answer.get("data");
        if (data == null || !data.isArray()) {
            return maps;
        }
        for (JsonNode seatmap : data) {
            String segmentId = AmadeusOffers.string(seatmap.has("segmentId") ? seatmap.get("segmentId") : seatmap.get("segmentid"));
            Map<String, SeatMap.Seat> seats = new LinkedHashMap<>();
            Map<String, SeatMap.SeatPrice> pricing = new LinkedHashMap<>();
            for (JsonNode deck : seatmap.path("decks")) {
                for (JsonNode seat : deck.path("seats")) {
                    String number = AmadeusOffers.string(seat.get("number"));
                    if (number == null || !number.matches("\\d{1,3}[A-Z]{0,2}")) {
                        continue;
                    }
                    seats.put(number, seat(number, seat));
                    SeatMap.SeatPrice price = price(seat.path("travelerPricing"));
                    if (price != null) {
                        pricing.put(number, price);
                    }
                }
            }
            if (segmentId != null && !seats.isEmpty()) {
                maps.add(new SeatMap(segmentId, seats, pricing));
            }
        }
        return maps;
    }

    private static SeatMap.Seat seat(String number, JsonNode seat) {
        String row = number.replaceAll("\\D.*$", "");
        String column = number.substring(row.length());
        List<String> codes = new ArrayList<>();
        for (JsonNode code : seat.path("characteristicsCodes")) {
            String value = AmadeusOffers.string(code);
            if (value != null) {
                codes.add(value);
            }
        }
        int travelers = 0;
        boolean allAvailable = true;
        boolean anyOccupied = false;
        for (JsonNode pricing : seat.path("travelerPricing")) {
            travelers++;
            String status = AmadeusOffers.string(pricing.get("seatAvailabilityStatus"));
            allAvailable &= "AVAILABLE".equals(status);
            anyOccupied |= "OCCUPIED".equals(status);
        }
        boolean available = travelers > 0 && allAvailable;
        boolean occupied = !available && anyOccupied;
        boolean blocked = !available && !occupied;
        return new SeatMap.Seat(number, row, column, available, occupied, blocked, seatType(codes), List.copyOf(codes));
    }

    private static String seatType(List<String> codes) {
        if (codes.contains("E")) {
            return "exit_row";
        }
        if (codes.contains("W")) {
            return "window";
        }
        if (codes.contains("A")) {
            return "aisle";
        }
        if (codes.contains("9")) {
            return "middle";
        }
        return "standard";
    }

    private static SeatMap.SeatPrice price(JsonNode travelerPricings) {
        BigDecimal highest = null;
        String currency = null;
        for (JsonNode pricing : travelerPricings) {
            JsonNode price = pricing.get("price");
            if (price == null || !price.isObject()) {
                continue;
            }
            String priceCurrency = AmadeusOffers.string(price.get("currency"));
            String total = AmadeusOffers.string(price.get("total"));
            if (total == null && price.path("total").isNumber()) {
                total = price.get("total").decimalValue().toPlainString();
            }
            if (priceCurrency == null || total == null || (currency != null && !currency.equals(priceCurrency))) {
                continue;
            }
            BigDecimal amount;
            try {
                amount = new BigDecimal(total.trim());
            } catch (NumberFormatException e) {
                continue;
            }
            if (highest == null || amount.compareTo(highest) > 0) {
                highest = amount;
                currency = priceCurrency;
            }
        }
        return highest == null || highest.signum() <= 0 ? null : new SeatMap.SeatPrice(highest, currency);
    }
}
