package io.movmo.booking.providers.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.movmo.booking.providers.port.CancellationOutcome;
import io.movmo.booking.providers.port.CancellationQuote;
import io.movmo.booking.providers.port.FlightProvider;
import io.movmo.booking.providers.port.OrderOutcome;
import io.movmo.booking.providers.port.OrderRequest;
import io.movmo.booking.providers.port.ProviderOrder;
import io.movmo.booking.shared.Money;
import io.movmo.booking.shared.ProviderId;
import io.movmo.booking.testing.EngineTest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The sandbox provider's scenarios, as the booking saga will meet them: each path a real provider can take. */
@EngineTest
class SandboxFlightProviderIT {

    @Autowired List<FlightProvider> providers;
    @Autowired JdbcClient jdbc;

    private final JsonMapper json = JsonMapper.builder().build();

    private FlightProvider duffel() {
        return providers.stream().filter(p -> p.id() == ProviderId.DUFFEL).findFirst().orElseThrow();
    }

    private ObjectNode offer(String scenario) {
        try (InputStream in = getClass().getResourceAsStream("/duffel/offer.json")) {
            ObjectNode offer = (ObjectNode) json.readTree(in);
            ObjectNode data = offer.has("data") ? (ObjectNode) offer.get("data") : offer;
            data.put("expires_at", Instant.now().plus(1, ChronoUnit.DAYS).toString());
            if (scenario != null) {
                data.put(SandboxScenario.FIELD, scenario);
            }
            return data;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OrderRequest order(ObjectNode offer, String reference, OrderRequest.OrderType type, String retryOrderId) {
        return new OrderRequest(reference, offer, type, List.of(), List.of(), List.of(),
                new OrderRequest.Contact("a@example.com", "+15550100"), Money.of("452.30", "GBP"), retryOrderId,
                "booking:" + reference + ":order");
    }

    private long orders(String reference) {
        return jdbc.sql("SELECT count(*) FROM sandbox_provider_order WHERE reference = :r AND status <> 'price_changed'")
                .param("r", reference).query(Long.class).single();
    }

    @Test
    void createsAnOrderItCanFindByOurReference() {
        String reference = UUID.randomUUID().toString();
        OrderOutcome outcome = duffel().createOrder(order(offer(null), reference, OrderRequest.OrderType.INSTANT, null)).block();
        assertThat(outcome).isInstanceOfSatisfying(OrderOutcome.Created.class, created -> {
            assertThat(created.total()).isEqualTo(Money.of("452.30", "GBP"));
            assertThat(created.held()).isFalse();
            assertThat(created.bookingReference()).hasSize(6);
        });
        Optional<ProviderOrder> found = duffel().findOrderByReference(reference).block();
        assertThat(found).get().extracting(ProviderOrder::status).isEqualTo("confirmed");
    }

    @Test
    void changesThePriceOnceThenAcceptsTheRetryNamingItsOrderId() {
        String reference = UUID.randomUUID().toString();
        ObjectNode offer = offer("price_change");
        OrderOutcome first = duffel().createOrder(order(offer, reference, OrderRequest.OrderType.INSTANT, null)).block();
        assertThat(first).isInstanceOf(OrderOutcome.PriceChanged.class);
        OrderOutcome.PriceChanged changed = (OrderOutcome.PriceChanged) first;
        assertThat(changed.newTotal()).isEqualTo(Money.of("497.53", "GBP")); // 452.30 × 1.10, to the penny
        assertThat(orders(reference)).isZero();

        // A retry that does not accept the new total is told the price again; accepting it books.
        assertThat(duffel().createOrder(order(offer, reference, OrderRequest.OrderType.INSTANT, changed.providerOrderId())).block())
                .isInstanceOf(OrderOutcome.PriceChanged.class);
        OrderRequest accepting = order(offer, reference, OrderRequest.OrderType.INSTANT, changed.providerOrderId());
        accepting = new OrderRequest(accepting.reference(), accepting.rawOffer(), accepting.type(), accepting.passengers(),
                accepting.seats(), accepting.services(), accepting.contact(), changed.newTotal(), accepting.retryOrderId(),
                accepting.idempotencyKey());
        OrderOutcome retried = duffel().createOrder(accepting).block();
        assertThat(retried).isInstanceOfSatisfying(OrderOutcome.Created.class, created -> {
            assertThat(created.providerOrderId()).isEqualTo(changed.providerOrderId());
            assertThat(created.total()).isEqualTo(Money.of("497.53", "GBP"));
        });
        assertThat(orders(reference)).isEqualTo(1);
        assertThat(duffel().createOrder(order(offer, reference, OrderRequest.OrderType.INSTANT, "ord_sbx_unknown")).block())
                .isInstanceOf(OrderOutcome.Rejected.class);

        // Another booking cannot take over a price change that is not its own.
        String other = UUID.randomUUID().toString();
        OrderOutcome.PriceChanged theirs = (OrderOutcome.PriceChanged) duffel().createOrder(
                order(offer, other, OrderRequest.OrderType.INSTANT, null)).block();
        assertThat(duffel().createOrder(order(offer, reference, OrderRequest.OrderType.INSTANT, theirs.providerOrderId())).block())
                .isInstanceOf(OrderOutcome.Rejected.class);
    }

    @Test
    void failsOrTimesOutAsTheScenarioSays() {
        String failing = UUID.randomUUID().toString();
        assertThat(duffel().createOrder(order(offer("order_fails"), failing, OrderRequest.OrderType.INSTANT, null)).block())
                .isInstanceOf(OrderOutcome.Rejected.class);
        assertThat(orders(failing)).isZero();

        String created = UUID.randomUUID().toString();
        assertThat(duffel().createOrder(order(offer("timeout_then_created"), created, OrderRequest.OrderType.INSTANT, null)).block())
                .isInstanceOf(OrderOutcome.Unknown.class);
        assertThat(duffel().findOrderByReference(created).block()).isPresent();

        String lost = UUID.randomUUID().toString();
        assertThat(duffel().createOrder(order(offer("timeout_not_created"), lost, OrderRequest.OrderType.INSTANT, null)).block())
                .isInstanceOf(OrderOutcome.Unknown.class);
        assertThat(duffel().findOrderByReference(lost).block()).isEmpty();
    }

    @Test
    void holdsThenConfirmsOnPaymentAndCancelsWithOrWithoutRefund() {
        String reference = UUID.randomUUID().toString();
        OrderOutcome held = duffel().createOrder(order(offer(null), reference, OrderRequest.OrderType.HOLD, null)).block();
        assertThat(held).isInstanceOfSatisfying(OrderOutcome.Created.class, h -> {
            assertThat(h.held()).isTrue();
            assertThat(h.paymentRequiredBy()).isAfter(Instant.now());
        });
        String orderId = ((OrderOutcome.Created) held).providerOrderId();
        assertThat(duffel().payHold(orderId, Money.of("400.00", "GBP"), "k1").block()).isInstanceOf(OrderOutcome.PriceChanged.class);
        assertThat(duffel().payHold(orderId, Money.of("452.30", "GBP"), "k2").block())
                .isInstanceOfSatisfying(OrderOutcome.Created.class, paid -> assertThat(paid.held()).isFalse());

        CancellationQuote quote = duffel().quoteCancellation(orderId).block();
        assertThat(quote.refund()).isEqualTo(Money.of("452.30", "GBP"));
        assertThat(duffel().confirmCancellation(orderId, quote, "c1").block())
                .isInstanceOfSatisfying(CancellationOutcome.Cancelled.class, c -> assertThat(c.refund()).isEqualTo(Money.of("452.30", "GBP")));
        assertThat(duffel().findOrder(orderId).block()).get().extracting(ProviderOrder::status).isEqualTo("cancelled");

        String noRefund = UUID.randomUUID().toString();
        OrderOutcome.Created kept = (OrderOutcome.Created) duffel().createOrder(
                order(offer("no_refund_cancel"), noRefund, OrderRequest.OrderType.INSTANT, null)).block();
        assertThat(duffel().quoteCancellation(kept.providerOrderId()).block().refund()).isEqualTo(Money.zero(kept.total().currency()));
    }
}
