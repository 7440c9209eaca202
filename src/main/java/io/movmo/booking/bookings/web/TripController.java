package io.movmo.booking.bookings.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.movmo.booking.bookings.api.BookingView;
import io.movmo.booking.bookings.query.BookingRows;
import io.movmo.booking.offers.web.OfferViews;
import io.movmo.booking.passengers.web.PassengerView;
import io.movmo.booking.passengers.web.SavedPassengers;
import io.movmo.booking.profile.api.KnownUsers;
import io.movmo.booking.shared.UserId;
import io.movmo.booking.web.ApiException;
import io.movmo.booking.web.PathIds;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.axonframework.extensions.reactor.queryhandling.gateway.ReactorQueryGateway;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * A user's trips: the seed's {@code /v1/users/{userid}/bookings} routes, read from the bookings read model over
 * R2DBC. Only the owner reaches them (RouteAuthorization answers 403 to anyone else before these run); an unknown
 * booking, or one of another user named under one's own path, is 404.
 */
@RestController
class TripController {

    private static final String BOOKINGS = "/v1/users/{userid}/bookings";
    private static final String BOOKING = BOOKINGS + "/{bookingid}";
    private static final Set<String> TRAVELER_TYPES = Set.of("adult", "child", "infant");

    private final DatabaseClient db;
    private final ReactorQueryGateway queries;
    private final SavedPassengers savedPassengers;
    private final OfferViews offers;

    TripController(DatabaseClient db, ReactorQueryGateway queries, SavedPassengers savedPassengers, OfferViews offers) {
        this.db = db;
        this.queries = queries;
        this.savedPassengers = savedPassengers;
        this.offers = offers;
    }

    /** The seed's {@code BookingPassenger}: the saved passenger plus ticketing. */
    record BookingPassenger(@JsonUnwrapped PassengerView passenger,
            @JsonProperty("ticket_number") String ticketNumber, @JsonProperty("seat_number") String seatNumber,
            @JsonProperty("fare_basis_code") String fareBasisCode,
            @JsonProperty("seat_selections") List<SeatSelectionView> seatSelections) {}

    record SeatSelectionView(UUID id, @JsonProperty("booking_id") UUID bookingId,
            @JsonProperty("user_passenger_id") UUID userPassengerId, @JsonProperty("segment_id") String segmentId,
            @JsonProperty("seat_number") String seatNumber, @JsonProperty("seat_row") String seatRow,
            @JsonProperty("seat_column") String seatColumn, BigDecimal price, String currency,
            @JsonProperty("created_at") Instant createdAt, @JsonProperty("updated_at") Instant updatedAt) {}

    private record Booked(String providerPassengerId, UUID userPassengerId, String travelerType, String ticketNumber,
            String fareBasisCode) {}

    private record Seat(String providerPassengerId, SeatSelectionView view) {}

