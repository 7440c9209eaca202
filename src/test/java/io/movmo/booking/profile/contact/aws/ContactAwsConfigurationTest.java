package io.movmo.booking.profile.contact.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.movmo.booking.profile.contact.ContactIdentityProvider;
import io.movmo.booking.profile.contact.SmsSender;
import io.movmo.booking.profile.contact.VerificationCodes;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** Outside the sandbox the three AWS adapters serve the contact ports, and a missing setting stops the start. */
class ContactAwsConfigurationTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ContactAwsProperties.class)
    static class Properties {}

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(Properties.class, ContactAwsConfiguration.class);

    private static final String[] SETTINGS = {
            "movmo.contact.aws.region=eu-west-1",
            "movmo.contact.aws.user-pool-id=eu-west-1_AbCdEfGhI",
            "movmo.contact.aws.client-id=4example0client0id0abcdefg",
            "movmo.contact.aws.sms-origination-identity=pool-0123456789abcdef",
            "movmo.contact.aws.code-table=movmo-verification-codes"};

    @Test
    void theAwsAdaptersServeTheContactPorts() {
        runner.withPropertyValues(SETTINGS).withPropertyValues("movmo.contact.aws.read-timeout=3s").run(context -> {
            assertThat(context).hasSingleBean(ContactIdentityProvider.class);
            assertThat(context.getBean(ContactIdentityProvider.class)).isInstanceOf(CognitoContactIdentityProvider.class);
            assertThat(context.getBean(SmsSender.class)).isInstanceOf(EndUserMessagingSmsSender.class);
            assertThat(context.getBean(VerificationCodes.class)).isInstanceOf(DynamoDbVerificationCodes.class);
            ContactAwsProperties properties = context.getBean(ContactAwsProperties.class);
            assertThat(properties.readTimeout()).isEqualTo(Duration.ofSeconds(3));
            assertThat(properties.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
            assertThat(properties.clientSecret()).isNull();
        });
    }

    @Test
    void aMissingSettingStopsTheStartNamingItsEnvironmentVariable() {
        runner.withPropertyValues(SETTINGS).withPropertyValues("movmo.contact.aws.code-table=").run(context ->
                assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessage("movmo.contact.aws.code-table (MOVMO_CONTACT_CODE_TABLE) must be set outside the "
                                + "sandbox"));
        runner.run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                .hasMessageContaining("MOVMO_CONTACT_"));
    }

    @Test
    void theSandboxHasNoneOfThem() {
        runner.withPropertyValues("spring.profiles.active=sandbox").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(ContactIdentityProvider.class);
            assertThat(context).doesNotHaveBean(SmsSender.class);
            assertThat(context).doesNotHaveBean(VerificationCodes.class);
        });
    }
}
