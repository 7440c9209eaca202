package io.movmo.booking.platform.axon;

import io.movmo.booking.web.RequestContext;
import io.movmo.booking.web.RequestMetadataDispatchInterceptor;
import java.util.concurrent.Executors;
import org.axonframework.commandhandling.AsynchronousCommandBus;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandBusSpanFactory;
import org.axonframework.commandhandling.DuplicateCommandHandlerResolver;
import org.axonframework.common.AxonThreadFactory;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.axonframework.extensions.reactor.commandhandling.gateway.ReactorCommandGateway;
import org.axonframework.extensions.reactor.queryhandling.gateway.ReactorQueryGateway;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.modelling.saga.repository.jdbc.PostgresSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSqlSchema;
import org.axonframework.serialization.jackson3.Jackson3SerializerCustomizer;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.DeserializationFeature;

/**
 * Axon 4.13 without Axon Server: JDBC event, token, saga and dead-letter stores on PostgreSQL (tables by Flyway),
 * db-scheduler deadlines, Jackson 3 JSON for every stored message, pooled streaming processors.
 */
@Configuration(proxyBeanMethods = false)
class AxonConfiguration {

    /** Name prefix of the threads that handle commands. */
    static final String COMMAND_THREADS = "movmo-command";

    /** Makes Axon's auto-configuration build its JDBC saga store on PostgreSQL's types (bytea, bigserial). */
    @Bean
    SagaSqlSchema sagaSqlSchema() {
        return new PostgresSagaSqlSchema();
    }

    /**
     * Tolerant reader: an event stored with a field a later version dropped still loads. And the polymorphic types
     * Axon itself stores are allowed: a processor reset stores a {@code ReplayToken}, whose tokens and context are
     * typed by class name, and Jackson 3 refuses every such type by default (a reset would then stall the processor).
     * Only Axon's own classes and plain JDK values are allowed, never arbitrary classes named in stored data.
     */
    @Bean
    Jackson3SerializerCustomizer tolerantJsonReader() {
        return builder -> builder.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .polymorphicTypeValidator(BasicPolymorphicTypeValidator.builder()
                        .allowIfSubType("org.axonframework.")
                        .allowIfSubType("java.lang.")
                        .allowIfSubType("java.util.")
                        .build());
    }

    @Bean
    CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }

    /** Request, partner and user ids travel on from each handled message to the messages it causes. */
    @Bean
    CorrelationDataProvider requestCorrelationDataProvider() {
        return new SimpleCorrelationDataProvider(RequestContext.METADATA_KEYS);
    }

    /**
     * Commands run on a pool of their own, never on the Netty thread that dispatched them: handling a command loads
     * the aggregate and appends events over JDBC, which blocks. The reactive gateways complete from this pool.
     */
    @Bean(destroyMethod = "shutdown")
    AsynchronousCommandBus commandBus(TransactionManager transactionManager, org.axonframework.config.Configuration axon,
            DuplicateCommandHandlerResolver duplicateResolver, @Value("${movmo.axon.command-threads:16}") int threads) {
        AsynchronousCommandBus bus = AsynchronousCommandBus.builder()
                .executor(Executors.newFixedThreadPool(threads, new AxonThreadFactory(COMMAND_THREADS)))
                .transactionManager(transactionManager)
                .duplicateCommandHandlerResolver(duplicateResolver)
                .spanFactory(axon.getComponent(CommandBusSpanFactory.class))
                .messageMonitor(axon.messageMonitor(CommandBus.class, "commandBus"))
                .build();
        bus.registerHandlerInterceptor(new CorrelationDataInterceptor<>(axon.correlationDataProviders()));
        return bus;
    }

    @Bean
    ConfigurerModule pooledStreamingProcessorsByDefault() {
        return configurer -> configurer.eventProcessing(ep -> ep.usingPooledStreamingEventProcessors());
    }

    @Bean
    SmartInitializingSingleton requestMetadataOnDispatch(ReactorCommandGateway commands, ReactorQueryGateway queries) {
        return () -> {
            commands.registerDispatchInterceptor(new RequestMetadataDispatchInterceptor<>());
            queries.registerDispatchInterceptor(new RequestMetadataDispatchInterceptor<>());
        };
    }
}
