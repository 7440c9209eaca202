package io.movmo.booking.identity.cognito;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.movmo.booking.identity.oauth.CodeExchange;
import io.movmo.booking.identity.oauth.IdentityProvider;
import io.movmo.booking.identity.oauth.OAuthException;
import io.movmo.booking.identity.oauth.RefreshGrant;
import io.movmo.booking.identity.oauth.TokenSet;
import io.netty.channel.ChannelOption;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.codec.CodecException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.UnsupportedMediaTypeException;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * The production {@link IdentityProvider}: Cognito's {@code /oauth2/token} endpoint. Confidential clients
 * authenticate with HTTP Basic (RFC 6749 §2.3.1), never with a secret in the body. Cognito's refusals keep their
 * RFC 6749 error code; anything else that goes wrong upstream (5xx, 429, unreadable answers, network failures,
 * timeouts) is a 502. Nothing is retried: authorization codes are single-use. Logs carry the upstream status and
 * Cognito's error code, never tokens, codes or secrets.
 */
public class CognitoIdentityProvider implements IdentityProvider {

    private static final Logger log = LoggerFactory.getLogger(CognitoIdentityProvider.class);

    private static final String UNAVAILABLE = "identity provider unavailable";

    /** Cognito's token-endpoint error codes, passed on with descriptions of our own. */
    private static final Map<String, String> REFUSALS = Map.of(
            "invalid_request", "the identity provider rejected the request",
            "invalid_client", "client authentication failed at the identity provider",
            "invalid_grant", "the authorization code or refresh token is invalid, expired or already used",
            "unauthorized_client", "the client is not allowed to use this grant type",
            "unsupported_grant_type", "the identity provider does not support this grant type",
            "invalid_scope", "the requested scope is invalid");

    private final WebClient webClient;
    private final URI tokenEndpoint;
    private final URI revocationEndpoint;
    private final Duration deadline;

