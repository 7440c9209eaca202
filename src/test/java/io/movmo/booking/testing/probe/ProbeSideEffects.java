package io.movmo.booking.testing.probe;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Test-only subscribing handler: writes a row in the command's own unit of work, and fails after writing when the
 * note says so, so tests can see whether the row, the event and the command commit or roll back together.
 */
@Component
@ProcessingGroup(ProbeSideEffects.GROUP)
class ProbeSideEffects {

    static final String GROUP = "probe-side-effects";
    static final String FAIL_AFTER_WRITE = "fail-after-write";

    private final JdbcClient jdbc;

    ProbeSideEffects(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ProbeRecordedEvent event) {
        jdbc.sql("INSERT INTO probe_side_effect (probe_id, note) VALUES (:id, :note)")
                .param("id", event.probeId()).param("note", event.note()).update();
        if (FAIL_AFTER_WRITE.equals(event.note())) {
            throw new IllegalStateException("side effect failed after its write");
        }
    }
}
