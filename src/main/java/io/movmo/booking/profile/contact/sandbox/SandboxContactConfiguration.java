package io.movmo.booking.profile.contact.sandbox;

import io.movmo.booking.profile.contact.VerificationCodes;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** In the sandbox, the contact-change flow's codes live in PostgreSQL and its messages land in the outbox. */
@Configuration(proxyBeanMethods = false)
@Profile("sandbox")
class SandboxContactConfiguration {

    @Bean
    PostgresVerificationCodes sandboxVerificationCodes(JdbcClient jdbc, PlatformTransactionManager transactions) {
        return new PostgresVerificationCodes(jdbc, new TransactionTemplate(transactions), Clock.systemUTC());
    }

    @Bean
    SandboxOutbox sandboxOutbox(JdbcClient jdbc) {
        return new SandboxOutbox(jdbc);
    }

    /** Expired codes and week-old outbox messages go, hourly, on one node. */
    @Bean
    RecurringTask<Void> sandboxContactSweepTask(PostgresVerificationCodes codes, JdbcClient jdbc) {
        return Tasks.recurring("sandbox-contact-sweep", FixedDelay.of(Duration.ofHours(1)))
                .execute((instance, context) -> {
                    codes.sweep(Instant.now());
                    jdbc.sql("DELETE FROM sandbox_outbox WHERE created_at < now() - interval '7 days'").update();
                });
    }

    @Bean
    SandboxContactIdentityProvider sandboxContactIdentityProvider(VerificationCodes codes, SandboxOutbox outbox) {
        return new SandboxContactIdentityProvider(codes, outbox);
    }
}
