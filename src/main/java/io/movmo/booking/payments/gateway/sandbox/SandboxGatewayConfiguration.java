package io.movmo.booking.payments.gateway.sandbox;

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

/** In the sandbox, payments go to the sandbox's own Stripe in PostgreSQL, with a ledger for tests and support. */
@Configuration(proxyBeanMethods = false)
@Profile("sandbox")
class SandboxGatewayConfiguration {

    @Bean
    SandboxPaymentGateway sandboxPaymentGateway(JdbcClient jdbc, PlatformTransactionManager transactions) {
        return new SandboxPaymentGateway(jdbc, new TransactionTemplate(transactions), Clock.systemUTC());
    }

    @Bean
    SandboxLedger sandboxLedger(JdbcClient jdbc) {
        return new SandboxLedger(jdbc);
    }

    /** Idempotency keys older than Stripe's 24 hours go, hourly, on one node. */
    @Bean
    RecurringTask<Void> sandboxPaymentKeysSweepTask(SandboxPaymentGateway gateway) {
        return Tasks.recurring("sandbox-payment-keys-sweep", FixedDelay.of(Duration.ofHours(1)))
                .execute((instance, context) ->
                        gateway.forgetIdempotencyKeys(Instant.now().minus(SandboxPaymentGateway.KEY_RETENTION)));
    }
}
