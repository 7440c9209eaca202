package io.movmo.booking.platform.axon;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeSet;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * How far each streaming event processor is behind the head of the event store: the store's highest global index
 * minus the lowest position among the processor's segment tokens (all segments, whichever node claims them, as the
 * token store holds them). A segment that has handled nothing yet counts as position 0 (global indexes start at 1),
 * so a processor that has not started counts every event as lag; a replaying processor counts from its replay
 * position. Published as the gauge {@value #METRIC} tagged {@code processor}, and in the health of
 * {@link ProcessorLagHealthIndicator}. Read at most once per {@link #FRESHNESS} however often it is asked.
 */
@Component("eventProcessorLag")
public class ProcessorLag {

    public static final String METRIC = "movmo.processor.lag";
    static final Duration FRESHNESS = Duration.ofSeconds(1);

    private final EventProcessingConfiguration processing;
    private final JdbcClient jdbc;
    private final Serializer serializer;
    private final Clock clock = Clock.systemUTC();
    private volatile Snapshot snapshot;

    /** Every processor's lag at one moment, and the head it was measured from (-1: the store is empty). */
    public record Snapshot(long head, Map<String, Long> lags, Instant at) {}

    ProcessorLag(EventProcessingConfiguration processing, JdbcClient jdbc,
            org.axonframework.config.Configuration axon) {
        this.processing = processing;
        this.jdbc = jdbc;
        this.serializer = axon.serializer(); // the serializer Axon's JDBC token store writes tokens with
    }

    /** One gauge per streaming processor, once Axon has built them. */
    @EventListener(ApplicationStartedEvent.class)
    void registerGauges(ApplicationStartedEvent started) {
        MeterRegistry registry = started.getApplicationContext().getBeanProvider(MeterRegistry.class).getIfAvailable();
        if (registry == null) {
            return;
        }
        for (String processor : processors()) {
            Gauge.builder(METRIC, this, lag -> lag.current().lags().getOrDefault(processor, 0L))
                    .description("Events between the head of the event store and the processor's lowest token")
                    .baseUnit("events")
                    .tag("processor", processor)
                    .register(registry);
        }
    }

    /** The latest snapshot, measured again when older than {@link #FRESHNESS}. */
    public Snapshot current() {
        Snapshot last = snapshot;
        if (last == null || last.at().plus(FRESHNESS).isBefore(clock.instant())) {
            last = measure();
            snapshot = last;
        }
        return last;
    }

    /** Measures now. */
    public Snapshot measure() {
        List<Long> max = jdbc.sql("SELECT max(globalindex) FROM domainevententry").query(Long.class).list();
        Long head = max.isEmpty() ? null : max.get(0);
        List<String> names = processors();
        Map<String, List<TrackingToken>> tokens = new HashMap<>();
        names.forEach(name -> tokens.put(name, new ArrayList<>()));
        jdbc.sql("SELECT processorname, token, tokentype FROM tokenentry").query((rs, n) -> {
            List<TrackingToken> own = tokens.get(rs.getString("processorname"));
            if (own != null) {
                byte[] token = rs.getBytes("token");
                own.add(token == null ? null : serializer.deserialize(
                        new SimpleSerializedObject<>(token, byte[].class, rs.getString("tokentype"), null)));
            }
            return n;
        }).list();
        Map<String, Long> lags = new LinkedHashMap<>();
        for (String name : names) {
            lags.put(name, lag(head, tokens.get(name)));
        }
        return new Snapshot(head == null ? -1 : head, lags, clock.instant());
    }

    /**
     * The lag of a processor whose segments hold {@code tokens} (a null token: the segment has handled nothing) when
     * the store's highest global index is {@code head} (null: the store is empty). Never negative.
     */
    static long lag(Long head, Collection<TrackingToken> tokens) {
        if (head == null) {
            return 0;
        }
        long lowest = tokens.isEmpty() ? 0 : Long.MAX_VALUE;
        for (TrackingToken token : tokens) {
            lowest = Math.min(lowest, position(token));
        }
        return Math.max(0, head - lowest);
    }

    /** A token's position; a token that tells none (or no token) counts as 0, before the first event. */
    static long position(TrackingToken token) {
        if (token == null) {
            return 0;
        }
        OptionalLong position = token.position();
        if (position.isPresent()) {
            return position.getAsLong();
        }
        if (token instanceof WrappedToken wrapped && wrapped.lowerBound() != token) {
            return position(wrapped.lowerBound());
        }
        return 0;
    }

    private List<String> processors() {
        TreeSet<String> names = new TreeSet<>();
        for (EventProcessor processor : processing.eventProcessors().values()) {
            if (processor instanceof StreamingEventProcessor) {
                names.add(processor.getName());
            }
        }
        return List.copyOf(names);
    }
}
