package io.movmo.booking.offers.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.movmo.booking.offers.api.OfferCommands.CreateOffer;
import io.movmo.booking.offers.api.OfferCommands.InvalidPassengerMapping;
import io.movmo.booking.offers.api.OfferCommands.MapOfferPassengers;
import io.movmo.booking.offers.api.OfferCommands.OfferExpired;
import io.movmo.booking.offers.api.OfferCommands.OfferNotFound;
import io.movmo.booking.offers.api.OfferCommands.RecordOfferPassengerUpdate;
import io.movmo.booking.offers.api.OfferCommands.RecordOfferPricing;
import io.movmo.booking.offers.api.OfferCommands.ReplaceOfferPayload;
import io.movmo.booking.offers.api.OfferEvents.OfferCreatedEvent;
import io.movmo.booking.offers.api.OfferEvents.OfferPassengerUpdatedEvent;
import io.movmo.booking.offers.api.OfferEvents.OfferPassengersMappedEvent;
import io.movmo.booking.offers.api.OfferEvents.OfferPayloadReplacedEvent;
import io.movmo.booking.offers.api.OfferEvents.OfferPricedEvent;
import io.movmo.booking.offers.api.OfferEvents.PassengerMapping;
import io.movmo.booking.providers.port.NormalizedOffer;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A flight offer a partner created from a provider's payload. It answers only that partner; after its
 * {@code expires_at} nothing changes it any more. Passenger mappings name only passengers the offer has, each once.
 */
@Aggregate
class Offer {

    @AggregateIdentifier
    private String offerId;
    private String partnerId;
    private Instant expiresAt;
    private final Set<String> providerPassengers = new LinkedHashSet<>();

    Offer() {}

    @CommandHandler
    Offer(CreateOffer command) {
        apply(new OfferCreatedEvent(command.offerId(), command.provider(), command.partnerId(), command.rawOffer(),
                command.offer(), command.at()));
    }

    @CommandHandler
    long handle(ReplaceOfferPayload command) {
        requireLive(command.partnerId(), command.at());
        apply(new OfferPayloadReplacedEvent(offerId, command.rawOffer(), command.offer(), command.at()));
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    long handle(RecordOfferPricing command) {
        requireLive(command.partnerId(), command.at());
        apply(new OfferPricedEvent(offerId, command.rawOffer(), command.offer(), command.at()));
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    long handle(MapOfferPassengers command) {
        requireLive(command.partnerId(), command.at());
        Set<String> seen = new HashSet<>();
        Set<String> saved = new HashSet<>();
        for (PassengerMapping mapping : command.mappings()) {
            if (!providerPassengers.contains(mapping.providerPassengerId())) {
                throw new InvalidPassengerMapping("the offer has no passenger " + mapping.providerPassengerId()
                        + "; its passengers are " + providerPassengers);
            }
            if (!seen.add(mapping.providerPassengerId())) {
                throw new InvalidPassengerMapping("passenger " + mapping.providerPassengerId() + " is mapped twice");
            }
            if (mapping.userPassengerId() != null && !saved.add(mapping.userPassengerId())) {
                throw new InvalidPassengerMapping("saved passenger " + mapping.userPassengerId()
                        + " is mapped to two offer passengers");
            }
        }
        apply(new OfferPassengersMappedEvent(offerId, command.userId(), command.mappings(), command.at()));
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    long handle(RecordOfferPassengerUpdate command) {
        requireLive(command.partnerId(), command.at());
        if (!providerPassengers.contains(command.providerPassengerId())) {
            throw new OfferNotFound();
        }
        apply(new OfferPassengerUpdatedEvent(offerId, command.providerPassengerId(), command.rawOffer(), command.offer(),
                command.at()));
        return AggregateLifecycle.getVersion();
    }

    private void requireLive(String partner, Instant at) {
        if (!partnerId.equals(partner)) {
            throw new OfferNotFound();
        }
        if (expiresAt != null && !expiresAt.isAfter(at)) {
            throw new OfferExpired(expiresAt);
        }
    }

    @EventSourcingHandler
    void on(OfferCreatedEvent event) {
        offerId = event.offerId();
        partnerId = event.partnerId();
        adopt(event.offer());
    }

    @EventSourcingHandler
    void on(OfferPayloadReplacedEvent event) {
        adopt(event.offer());
    }

    @EventSourcingHandler
    void on(OfferPricedEvent event) {
        adopt(event.offer());
    }

    @EventSourcingHandler
    void on(OfferPassengerUpdatedEvent event) {
        adopt(event.offer());
    }

    private void adopt(NormalizedOffer offer) {
        expiresAt = offer.expiresAt();
        providerPassengers.clear();
        if (offer.passengers() != null) {
            offer.passengers().forEach(p -> providerPassengers.add(p.path("id").asString()));
        }
    }
}
