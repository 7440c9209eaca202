package io.movmo.booking.testing;

import org.springframework.boot.webtestclient.autoconfigure.WebTestClientBuilderCustomizer;
import org.springframework.stereotype.Component;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Every {@link WebTestClient} an {@code @EngineTest} receives checks every partner-API response against
 * {@code openapi.yaml}, so no test can see a response the contract does not allow.
 */
@Component
class ContractValidationForEveryClient implements WebTestClientBuilderCustomizer {

    @Override
    public void customize(WebTestClient.Builder builder) {
        builder.filter(new OpenApiValidatingFilter(OpenApiContract.get()));
    }
}
