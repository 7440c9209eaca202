package io.movmo.booking.profile.contact.sandbox;

import io.movmo.booking.profile.contact.VerificationCodes;
import java.time.Clock;
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

    @Bean
    SandboxContactIdentityProvider sandboxContactIdentityProvider(VerificationCodes codes, SandboxOutbox outbox) {
        return new SandboxContactIdentityProvider(codes, outbox);
    }
}
