package io.movmo.booking.platform.axon;

import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Readiness of the event processors: DOWN while any processor is stopped or has a segment in error. Shows, per
 * processor, whether it runs, its error state and the segments this node claims.
 */
@Component("axonProcessors")
class AxonProcessorsHealthIndicator implements HealthIndicator {

    private final EventProcessingConfiguration processing;

    AxonProcessorsHealthIndicator(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    @Override
    public Health health() {
        Health.Builder health = Health.up();
        Map<String, Object> details = new LinkedHashMap<>();
        for (EventProcessor processor : processing.eventProcessors().values()) {
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("running", processor.isRunning());
            state.put("error", processor.isError());
            if (processor instanceof StreamingEventProcessor streaming) {
                state.put("claimedSegments", streaming.processingStatus().size());
            }
            details.put(processor.getName(), state);
            if (!processor.isRunning() || processor.isError()) {
                health.down();
            }
        }
        return health.withDetail("processors", details).build();
    }
}
