package io.movmo.booking.offers.query;

import io.movmo.booking.offers.api.AwaitOfferQuery;
import io.movmo.booking.offers.api.OfferEvents.OfferCreatedEvent;
import io.movmo.booking.offers.api.OfferEvents.OfferPassengerUpdatedEvent;
import io.movmo.booking.offers.api.OfferEvents.OfferPassengersMappedEvent;
import io.movmo.booking.offers.api.OfferEvents.OfferPayloadReplacedEvent;
import io.movmo.booking.offers.api.OfferEvents.OfferPricedEvent;
import io.movmo.booking.offers.api.OfferEvents.PassengerMapping;
import io.movmo.booking.platform.axon.ReadYourWrites.Shown;
import io.movmo.booking.providers.port.NormalizedOffer;
import io.movmo.booking.shared.pii.Sealed;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code offer} and {@code offer_passenger} read models (see projections/README.md). Each offer row records the
 * sequence number of the offer's latest event applied; older events (redelivery, replay into a live table) change
 * nothing.
 */
@Component
@ProcessingGroup("offers")
class OfferProjection {

    private final JdbcClient jdbc;
    private final QueryUpdateEmitter updates;
    private final JsonMapper json;

    OfferProjection(JdbcClient jdbc, QueryUpdateEmitter updates, JsonMapper json) {
        this.jdbc = jdbc;
        this.updates = updates;
        this.json = json;
    }

    @EventHandler
    void on(OfferCreatedEvent event, @SequenceNumber long version) {
        NormalizedOffer offer = event.offer();
        jdbc.sql("""
                INSERT INTO offer (offer_id, provider, partner_id, raw_sealed, normalized, total_amount, total_currency,
                    expires_at, created_at, updated_at, version)
                VALUES (:id, :provider, :partner, :raw, CAST(:normalized AS jsonb), :total, :currency, :expires, :at, :at,
                    :version)
                ON CONFLICT (offer_id) DO NOTHING""")
                .param("id", event.offerId()).param("provider", event.provider().id()).param("partner", event.partnerId())
                .param("raw", event.rawOffer().ciphertext()).param("normalized", json.writeValueAsString(offer))
                .param("total", offer.total().amount()).param("currency", offer.total().currency().getCurrencyCode())
                .param("expires", timestamp(offer.expiresAt())).param("at", Timestamp.from(event.createdAt()))
                .param("version", version).update();
        applied(event.offerId(), version);
    }

    @EventHandler
    void on(OfferPayloadReplacedEvent event, @SequenceNumber long version) {
        replace(event.offerId(), event.rawOffer(), event.offer(), event.replacedAt(), false, version);
    }

    @EventHandler
    void on(OfferPricedEvent event, @SequenceNumber long version) {
        replace(event.offerId(), event.rawOffer(), event.offer(), event.pricedAt(), true, version);
    }

    @EventHandler
    void on(OfferPassengerUpdatedEvent event, @SequenceNumber long version) {
        replace(event.offerId(), event.rawOffer(), event.offer(), event.updatedAt(), false, version);
    }

    @EventHandler
    void on(OfferPassengersMappedEvent event, @SequenceNumber long version) {
        if (advance(event.offerId(), version, event.mappedAt())) {
            UUID user = UUID.fromString(event.userId().value());
            jdbc.sql("DELETE FROM offer_passenger WHERE offer_id = :id AND user_id = :user")
                    .param("id", event.offerId()).param("user", user).update();
            for (PassengerMapping mapping : event.mappings()) {
                jdbc.sql("""
                        INSERT INTO offer_passenger (offer_id, user_id, provider_passenger_id, user_passenger_id, mapped_at)
                        VALUES (:id, :user, :passenger, :saved, :at)""")
                        .param("id", event.offerId()).param("user", user)
                        .param("passenger", mapping.providerPassengerId())
                        .param("saved", mapping.userPassengerId() == null ? null : UUID.fromString(mapping.userPassengerId()))
                        .param("at", Timestamp.from(event.mappedAt())).update();
            }
        }
        applied(event.offerId(), version);
    }

    private void replace(String offerId, Sealed raw, NormalizedOffer offer, Instant at, boolean priced, long version) {
        jdbc.sql("""
                UPDATE offer SET raw_sealed = :raw, normalized = CAST(:normalized AS jsonb), total_amount = :total,
                    total_currency = :currency, expires_at = :expires, updated_at = :at,
                    priced_at = CASE WHEN :priced THEN :at ELSE priced_at END, version = :version
                WHERE offer_id = :id AND version < :version""")
                .param("id", offerId).param("raw", raw.ciphertext()).param("normalized", json.writeValueAsString(offer))
                .param("total", offer.total().amount()).param("currency", offer.total().currency().getCurrencyCode())
                .param("expires", timestamp(offer.expiresAt())).param("at", Timestamp.from(at)).param("priced", priced)
                .param("version", version).update();
        applied(offerId, version);
    }

    private boolean advance(String offerId, long version, Instant at) {
        return jdbc.sql("UPDATE offer SET version = :version, updated_at = :at WHERE offer_id = :id AND version < :version")
                .param("id", offerId).param("version", version).param("at", Timestamp.from(at)).update() == 1;
    }

    @QueryHandler
    Shown handle(AwaitOfferQuery query) {
        return new Shown(jdbc.sql("SELECT count(*) FROM offer WHERE offer_id = :id AND version >= :version")
                .param("id", query.offerId()).param("version", query.version()).query(Integer.class).single() > 0);
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM offer").update(); // mappings go with their offers (ON DELETE CASCADE)
    }

    private void applied(String offerId, long version) {
        updates.emit(AwaitOfferQuery.class, q -> q.offerId().equals(offerId) && q.version() <= version, new Shown(true));
    }

    private static Timestamp timestamp(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }
}
