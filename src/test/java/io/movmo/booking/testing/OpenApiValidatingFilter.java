package io.movmo.booking.testing;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Checks every response against {@link OpenApiContract} before the test sees it. The body is buffered and handed on
 * unchanged; a violation fails the exchange with the contract's {@link AssertionError}.
 */
public final class OpenApiValidatingFilter implements ExchangeFilterFunction {

    private final OpenApiContract contract;

    public OpenApiValidatingFilter(OpenApiContract contract) {
        this.contract = contract;
    }

    /** Adds contract validation against the repository's {@code openapi.yaml} to a client under construction. */
    public static WebTestClient.Builder validating(WebTestClient.Builder builder) {
        return builder.filter(new OpenApiValidatingFilter(OpenApiContract.get()));
    }

    @Override
    public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
        return next.exchange(request).flatMap(response -> response.bodyToMono(byte[].class)
                .defaultIfEmpty(new byte[0])
                .map(body -> {
                    contract.assertValidResponse(request.method().name(), request.url().getRawPath(),
                            response.statusCode().value(),
                            response.headers().contentType().map(MediaType::toString).orElse(null), body);
                    Flux<DataBuffer> replay = body.length == 0
                            ? Flux.empty()
                            : Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(body));
                    return response.mutate().body(replay).build();
                }));
    }
}
