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

    /**
     * Operational endpoints ({@code /actuator/**}) and the tests' own probe routes ({@code /test/**}) are not part
     * of the partner contract; every other path is, including unknown ones (which must answer with an error).
     */
    static boolean isPartnerContract(String path) {
        return !path.startsWith("/actuator/") && !path.startsWith("/test/");
    }

    /** Adds contract validation against the repository's {@code openapi.yaml} to a client under construction. */
    public static WebTestClient.Builder validating(WebTestClient.Builder builder) {
        return builder.filter(new OpenApiValidatingFilter(OpenApiContract.get()));
    }

    @Override
    public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
        if (!isPartnerContract(request.url().getRawPath())) {
            return next.exchange(request);
        }
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
