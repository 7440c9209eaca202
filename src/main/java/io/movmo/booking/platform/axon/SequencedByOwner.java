package io.movmo.booking.platform.axon;

import io.movmo.booking.shared.UserOwned;
import java.util.List;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Processing groups whose read models keep a rule across one user's aggregates ("one default passenger", "one
 * default payment method") handle all of a user's {@link UserOwned} events in store order: they are sequenced by
 * owner, not by aggregate. Different users still spread over segments and threads.
 */
@Configuration(proxyBeanMethods = false)
public class SequencedByOwner {

    public static final String PASSENGERS = "passengers";
    public static final String PAYMENT_METHODS = "payment-methods";

    static final List<String> GROUPS = List.of(PASSENGERS, PAYMENT_METHODS);

    @Bean
    ConfigurerModule ownerSequencingPolicies() {
        return configurer -> configurer.eventProcessing(processing -> GROUPS.forEach(group ->
                processing.registerSequencingPolicy(group, c -> event -> event.getPayload() instanceof UserOwned owned
                        ? owned.userId().value()
                        : SequentialPerAggregatePolicy.instance().getSequenceIdentifierFor(event))));
    }
}
