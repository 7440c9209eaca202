package io.movmo.booking.identity.cognito;

import io.movmo.booking.identity.oauth.IdentityProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.web.reactive.function.client.WebClient;

/** Outside the sandbox, users' tokens come from Cognito's token endpoint ({@code MOVMO_COGNITO_DOMAIN}). */
@Configuration(proxyBeanMethods = false)
@Profile("!sandbox")
class CognitoConfiguration {

    @Bean
    IdentityProvider cognitoIdentityProvider(CognitoProperties properties) {
        return new CognitoIdentityProvider(properties, WebClient.builder());
    }
}
