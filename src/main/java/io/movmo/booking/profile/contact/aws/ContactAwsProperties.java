package io.movmo.booking.profile.contact.aws;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code movmo.contact.aws.*}, read only where the AWS contact-change adapters are built (outside the sandbox):
 * <ul>
 *   <li>{@code region}: the AWS region of the user pool, the SMS origination identity and the code table;</li>
 *   <li>{@code user-pool-id}, {@code client-id}: the Cognito user pool and the app client whose
 *       {@code ALLOW_USER_AUTH} flow challenges users by email; {@code client-secret} only if that client has one
 *       (then every call carries its {@code SECRET_HASH});</li>
 *   <li>{@code sms-origination-identity}: the phone number, sender id, pool or their ARN that End User Messaging SMS
 *       sends from;</li>
 *   <li>{@code code-table}: the DynamoDB table of verification codes (see {@link DynamoDbVerificationCodes});</li>
 *   <li>{@code cognito-endpoint}, {@code sms-endpoint}, {@code dynamodb-endpoint}: optional overrides (VPC endpoints,
 *       a local stack, stubs in tests);</li>
 *   <li>{@code connect-timeout}, {@code read-timeout}: bound each HTTP connection and each wait for data;
 *       {@code api-call-timeout} bounds a whole call, retries included.</li>
 * </ul>
 */
@ConfigurationProperties("movmo.contact.aws")
public record ContactAwsProperties(
        String region,
        String userPoolId,
        String clientId,
        String clientSecret,
        String smsOriginationIdentity,
        String codeTable,
        URI cognitoEndpoint,
        URI smsEndpoint,
        URI dynamodbEndpoint,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("5s") Duration readTimeout,
        @DefaultValue("10s") Duration apiCallTimeout) {

    public ContactAwsProperties {
        if (connectTimeout == null) {
            connectTimeout = Duration.ofSeconds(2);
        }
        if (readTimeout == null) {
            readTimeout = Duration.ofSeconds(5);
        }
        if (apiCallTimeout == null) {
            apiCallTimeout = Duration.ofSeconds(10);
        }
    }

    /** {@code value}, or a startup failure naming the setting and its environment variable. */
    static String required(String value, String property, String environmentVariable) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("movmo.contact.aws." + property + " (" + environmentVariable
                    + ") must be set outside the sandbox");
        }
        return value;
    }
}
