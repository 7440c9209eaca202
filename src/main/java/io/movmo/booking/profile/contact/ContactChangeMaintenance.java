package io.movmo.booking.profile.contact;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import io.movmo.booking.profile.api.ChangeContactCommand;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every minute, on one node of the cluster (a db-scheduler recurring task), the contact-change table is kept honest:
 * a change the identity provider confirmed but the engine failed to record (a crash or timeout at step 3 that the
 * user never repeated) is recorded as {@code ContactChangedEvent}, so the engine and the provider agree; changes
 * abandoned before confirmation are dropped once expired.
 */
@Configuration(proxyBeanMethods = false)
class ContactChangeMaintenance {

    private static final Logger log = LoggerFactory.getLogger(ContactChangeMaintenance.class);

    @Bean
    RecurringTask<Void> contactChangeMaintenanceTask(ContactChangeFlow flow, CommandGateway commands) {
        return Tasks.recurring("contact-change-maintenance", FixedDelay.of(Duration.ofMinutes(1)))
                .execute((instance, context) -> run(flow, commands).exceptionally(e -> {
                    // The rows stay: the next run records them again.
                    log.warn("Recording a confirmed contact change failed; retried next run: {}", e.toString());
                    return null;
                }));
    }

    /**
     * Sends the commands without waiting for them (the scheduler thread is not held); each change is finished once
     * its command succeeded. The answer completes when every change is recorded or has failed.
     */
    static CompletableFuture<Void> run(ContactChangeFlow flow, CommandGateway commands) {
        List<CompletableFuture<?>> recorded = new ArrayList<>();
        for (ContactChangeFlow.Unrecorded change : flow.unrecorded()) {
            recorded.add(commands.send(new ChangeContactCommand(change.user(), change.type(), change.value(),
                            Instant.now().truncatedTo(ChronoUnit.MICROS)))
                    .thenRun(() -> {
                        flow.finish(change.user());
                        log.info("Recorded a confirmed contact change left unrecorded: type={}", change.type().wire());
                    }));
        }
        int dropped = flow.sweepAbandoned();
        if (dropped > 0) {
            log.info("Dropped {} abandoned contact changes", dropped);
        }
        return CompletableFuture.allOf(recorded.toArray(CompletableFuture[]::new));
    }
}