    public CognitoIdentityProvider(CognitoProperties properties, WebClient.Builder webClientBuilder) {
        if (properties.domain() == null || properties.domain().isBlank()) {
            throw new IllegalStateException("movmo.cognito.domain must be the Cognito user pool domain's base URL");
        }
        this.tokenEndpoint = URI.create(properties.domain().replaceAll("/+$", "") + "/oauth2/token");
        this.revocationEndpoint = URI.create(properties.domain().replaceAll("/+$", "") + "/oauth2/revoke");
        HttpClient httpClient = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.toIntExact(properties.connectTimeout().toMillis()))
                .responseTimeout(properties.readTimeout());
        this.webClient = webClientBuilder.clone().clientConnector(new ReactorClientHttpConnector(httpClient)).build();
        // responseTimeout bounds each wait for data; this bounds the whole exchange (e.g. a trickling body).
        this.deadline = properties.connectTimeout().plus(properties.readTimeout());
    }

    @Override
    public Mono<TokenSet> exchangeCode(CodeExchange exchange) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("grant_type", "authorization_code");
        form.add("client_id", exchange.clientId());
        form.add("code", exchange.code());
        form.add("redirect_uri", exchange.redirectUri());
        if (exchange.codeVerifier() != null) {
            form.add("code_verifier", exchange.codeVerifier());
        }
        // No resource parameter: Cognito does not implement RFC 8707, the engine checks the resource itself.
        return requestTokens("authorization_code", form, exchange.clientId(), exchange.clientSecret());
    }

    @Override
    public Mono<TokenSet> refresh(RefreshGrant grant) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("grant_type", "refresh_token");
        form.add("client_id", grant.clientId());
        form.add("refresh_token", grant.refreshToken());
        return requestTokens("refresh_token", form, grant.clientId(), grant.clientSecret());
    }

    /** Cognito's {@code /oauth2/revoke}: revokes the refresh token and the tokens issued with it. */
    @Override
    public Mono<Void> revoke(String refreshToken, String clientId, String clientSecret) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("token", refreshToken);
        form.add("client_id", clientId);
        return webClient.post()
                .uri(revocationEndpoint)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .headers(headers -> {
                    if (clientSecret != null) {
                        headers.set(HttpHeaders.AUTHORIZATION, basicAuthorization(clientId, clientSecret));
                    }
                })
                .body(BodyInserters.fromFormData(form))
                .exchangeToMono(response -> {
                    HttpStatusCode status = response.statusCode();
                    if (status.is2xxSuccessful()) {
                        return response.releaseBody();
                    }
                    if (status.is4xxClientError() && status.value() != HttpStatus.TOO_MANY_REQUESTS.value()) {
                        return response.bodyToMono(ErrorResponse.class)
                                .onErrorResume(e -> e instanceof CodecException || e instanceof UnsupportedMediaTypeException,
                                        e -> Mono.empty())
                                .defaultIfEmpty(ErrorResponse.EMPTY)
                                .flatMap(body -> Mono.<Void>error(refusal("revoke", status, body.error())));
                    }
                    log.warn("Cognito revocation endpoint answered {}", status.value());
                    return response.releaseBody().then(Mono.<Void>error(OAuthException.badGateway(UNAVAILABLE)));
                })
                .timeout(deadline)
                .onErrorMap(e -> !(e instanceof OAuthException), e -> {
                    log.warn("Cognito revocation endpoint failed: {}",
                            NestedExceptionUtils.getMostSpecificCause(e).getClass().getSimpleName());
                    return OAuthException.badGateway(UNAVAILABLE);
                });
    }

    private Mono<TokenSet> requestTokens(String grantType, MultiValueMap<String, String> form, String clientId,
            String clientSecret) {
        return webClient.post()
                .uri(tokenEndpoint)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .accept(MediaType.APPLICATION_JSON)
                .headers(headers -> {
                    if (clientSecret != null) {
                        headers.set(HttpHeaders.AUTHORIZATION, basicAuthorization(clientId, clientSecret));
                    }
                })
                .body(BodyInserters.fromFormData(form))
                .exchangeToMono(response -> read(grantType, response))
                .timeout(deadline)
                .onErrorMap(e -> !(e instanceof OAuthException), e -> {
                    log.warn("Cognito token endpoint failed (grant_type={}): {}", grantType,
                            NestedExceptionUtils.getMostSpecificCause(e).getClass().getSimpleName());
                    return OAuthException.badGateway(UNAVAILABLE);
                });
    }

    private Mono<TokenSet> read(String grantType, ClientResponse response) {
        HttpStatusCode status = response.statusCode();
        if (status.is2xxSuccessful()) {
            return response.bodyToMono(TokenResponse.class)
                    .onErrorMap(e -> e instanceof CodecException || e instanceof UnsupportedMediaTypeException,
                            e -> upstreamFault(grantType, status, "identity provider returned an unreadable response"))
                    .defaultIfEmpty(TokenResponse.EMPTY)
                    .flatMap(tokens -> tokenSet(grantType, status, tokens));
        }
        if (status.is4xxClientError() && status.value() != HttpStatus.TOO_MANY_REQUESTS.value()) {
            return response.bodyToMono(ErrorResponse.class)
                    .onErrorResume(e -> e instanceof CodecException || e instanceof UnsupportedMediaTypeException,
                            e -> Mono.empty())
                    .defaultIfEmpty(ErrorResponse.EMPTY)
                    .flatMap(body -> Mono.error(refusal(grantType, status, body.error())));
        }
        log.warn("Cognito token endpoint answered {} (grant_type={})", status.value(), grantType);
        return response.releaseBody().then(Mono.error(OAuthException.badGateway(UNAVAILABLE)));
    }

    private static Mono<TokenSet> tokenSet(String grantType, HttpStatusCode status, TokenResponse tokens) {
        if (tokens.idToken() == null || tokens.idToken().isBlank()) {
            return Mono.error(upstreamFault(grantType, status, "identity provider returned no id_token"));
        }
        if (tokens.expiresIn() == null) {
            return Mono.error(upstreamFault(grantType, status, "identity provider returned no expires_in"));
        }
        return Mono.just(new TokenSet(tokens.idToken(), tokens.refreshToken(), tokens.expiresIn()));
    }

    private static OAuthException refusal(String grantType, HttpStatusCode status, String error) {
        String description = error == null ? null : REFUSALS.get(error);
        if (description == null) {
            return upstreamFault(grantType, status, "identity provider returned an unexpected error");
        }
        log.info("Cognito refused the grant (grant_type={}): {} {}", grantType, status.value(), error);
        HttpStatus ours = error.equals("invalid_client") ? HttpStatus.UNAUTHORIZED : HttpStatus.BAD_REQUEST;
        return new OAuthException(ours, error, description);
    }

    private static OAuthException upstreamFault(String grantType, HttpStatusCode status, String description) {
        log.warn("Cognito token endpoint answered {} (grant_type={}): {}", status.value(), grantType, description);
        return OAuthException.badGateway(description);
    }

    /** RFC 6749 §2.3.1: client id and secret are form-urlencoded before they are joined and base64-encoded. */
    private static String basicAuthorization(String clientId, String clientSecret) {
        String credentials = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    /** Cognito's success body; toString masks the tokens because codecs log decoded values at DEBUG. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record TokenResponse(
            @JsonProperty("id_token") String idToken,
            @JsonProperty("refresh_token") String refreshToken,
            @JsonProperty("expires_in") Long expiresIn) {

        static final TokenResponse EMPTY = new TokenResponse(null, null, null);

        @Override
        public String toString() {
            return "TokenResponse[idToken=" + (idToken == null ? "absent" : "masked") + ", refreshToken="
                    + (refreshToken == null ? "absent" : "masked") + ", expiresIn=" + expiresIn + "]";
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ErrorResponse(@JsonProperty("error") String error) {

        static final ErrorResponse EMPTY = new ErrorResponse(null);
    }
}