    @GetMapping(path = BOOKINGS, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<List<TripSummary>> list(@PathVariable("userid") String userId) {
        UserId user = PathIds.user(userId);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return KnownUsers.require(queries, user)
                .thenMany(db.sql("SELECT * FROM booking WHERE user_id = :user AND " + TripSummary.LISTED
                                + " ORDER BY created_at DESC, booking_id")
                        .bind("user", UUID.fromString(user.value()))
                        .map((row, meta) -> BookingRows.view(row::get))
                        .all())
                .map(booking -> TripSummary.of(booking, today))
                .collectList();
    }

    @GetMapping(path = BOOKING, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<java.util.Map<String, Object>> get(@PathVariable("userid") String userId, @PathVariable("bookingid") String bookingId) {
        return booking(userId, bookingId).map(BookingViews::booking);
    }

    @GetMapping(path = BOOKING + "/passengers", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<List<BookingPassenger>> passengers(@PathVariable("userid") String userId,
            @PathVariable("bookingid") String bookingId) {
        UserId user = PathIds.user(userId);
        return booking(userId, bookingId).flatMap(booking -> {
            UUID id = UUID.fromString(booking.id());
            LocalDate travelerTypesOn = Objects.requireNonNullElse(TripSummary.localDate(booking.trip().departureAt()),
                    LocalDate.now(ZoneOffset.UTC));
            Mono<List<Booked>> booked = db.sql("SELECT * FROM booking_passenger WHERE booking_id = :id ORDER BY position")
                    .bind("id", id)
                    .map((row, meta) -> new Booked(row.get("provider_passenger_id", String.class),
                            row.get("user_passenger_id", UUID.class), row.get("traveler_type", String.class),
                            row.get("ticket_number", String.class), row.get("fare_basis_code", String.class)))
                    .all().collectList();
            Mono<List<Seat>> seats = db.sql("SELECT * FROM booking_seat_selection WHERE booking_id = :id ORDER BY position")
                    .bind("id", id)
                    .map((row, meta) -> new Seat(row.get("provider_passenger_id", String.class), new SeatSelectionView(
                            row.get("id", UUID.class), id, row.get("user_passenger_id", UUID.class),
                            row.get("segment_id", String.class), row.get("seat_number", String.class),
                            row.get("seat_row", String.class), row.get("seat_column", String.class),
                            row.get("price", BigDecimal.class), row.get("currency", String.class),
                            instant(row.get("created_at", OffsetDateTime.class)),
                            instant(row.get("updated_at", OffsetDateTime.class)))))
                    .all().collectList();
            return Mono.zip(booked, seats).flatMap(both -> savedPassengers
                    .of(user, both.getT1().stream().map(Booked::userPassengerId).filter(Objects::nonNull).toList(),
                            travelerTypesOn)
                    .collectMap(p -> UUID.fromString(p.id()))
                    .map(saved -> render(both.getT1(), both.getT2(), saved)));
        });
    }

    @GetMapping(path = BOOKING + "/offer", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Map<String, Object>> offer(@PathVariable("userid") String userId, @PathVariable("bookingid") String bookingId) {
        return booking(userId, bookingId)
                .flatMap(booking -> offers.byId(booking.provider(), booking.flightOfferId(), booking.partnerId())
                        .switchIfEmpty(Mono.defer(() -> offers.byProviderOfferId(booking.provider(),
                                booking.providerOfferId(), booking.partnerId()))))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("the booking's offer is no longer available")));
    }

    /**
     * The booking's passengers in booking order, each the saved passenger it names. A passenger the partner entered
     * without saving it, or whose saved record was erased, has no {@code Passenger} to show and is left out.
     */
    private static List<BookingPassenger> render(List<Booked> booked, List<Seat> seats, Map<UUID, PassengerView> saved) {
        List<BookingPassenger> answer = new ArrayList<>();
        for (Booked b : booked) {
            PassengerView passenger = b.userPassengerId() == null ? null : saved.get(b.userPassengerId());
            if (passenger == null) {
                continue;
            }
            if (b.travelerType() != null && TRAVELER_TYPES.contains(b.travelerType())) {
                passenger = withTravelerType(passenger, b.travelerType()); // as booked and ticketed
            }
            List<SeatSelectionView> own = seats.stream().filter(s -> s.providerPassengerId().equals(b.providerPassengerId()))
                    .map(Seat::view).toList();
            answer.add(new BookingPassenger(passenger, b.ticketNumber(),
                    own.isEmpty() ? null : own.get(0).seatNumber(), b.fareBasisCode(), own));
        }
        return answer;
    }

    private static PassengerView withTravelerType(PassengerView p, String travelerType) {
        return new PassengerView(p.id(), p.userId(), p.firstName(), p.middleName(), p.lastName(), p.gender(),
                p.dateOfBirth(), p.email(), p.phoneNumber(), p.nationality(), travelerType, p.isDefault(),
                p.knownTravelerNumber(), p.createdAt(), p.updatedAt());
    }

    /** The user's booking; 404 when unknown, malformed, or another user's. */
    private Mono<BookingView> booking(String userId, String bookingId) {
        UserId user = PathIds.user(userId);
        UUID id = PathIds.uuid(bookingId, "booking");
        return db.sql("SELECT * FROM booking WHERE booking_id = :id AND user_id = :user")
                .bind("id", id).bind("user", UUID.fromString(user.value()))
                .map((row, meta) -> BookingRows.view(row::get))
                .one()
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("booking not found")));
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }
}
