package io.movmo.booking.testing.probe;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The side-effect handler runs inside the command's unit of work, and its failure fails the command. */
@Configuration(proxyBeanMethods = false)
class ProbeProcessingConfiguration {

    @Bean
    ConfigurerModule probeSideEffectsInTheCommandsUnitOfWork() {
        return configurer -> configurer.eventProcessing(ep -> ep
                .registerSubscribingEventProcessor(ProbeSideEffects.GROUP)
                .registerListenerInvocationErrorHandler(ProbeSideEffects.GROUP, c -> PropagatingErrorHandler.instance()));
    }
}
