package io.movmo.booking.platform.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.movmo.booking.MovmoBookingApplication;
import io.movmo.booking.testing.probe.ProbeResult;
import io.movmo.booking.testing.probe.RecordProbeCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import org.axonframework.extensions.reactor.commandhandling.gateway.ReactorCommandGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Without MOVMO_DATABASE_URL the engine runs its own PostgreSQL, and what it stored is there after a restart. */
class EmbeddedDatabaseRestartIT {

    @TempDir Path dataDir;

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(MovmoBookingApplication.class)
                .run("--server.port=0", "--movmo.database.url=", "--movmo.database.embedded.data-dir=" + dataDir);
    }

    @Test
    void keepsEventsAcrossRestarts() {
        try (ConfigurableApplicationContext first = start()) {
            assertThat(first.getBean(PostgresServer.class).isEmbedded()).isTrue();
            ProbeResult before = first.getBean(ReactorCommandGateway.class)
                    .<ProbeResult>send(new RecordProbeCommand("restart-probe", "before restart")).block();
            assertThat(before.previousNotes()).isZero();
        }
        assertThat(Files.exists(dataDir.resolve("postgresql.conf"))).isTrue();

        try (ConfigurableApplicationContext second = start()) {
            // The aggregate is rebuilt from the event stored before the restart.
            ProbeResult after = second.getBean(ReactorCommandGateway.class)
                    .<ProbeResult>send(new RecordProbeCommand("restart-probe", "after restart")).block();
            assertThat(after.previousNotes()).isEqualTo(1);
        }
    }
}
