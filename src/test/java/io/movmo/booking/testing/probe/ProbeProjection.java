package io.movmo.booking.testing.probe;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Test-only projection on a pooled streaming processor with the JDBC dead-letter queue enabled. */
@Component
@ProcessingGroup(ProbeProjection.GROUP)
class ProbeProjection {

    static final String GROUP = "probe-projection";
    static final String POISON = "dead-letter-me";

    private final JdbcClient jdbc;

    ProbeProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ProbeRecordedEvent event) {
        if (POISON.equals(event.note())) {
            throw new IllegalStateException("this event cannot be projected");
        }
        jdbc.sql("""
                INSERT INTO probe_projection (probe_id, notes) VALUES (:id, 1)
                ON CONFLICT (probe_id) DO UPDATE SET notes = probe_projection.notes + 1""")
                .param("id", event.probeId()).update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM probe_projection").update();
    }
}
