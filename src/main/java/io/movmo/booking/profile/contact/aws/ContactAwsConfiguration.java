package io.movmo.booking.profile.contact.aws;

import io.movmo.booking.profile.contact.ContactIdentityProvider;
import io.movmo.booking.profile.contact.SmsSender;
import io.movmo.booking.profile.contact.VerificationCodes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * Outside the sandbox, contact changes go through AWS ({@code movmo.contact.aws.*}): Cognito challenges the user and
 * holds the verified email and phone, End User Messaging SMS texts codes to new numbers, and DynamoDB keeps those
 * codes. Each adapter builds its SDK client once and closes it with the context; a missing setting stops the start.
 */
@Configuration(proxyBeanMethods = false)
@Profile("!sandbox")
class ContactAwsConfiguration {

    @Bean
    ContactIdentityProvider cognitoContactIdentityProvider(ContactAwsProperties properties) {
        return new CognitoContactIdentityProvider(properties);
    }

    @Bean
    SmsSender endUserMessagingSmsSender(ContactAwsProperties properties) {
        return new EndUserMessagingSmsSender(properties);
    }

    @Bean
    VerificationCodes dynamoDbVerificationCodes(ContactAwsProperties properties) {
        return new DynamoDbVerificationCodes(properties);
    }
}
