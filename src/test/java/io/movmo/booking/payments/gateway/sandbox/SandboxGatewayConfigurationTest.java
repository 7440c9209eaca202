package io.movmo.booking.payments.gateway.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.movmo.booking.payments.gateway.PaymentGateway;
import io.movmo.booking.shared.SandboxAdapter;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.transaction.PlatformTransactionManager;

/** The sandbox profile serves the payment gateway port from the sandbox's own Stripe; no other profile does. */
class SandboxGatewayConfigurationTest {

    private final DataSource dataSource = new SimpleDriverDataSource();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withBean(JdbcClient.class, () -> JdbcClient.create(dataSource))
            .withBean(PlatformTransactionManager.class, () -> new JdbcTransactionManager(dataSource))
            .withUserConfiguration(SandboxGatewayConfiguration.class);

    @Test
    void theSandboxServesThePaymentGatewayAndItsLedgerAsSandboxAdapters() {
        runner.withPropertyValues("spring.profiles.active=sandbox").run(context -> {
            assertThat(context).hasSingleBean(PaymentGateway.class).hasSingleBean(SandboxLedger.class);
            assertThat(context.getBean(PaymentGateway.class)).isInstanceOf(SandboxPaymentGateway.class);
            assertThat(context.getBeanNamesForAnnotation(SandboxAdapter.class))
                    .contains("sandboxPaymentGateway", "sandboxLedger");
        });
    }

    @Test
    void noOtherProfileHasIt() {
        runner.withPropertyValues("spring.profiles.active=prod").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(PaymentGateway.class).doesNotHaveBean(SandboxLedger.class);
        });
    }
}
