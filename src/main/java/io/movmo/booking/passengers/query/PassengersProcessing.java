package io.movmo.booking.passengers.query;

import io.movmo.booking.passengers.api.PassengerEvent;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code passengers} processing group handles all events of one user's passengers in order (sequenced by owner,
 * not by passenger): "one default passenger per user" spans aggregates, so the projection must see a user's changes
 * in the order they happened. Different users still spread over segments and threads.
 */
@Configuration(proxyBeanMethods = false)
class PassengersProcessing {

    static final String GROUP = "passengers";

    @Bean
    ConfigurerModule passengersSequencedByOwner() {
        return configurer -> configurer.eventProcessing(processing -> processing.registerSequencingPolicy(GROUP,
                c -> event -> event.getPayload() instanceof PassengerEvent passengerEvent
                        ? passengerEvent.userId().value()
                        : SequentialPerAggregatePolicy.instance().getSequenceIdentifierFor(event)));
    }
}
