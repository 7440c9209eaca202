package io.movmo.booking.providers.sandbox;

import io.movmo.booking.providers.port.CancellationOutcome;
import io.movmo.booking.providers.port.CancellationQuote;
import io.movmo.booking.providers.port.FlightProvider;
import io.movmo.booking.providers.port.NormalizedOffer;
import io.movmo.booking.providers.port.OfferPassengerUpdate;
import io.movmo.booking.providers.port.OrderOutcome;
import io.movmo.booking.providers.port.OrderRequest;
import io.movmo.booking.providers.port.PricingOutcome;
import io.movmo.booking.providers.port.ProviderOrder;
import io.movmo.booking.providers.port.SeatMap;
import io.movmo.booking.shared.Money;
import io.movmo.booking.shared.ProviderId;
import io.movmo.booking.shared.SandboxAdapter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;

/**
 * A deterministic stand-in for one flight provider. It reads and normalizes the provider's own offer payloads (with
 * the real adapter's normalizer) and simulates the provider's side of pricing, seat maps, orders, holds and
 * cancellations, keeping orders in {@code sandbox_provider_order} so reconciliation by reference works as it does for
 * real. The payload's {@code sandbox_scenario} ({@link SandboxScenario}) picks the behaviour.
 */
@SandboxAdapter
public class SandboxFlightProvider implements FlightProvider {

