package io.movmo.booking.platform.axon;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Each streaming processor's lag behind the head of the event store ({@link ProcessorLag}), for operators: always UP
 * (a processor catching up is not a fault; a stopped or failing one turns {@code axonProcessors} DOWN). Served with
 * details by the health group {@code processors} ({@code GET /actuator/health/processors}).
 */
@Component("processorLag")
class ProcessorLagHealthIndicator implements HealthIndicator {

    private final ProcessorLag lag;

    ProcessorLagHealthIndicator(ProcessorLag lag) {
        this.lag = lag;
    }

    @Override
    public Health health() {
        ProcessorLag.Snapshot snapshot = lag.current();
        Map<String, Object> lags = new LinkedHashMap<>(snapshot.lags());
        return Health.up().withDetail("head", snapshot.head()).withDetail("lag", lags).build();
    }
}
