package io.movmo.booking.providers.adapter;

import io.netty.channel.ChannelOption;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.ExchangeStrategies;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriBuilder;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientRequest;

/**
 * The HTTP side of a provider adapter: one {@link WebClient}, built once, with the connect timeout and the provider's
 * authentication headers. Each call names its own timeout, which bounds the wait for the answer and (with the connect
 * timeout) the whole exchange. Bodies travel as bytes the adapter serializes and parses itself, so that no codec logs
 * a request or answer (they may carry personal data) even at DEBUG; answers are read whole, whatever their status.
 * Nothing is retried here: whether a call may be repeated is the adapter's decision.
 */
public final class ProviderHttp {

    /** Largest answer read (seat maps of wide-bodies with many cabins stay far below). */
    private static final int MAX_ANSWER_BYTES = 4 * 1024 * 1024;

    /** What the provider answered: the status, the body (empty when none) and the provider's request id, if sent. */
    public record Answer(int status, byte[] body, String requestId) {

        public boolean isSuccess() {
            return status >= 200 && status < 300;
        }

        @Override
        public String toString() {
            return "Answer[status=" + status + ", " + body.length + " bytes, requestId=" + requestId + "]";
        }
    }

    private final WebClient webClient;
    private final Duration connectTimeout;
    private final String requestIdHeader;

    /**
     * @param baseUrl         the provider's base URL; call paths are appended to it
     * @param authentication  sets the provider's authentication header(s) on every call
     * @param requestIdHeader the answer header carrying the provider's request id (logged for support)
     */
    public ProviderHttp(URI baseUrl, Duration connectTimeout, Consumer<HttpHeaders> authentication,
            String requestIdHeader, WebClient.Builder builder) {
        HttpClient httpClient = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.toIntExact(connectTimeout.toMillis()));
        this.webClient = builder.clone()
                .baseUrl(baseUrl.toString().replaceAll("/+$", ""))
                .clientConnector(new ReactorClientHttpConnector(httpClient))
                .exchangeStrategies(ExchangeStrategies.builder()
                        .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(MAX_ANSWER_BYTES)).build())
                .defaultHeaders(headers -> {
                    headers.setAccept(List.of(MediaType.APPLICATION_JSON));
                    headers.set(HttpHeaders.USER_AGENT, "movmo-booking-engine");
                    authentication.accept(headers);
                })
                .build();
        this.connectTimeout = connectTimeout;
        this.requestIdHeader = requestIdHeader;
    }

    /** GET {@code uri} (built on the base URL). */
    public Mono<Answer> get(Function<UriBuilder, URI> uri, Duration timeout) {
        return exchange(HttpMethod.GET, uri, null, null, timeout);
    }

    /** POST a JSON body (already serialized) to {@code uri}, with an {@code Idempotency-Key} when one is given. */
    public Mono<Answer> post(Function<UriBuilder, URI> uri, byte[] json, String idempotencyKey, Duration timeout) {
        return exchange(HttpMethod.POST, uri, json, idempotencyKey, timeout);
    }

    private Mono<Answer> exchange(HttpMethod method, Function<UriBuilder, URI> uri, byte[] json, String idempotencyKey,
            Duration timeout) {
        WebClient.RequestBodySpec request = webClient.method(method)
                .uri(uri)
                .headers(headers -> {
                    if (idempotencyKey != null) {
                        headers.set("Idempotency-Key", idempotencyKey);
                    }
                })
                .httpRequest(http -> {
                    if (http.getNativeRequest() instanceof HttpClientRequest netty) {
                        netty.responseTimeout(timeout);
                    }
                });
        WebClient.RequestHeadersSpec<?> withBody = json == null ? request
                : request.contentType(MediaType.APPLICATION_JSON).bodyValue(json);
        return withBody.exchangeToMono(response -> response.bodyToMono(byte[].class)
                        .defaultIfEmpty(new byte[0])
                        .map(body -> new Answer(response.statusCode().value(), body,
                                response.headers().asHttpHeaders().getFirst(requestIdHeader))))
                // The response timeout bounds each wait for data; this bounds the whole exchange (a trickling body).
                .timeout(connectTimeout.plus(timeout));
    }
}
