package io.movmo.booking.providers.amadeus;

import io.movmo.booking.providers.amadeus.AmadeusException.Kind;
import io.netty.channel.ChannelOption;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Amadeus Self-Service access tokens (OAuth2 client credentials, {@code POST /v1/security/oauth2/token} with the form
 * {@code grant_type=client_credentials&client_id=…&client_secret=…}; the answer's {@code access_token} lives
 * {@code expires_in} seconds, 1799 today).
 *
 * <ul>
 *   <li>A token is fetched when first needed and reused until {@link #REFRESH_MARGIN} before it expires (half its
 *       life for very short-lived tokens), so a request never leaves with a token about to lapse in flight.</li>
 *   <li>Single flight: however many requests need a token at once, one token request is in flight; the others wait
 *       for its answer (or its failure, which they all get; the next caller tries again).</li>
 *   <li>{@link #renew(String)} is for a request Amadeus answered with a token error: it drops that token, unless
 *       another request has already replaced it, and fetches a new one.</li>
 *   <li>A failure to get a token is an {@link AmadeusException} of kind {@link Kind#AUTHENTICATION}: the request
 *       that needed it was never sent.</li>
 * </ul>
 *
 * <p>This class also owns the adapter's one {@link WebClient} (Reactor Netty, connect timeout, response timeout,
 * a 4 MiB body limit for large seat maps), which {@link AmadeusFlightProvider} sends everything else over. Bodies go
 * out and come in as bytes, so no codec ever logs them; nothing here logs the secret or a token.
 */
public class AmadeusTokens {

    private static final Logger log = LoggerFactory.getLogger(AmadeusTokens.class);

    /** How long before expiry a token is replaced. */
    static final Duration REFRESH_MARGIN = Duration.ofSeconds(60);

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    private final WebClient webClient;
    private final URI tokenEndpoint;
    private final byte[] form;
    private final Duration deadline;
    private final Clock clock;
    private final AtomicReference<Token> current = new AtomicReference<>();
    private final AtomicReference<Flight> inFlight = new AtomicReference<>();

    public AmadeusTokens(AmadeusProperties properties, Clock clock) {
        properties.requireCredentials();
        this.webClient = webClient(properties);
        this.tokenEndpoint = URI.create(properties.base() + "/v1/security/oauth2/token");
        this.form = ("grant_type=client_credentials&client_id=" + URLEncoder.encode(properties.clientId(), StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(properties.clientSecret(), StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8);
        this.deadline = properties.connectTimeout().plus(properties.readTimeout());
        this.clock = clock;
    }

    private static WebClient webClient(AmadeusProperties properties) {
        HttpClient httpClient = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.toIntExact(properties.connectTimeout().toMillis()))
                .responseTimeout(properties.readTimeout());
        return WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(httpClient))
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(MAX_BODY_BYTES))
                .build();
    }

    /** The one client every Amadeus call goes over. */
    WebClient webClient() {
        return webClient;
    }

    /** A token that is not about to expire: the cached one, or a new one (one request however many callers). */
    public Mono<String> accessToken() {
        return Mono.defer(() -> {
            Token token = current.get();
            if (token != null && clock.instant().isBefore(token.renewAt())) {
                return Mono.just(token.value());
            }
            return fetchOnce().map(Token::value);
        });
    }

    /**
     * A token to replace {@code rejected}, which Amadeus refused: a token another request fetched meanwhile, or a
     * new one.
     */
    public Mono<String> renew(String rejected) {
        return Mono.defer(() -> {
            Token token = current.get();
            if (token != null && !token.value().equals(rejected) && clock.instant().isBefore(token.renewAt())) {
                return Mono.just(token.value());
            }
            if (token != null && token.value().equals(rejected)) {
                current.compareAndSet(token, null);
            }
            return fetchOnce().map(Token::value);
        });
    }

    /**
     * The token request in flight, or a new one. A request counts as in flight until it has answered; it is marked
     * answered (after its token is stored) before its subscribers hear the answer, so no caller ever waits on an
     * old request.
     */
    private Mono<Token> fetchOnce() {
        while (true) {
            Flight running = inFlight.get();
            if (running != null && !running.answered().get()) {
                return running.token();
            }
            AtomicBoolean answered = new AtomicBoolean();
            Mono<Token> token = request()
                    .doOnNext(current::set)
                    .doOnEach(signal -> {
                        if (signal.isOnNext() || signal.isOnError() || signal.isOnComplete()) {
                            answered.set(true);
                        }
                    })
                    .cache();
            Flight flight = new Flight(token, answered);
            if (inFlight.compareAndSet(running, flight)) {
                return token;
            }
        }
    }

    /** One token request, shared by everyone who needs a token while it runs. */
    private record Flight(Mono<Token> token, AtomicBoolean answered) {}

    private Mono<Token> request() {
        return Mono.defer(() -> {
            Instant asked = clock.instant();
            return webClient.post()
                    .uri(tokenEndpoint)
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .accept(MediaType.APPLICATION_JSON)
                    .bodyValue(form)
                    .exchangeToMono(response -> response.bodyToMono(byte[].class)
                            .defaultIfEmpty(new byte[0])
                            .map(body -> new AmadeusAnswer(response.statusCode().value(),
                                    response.headers().asHttpHeaders().getFirst(AmadeusFlightProvider.REQUEST_ID), body)))
                    .timeout(deadline)
                    .onErrorMap(e -> new AmadeusException(Kind.AUTHENTICATION, "Amadeus token endpoint failed: "
                            + NestedExceptionUtils.getMostSpecificCause(e).getClass().getSimpleName()))
                    .flatMap(answer -> token(answer, asked));
        }).doOnError(e -> log.warn("{}", e.getMessage()));
    }

    private Mono<Token> token(AmadeusAnswer answer, Instant asked) {
        if (!answer.isSuccess()) {
            // {"error":"invalid_client","error_description":…,"code":38187,"title":"Invalid parameters"}: only the
            // OAuth error and Amadeus's code are repeated.
            return Mono.error(new AmadeusException(Kind.AUTHENTICATION, "Amadeus token endpoint answered "
                    + answer.status() + oauthError(answer.body()) + " (request "
                    + (answer.requestId() == null ? "unknown" : answer.requestId()) + ")"));
        }
        try {
            JsonNode body = MAPPER.readTree(answer.body());
            JsonNode accessToken = body == null ? null : body.get("access_token");
            JsonNode expiresIn = body == null ? null : body.get("expires_in");
            if (accessToken == null || !accessToken.isString() || accessToken.stringValue().isBlank()) {
                return Mono.error(new AmadeusException(Kind.AUTHENTICATION, "Amadeus token endpoint answered "
                        + answer.status() + " without an access_token"));
            }
            if (expiresIn == null || !expiresIn.canConvertToLong() || expiresIn.asLong() <= 0) {
                return Mono.error(new AmadeusException(Kind.AUTHENTICATION, "Amadeus token endpoint answered "
                        + answer.status() + " without a positive expires_in"));
            }
            Duration life = Duration.ofSeconds(expiresIn.asLong());
            Duration margin = life.dividedBy(2).compareTo(REFRESH_MARGIN) < 0 ? life.dividedBy(2) : REFRESH_MARGIN;
            log.info("Amadeus access token obtained, valid for {} s", life.toSeconds());
            return Mono.just(new Token(accessToken.stringValue(), asked.plus(life).minus(margin)));
        } catch (JacksonException e) {
            return Mono.error(new AmadeusException(Kind.AUTHENTICATION, "Amadeus token endpoint answered "
                    + answer.status() + " with an unreadable body"));
        }
    }

    private static String oauthError(byte[] body) {
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || !node.isObject()) {
                return "";
            }
            StringBuilder text = new StringBuilder();
            JsonNode error = node.get("error");
            if (error != null && error.isString() && error.stringValue().matches("[a-z_]{1,40}")) {
                text.append(' ').append(error.stringValue());
            }
            JsonNode code = node.get("code");
            if (code != null && code.canConvertToLong()) {
                text.append(' ').append(code.asLong());
            }
            return text.toString();
        } catch (JacksonException e) {
            return "";
        }
    }

    /** A token and when to stop using it. Its value is never printed. */
    private record Token(String value, Instant renewAt) {

        @Override
        public String toString() {
            return "Token[renewAt=" + renewAt + "]";
        }
    }
}
