package io.movmo.booking.identity.cognito;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code movmo.cognito.*}: {@code domain} is the user pool's domain base URL (e.g. {@code https://auth.movmo.io});
 * its token endpoint is {@code {domain}/oauth2/token}. {@code read-timeout} bounds the wait for Cognito's answer.
 */
@ConfigurationProperties("movmo.cognito")
public record CognitoProperties(
        String domain,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("5s") Duration readTimeout) {}