    static final Duration PRICE_CHANGE_VALIDITY = Duration.ofMinutes(15);
    /** Where the simulator keeps passenger updates in the offer payload. */
    public static final String PASSENGER_UPDATES = "sandbox_passenger_updates";
    static final Duration HOLD_PERIOD = Duration.ofHours(24);
    private static final BigDecimal PRICE_CHANGE_FACTOR = new BigDecimal("1.10");
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final ProviderId id;
    private final Function<JsonNode, NormalizedOffer> normalizer;
    private final JdbcClient jdbc;
    private final org.springframework.transaction.support.TransactionTemplate transactions;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public SandboxFlightProvider(ProviderId id, Function<JsonNode, NormalizedOffer> normalizer, JdbcClient jdbc,
            org.springframework.transaction.support.TransactionTemplate transactions, Clock clock) {
        this.id = id;
        this.normalizer = normalizer;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public ProviderId id() {
        return id;
    }

    @Override
    public NormalizedOffer normalize(JsonNode rawOffer) {
        SandboxScenario.of(rawOffer); // an unknown scenario is a payload error, caught at creation
        return normalizer.apply(rawOffer);
    }

    @Override
    public Mono<PricingOutcome> price(JsonNode rawOffer) {
        return Mono.fromCallable(() -> {
            NormalizedOffer offer = normalize(rawOffer);
            if (offer.expiresAt() != null && !offer.expiresAt().isAfter(clock.instant())) {
                return new PricingOutcome.OfferGone("the offer expired at " + offer.expiresAt());
            }
            return new PricingOutcome.Priced(rawOffer, offer);
        });
    }

    @Override
    public Mono<List<SeatMap>> seatMaps(JsonNode rawOffer) {
        return Mono.fromCallable(() -> {
            if (SandboxScenario.of(rawOffer) == SandboxScenario.SEAT_MAP_UNAVAILABLE) {
                return List.<SeatMap>of();
            }
            NormalizedOffer offer = normalize(rawOffer);
            List<SeatMap> maps = new ArrayList<>();
            for (JsonNode slice : offer.slices()) {
                for (JsonNode segment : slice.path("segments")) {
                    maps.add(seatMap(segment.path("id").asString(), offer.total().currency()));
                }
            }
            return maps;
        });
    }

    /** Rows 1–20, seats A–F; about one seat in four taken; exit rows 10 and 11 cost extra. Same answer every time. */
    private static SeatMap seatMap(String segmentId, Currency currency) {
        Map<String, SeatMap.Seat> seats = new LinkedHashMap<>();
        Map<String, SeatMap.SeatPrice> pricing = new LinkedHashMap<>();
        for (int row = 1; row <= 20; row++) {
            for (char column : "ABCDEF".toCharArray()) {
                String number = row + String.valueOf(column);
                boolean occupied = Math.floorMod((segmentId + number).hashCode(), 4) == 0;
                boolean exit = row == 10 || row == 11;
                seats.put(number, new SeatMap.Seat(number, String.valueOf(row), String.valueOf(column), !occupied,
                        occupied, false, exit ? "exit_row" : column == 'A' || column == 'F' ? "window"
                                : column == 'C' || column == 'D' ? "aisle" : "middle",
                        exit ? List.of("must be able to assist in an evacuation") : List.of()));
                if (exit) {
                    pricing.put(number, new SeatMap.SeatPrice(new BigDecimal("25.00")
                            .setScale(currency.getDefaultFractionDigits(), RoundingMode.UNNECESSARY), currency.getCurrencyCode()));
                }
            }
        }
        return new SeatMap(segmentId, seats, pricing);
    }

    @Override
    public Mono<JsonNode> updatePassenger(JsonNode rawOffer, String providerPassengerId, OfferPassengerUpdate update) {
        return Mono.fromCallable(() -> {
            NormalizedOffer offer = normalize(rawOffer);
            boolean known = false;
            for (JsonNode passenger : offer.passengers()) {
                known |= providerPassengerId.equals(passenger.path("id").asString());
            }
            if (!known) {
                throw new io.movmo.booking.providers.port.OfferPayloadException(
                        "no passenger " + providerPassengerId + " on this offer", "the offer's passenger ids are in its passengers");
            }
            // Kept in the payload (which the engine stores sealed), as providers that store updates on the offer do:
            // sandbox_passenger_updates.<passenger id> holds what the latest update said.
            tools.jackson.databind.node.ObjectNode updated = ((tools.jackson.databind.node.ObjectNode) rawOffer).deepCopy();
            tools.jackson.databind.node.ObjectNode updates = updated.has(PASSENGER_UPDATES)
                    ? (tools.jackson.databind.node.ObjectNode) updated.get(PASSENGER_UPDATES) : updated.putObject(PASSENGER_UPDATES);
            tools.jackson.databind.node.ObjectNode entry = updates.putObject(providerPassengerId);
            putIfSet(entry, "first_name", update.firstName());
            putIfSet(entry, "middle_name", update.middleName());
            putIfSet(entry, "last_name", update.lastName());
            putIfSet(entry, "date_of_birth", update.dateOfBirth() == null ? null : update.dateOfBirth().toString());
            putIfSet(entry, "gender", update.gender());
            putIfSet(entry, "known_traveler_number", update.knownTravelerNumber());
            var loyalty = entry.putArray("loyalty_programme_accounts");
            for (OfferPassengerUpdate.LoyaltyAccount account : update.loyaltyProgrammeAccounts()) {
                loyalty.addObject().put("airline_iata_code", account.airlineIataCode()).put("account_number", account.accountNumber());
            }
            var documents = entry.putArray("identity_documents");
            for (OfferPassengerUpdate.TravelDocument document : update.identityDocuments()) {
                documents.addObject().put("type", document.type()).put("unique_identifier", document.uniqueIdentifier())
                        .put("issuing_country_code", document.issuingCountryCode())
                        .put("expires_on", document.expiresOn().toString());
            }
            return (JsonNode) updated;
        });
    }

    @Override
    public Mono<OrderOutcome> createOrder(OrderRequest request) {
        return blocking(() -> {
            SandboxScenario scenario = SandboxScenario.of(request.rawOffer());
            NormalizedOffer offer = normalize(request.rawOffer());
            Instant now = clock.instant();
            if (request.retryOrderId() != null) {
                return acceptPriceChange(request, now);
            }
            if (offer.expiresAt() != null && !offer.expiresAt().isAfter(now)) {
                return new OrderOutcome.OfferGone("the offer expired at " + offer.expiresAt());
            }
            Money total = request.expectedTotal() == null ? offer.total() : request.expectedTotal();
            boolean hold = request.type() == OrderRequest.OrderType.HOLD;
            return switch (scenario) {
                case ORDER_FAILS -> new OrderOutcome.Rejected("sandbox scenario order_fails: the airline refused the order");
                case PRICE_CHANGE -> {
                    Money newTotal = new Money(total.amount().multiply(PRICE_CHANGE_FACTOR)
                            .setScale(total.amount().scale(), RoundingMode.HALF_UP), total.currency());
                    String orderId = insert(request, "price_changed", newTotal, scenario, null, now.plus(PRICE_CHANGE_VALIDITY), now);
                    yield new OrderOutcome.PriceChanged(newTotal, orderId, now.plus(PRICE_CHANGE_VALIDITY),
                            "the fare changed from " + total + " to " + newTotal);
                }
                case TIMEOUT_THEN_CREATED -> {
                    insert(request, hold ? "held" : "confirmed", total, scenario, hold ? now.plus(HOLD_PERIOD) : null, null, now);
                    yield new OrderOutcome.Unknown("sandbox scenario timeout_then_created: no answer within the timeout");
                }
                case TIMEOUT_NOT_CREATED -> new OrderOutcome.Unknown("sandbox scenario timeout_not_created: no answer within the timeout");
                default -> {
                    Instant payBy = hold ? now.plus(HOLD_PERIOD) : null;
                    String orderId = insert(request, hold ? "held" : "confirmed", total, scenario, payBy, null, now);
                    yield created(find(orderId).orElseThrow());
                }
            };
        });
    }

    private OrderOutcome acceptPriceChange(OrderRequest request, Instant now) {
        return transactions.execute(status -> acceptPriceChangeLocked(request, now));
    }

    private OrderOutcome acceptPriceChangeLocked(OrderRequest request, Instant now) {
        Optional<Map<String, Object>> pending = jdbc.sql("""
                SELECT * FROM sandbox_provider_order WHERE order_id = :id AND provider = :provider FOR UPDATE""")
                .param("id", request.retryOrderId()).param("provider", id.id()).query().listOfRows().stream().findFirst();
        if (pending.isEmpty() || !"price_changed".equals(pending.get().get("status"))) {
            return new OrderOutcome.Rejected("no price change awaits a retry under order_id " + request.retryOrderId());
        }
        if (!request.reference().equals(pending.get().get("reference"))) {
            return new OrderOutcome.Rejected("order_id " + request.retryOrderId() + " belongs to another booking");
        }
        if (!((Timestamp) pending.get().get("expires_at")).toInstant().isAfter(now)) {
            return new OrderOutcome.OfferGone("the changed price expired");
        }
        long newTotal = ((Number) pending.get().get("total_minor")).longValue();
        if (request.expectedTotal() != null && request.expectedTotal().toMinorUnits() < newTotal) {
            return new OrderOutcome.PriceChanged(find(request.retryOrderId()).orElseThrow().total(), request.retryOrderId(),
                    ((Timestamp) pending.get().get("expires_at")).toInstant(), "the retry must accept the new total");
        }
        boolean hold = request.type() == OrderRequest.OrderType.HOLD;
        jdbc.sql("UPDATE sandbox_provider_order SET status = :status, payment_required_by = :payBy WHERE order_id = :id")
                .param("id", request.retryOrderId()).param("status", hold ? "held" : "confirmed")
                .param("payBy", hold ? Timestamp.from(now.plus(HOLD_PERIOD)) : null).update();
        return created(find(request.retryOrderId()).orElseThrow());
    }

    @Override
    public Mono<OrderOutcome> payHold(String providerOrderId, Money amount, String idempotencyKey) {
        return blocking(() -> {
            Optional<ProviderOrder> order = find(providerOrderId);
            if (order.isEmpty()) {
                return new OrderOutcome.Rejected("no order " + providerOrderId);
            }
            if ("confirmed".equals(order.get().status())) {
                return created(order.get()); // paid before: the same answer again
            }
            if (!"held".equals(order.get().status())) {
                return new OrderOutcome.Rejected("order " + providerOrderId + " is " + order.get().status());
            }
            if (order.get().paymentRequiredBy() != null && !order.get().paymentRequiredBy().isAfter(clock.instant())) {
                return new OrderOutcome.OfferGone("the hold lapsed at " + order.get().paymentRequiredBy());
            }
            if (order.get().total().compareTo(amount) != 0) {
                return new OrderOutcome.PriceChanged(order.get().total(), providerOrderId, order.get().paymentRequiredBy(),
                        "the held order costs " + order.get().total() + ", not " + amount);
            }
            jdbc.sql("UPDATE sandbox_provider_order SET status = 'confirmed', payment_required_by = NULL WHERE order_id = :id")
                    .param("id", providerOrderId).update();
            return created(find(providerOrderId).orElseThrow());
        });
    }

    @Override
    public Mono<Optional<ProviderOrder>> findOrder(String providerOrderId) {
        return blocking(() -> find(providerOrderId).filter(o -> !"price_changed".equals(o.status())));
    }

    @Override
    public Mono<Optional<ProviderOrder>> findOrderByReference(String reference) {
        return blocking(() -> jdbc.sql("""
                SELECT order_id FROM sandbox_provider_order
                WHERE provider = :provider AND reference = :ref AND status <> 'price_changed'
                ORDER BY created_at DESC LIMIT 1""")
                .param("provider", id.id()).param("ref", reference).query(String.class).optional()
                .flatMap(this::find));
    }

    @Override
    public Mono<CancellationQuote> quoteCancellation(String providerOrderId) {
        return blocking(() -> {
            Map<String, Object> row = row(providerOrderId).orElseThrow(() ->
                    new IllegalArgumentException("no order " + providerOrderId));
            ProviderOrder order = find(providerOrderId).orElseThrow();
            Money refund = SandboxScenario.NO_REFUND_CANCEL.wire().equals(row.get("scenario"))
                    ? Money.zero(order.total().currency()) : order.total();
            return new CancellationQuote(providerOrderId, "ocr_sbx_" + token(12), refund, clock.instant().plus(Duration.ofMinutes(15)));
        });
    }

    @Override
    public Mono<CancellationOutcome> confirmCancellation(String providerOrderId, CancellationQuote quote, String idempotencyKey) {
        return blocking(() -> {
            Optional<ProviderOrder> order = find(providerOrderId);
            if (order.isEmpty()) {
                return new CancellationOutcome.Refused("no order " + providerOrderId);
            }
            if ("cancelled".equals(order.get().status())) {
                return new CancellationOutcome.Cancelled(providerOrderId, quote.refund()); // cancelled before
            }
            jdbc.sql("UPDATE sandbox_provider_order SET status = 'cancelled' WHERE order_id = :id").param("id", providerOrderId).update();
            return new CancellationOutcome.Cancelled(providerOrderId, quote.refund());
        });
    }

    private String insert(OrderRequest request, String status, Money total, SandboxScenario scenario, Instant payBy,
            Instant expiresAt, Instant now) {
        String orderId = "ord_sbx_" + token(16);
        jdbc.sql("""
                INSERT INTO sandbox_provider_order (order_id, provider, reference, status, total_minor, currency,
                    booking_reference, scenario, payment_required_by, expires_at, created_at)
                VALUES (:id, :provider, :ref, :status, :total, :currency, :pnr, :scenario, :payBy, :expires, :now)""")
                .param("id", orderId).param("provider", id.id()).param("ref", request.reference()).param("status", status)
                .param("total", total.toMinorUnits()).param("currency", total.currency().getCurrencyCode())
                .param("pnr", token(6)).param("scenario", scenario.wire())
                .param("payBy", payBy == null ? null : Timestamp.from(payBy))
                .param("expires", expiresAt == null ? null : Timestamp.from(expiresAt)).param("now", Timestamp.from(now))
                .update();
        return orderId;
    }

    private Optional<Map<String, Object>> row(String orderId) {
        return jdbc.sql("SELECT * FROM sandbox_provider_order WHERE order_id = :id AND provider = :provider")
                .param("id", orderId).param("provider", id.id()).query().listOfRows().stream().findFirst();
    }

    private Optional<ProviderOrder> find(String orderId) {
        return row(orderId).map(r -> new ProviderOrder((String) r.get("order_id"), (String) r.get("booking_reference"),
                (String) r.get("reference"), (String) r.get("status"),
                Money.ofMinor(((Number) r.get("total_minor")).longValue(),
                        Currency.getInstance(((String) r.get("currency")).trim().toUpperCase(Locale.ROOT))),
                r.get("payment_required_by") == null ? null : ((Timestamp) r.get("payment_required_by")).toInstant()));
    }

    private static OrderOutcome created(ProviderOrder order) {
        return new OrderOutcome.Created(order.providerOrderId(), order.bookingReference(), order.total(),
                "held".equals(order.status()), order.paymentRequiredBy());
    }

    private String token(int length) {
        StringBuilder token = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            token.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return token.toString();
    }

    private static void putIfSet(tools.jackson.databind.node.ObjectNode node, String name, String value) {
        if (value != null && !value.isBlank()) {
            node.put(name, value);
        }
    }

    private static <T> Mono<T> blocking(Callable<T> work) {
        return Mono.fromCallable(work).subscribeOn(Schedulers.boundedElastic());
    }
}
