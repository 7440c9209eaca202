package io.movmo.booking.profile.contact;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import io.movmo.booking.profile.api.ChangeContactCommand;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
                .execute((instance, context) -> run(flow, commands));
    }

    static void run(ContactChangeFlow flow, CommandGateway commands) {
        for (ContactChangeFlow.Unrecorded change : flow.unrecorded()) {
            commands.sendAndWait(new ChangeContactCommand(change.user(), change.type(), change.value(),
                    Instant.now().truncatedTo(ChronoUnit.MICROS)));
            flow.finish(change.user());
            log.info("Recorded a confirmed contact change left unrecorded: type={}", change.type().wire());
        }
        int dropped = flow.sweepAbandoned();
        if (dropped > 0) {
            log.info("Dropped {} abandoned contact changes", dropped);
        }
    }
}
