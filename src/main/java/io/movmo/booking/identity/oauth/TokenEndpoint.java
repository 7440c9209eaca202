package io.movmo.booking.identity.oauth;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code POST /v1/oauth/token}: the {@code authorization_code} (PKCE) and {@code refresh_token} grants, in JSON or
 * form encoding, for public and confidential clients. The engine checks the client, its secret and the redirect
 * URI itself, then asks the {@link IdentityProvider} (Cognito, or the sandbox issuer) for the tokens. Every refusal
 * is an RFC 6749 {@code OAuthErrorResponse}.
 */
@RestController
class TokenEndpoint {

    private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

    private final OAuthClients clients;
    private final IdentityProvider identityProvider;
    private final SignInRecorder signIns;
    private final java.util.List<String> resources;

    TokenEndpoint(OAuthClients clients, IdentityProvider identityProvider, SignInRecorder signIns,
            @org.springframework.beans.factory.annotation.Value("${movmo.oauth.resources}") java.util.List<String> resources) {
        this.clients = clients;
        this.identityProvider = identityProvider;
        this.signIns = signIns;
        this.resources = resources;
    }

    /** The seed's token response; {@code refresh_token} is absent when the provider does not rotate it. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record TokenResponse(String access_token, String refresh_token, String token_type, long expires_in) {}

    @PostMapping(path = "/v1/oauth/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    Mono<ResponseEntity<TokenResponse>> form(ServerWebExchange exchange,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        return exchange.getFormData().flatMap(form -> {
            Map<String, String> params = new LinkedHashMap<>();
            form.forEach((name, values) -> {
                if (values.size() > 1) {
                    throw OAuthException.invalidRequest(name + " is repeated");
                }
                params.put(name, values.get(0));
            });
            return token(params, authorization);
        });
    }

    @PostMapping(path = "/v1/oauth/token", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<TokenResponse>> json(@RequestBody Map<String, Object> body,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        Map<String, String> params = new LinkedHashMap<>();
        body.forEach((name, value) -> {
            if (value != null && !(value instanceof String)) {
                throw OAuthException.invalidRequest(name + " must be a string");
            }
            params.put(name, (String) value);
        });
        return token(params, authorization);
    }

    private Mono<ResponseEntity<TokenResponse>> token(Map<String, String> p, String authorization) {
        String grantType = p.get("grant_type");
        if (grantType == null || grantType.isBlank()) {
            return Mono.error(OAuthException.invalidRequest("grant_type is required"));
        }
        if (!grantType.equals("authorization_code") && !grantType.equals("refresh_token")) {
            return Mono.error(new OAuthException(org.springframework.http.HttpStatus.BAD_REQUEST,
                    "unsupported_grant_type", "grant_type must be authorization_code or refresh_token"));
        }
        ClientCredentials credentials = ClientCredentials.from(authorization, p.get("client_id"), p.get("client_secret"));
        return Mono.fromCallable(() -> authenticate(credentials))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(client -> (grantType.equals("authorization_code")
                        ? identityProvider.exchangeCode(codeExchange(p, client, credentials))
                        : identityProvider.refresh(refreshGrant(p, credentials)))
                        .flatMap(tokens -> signIns.record(tokens.idToken(), client.partnerId()).thenReturn(tokens)))
                .map(tokens -> ResponseEntity.ok()
                        .cacheControl(CacheControl.noStore())
                        .header(HttpHeaders.PRAGMA, "no-cache")
                        .body(new TokenResponse(tokens.idToken(), tokens.refreshToken(), "Bearer", tokens.expiresIn())));
    }

    /** RFC 7009: revokes a refresh token (and its family); 200 whether or not the token was known. */
    @PostMapping(path = "/v1/oauth/revoke", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    Mono<ResponseEntity<Void>> revokeForm(ServerWebExchange exchange,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        return exchange.getFormData().flatMap(form -> revoke(form.toSingleValueMap(), authorization));
    }

    @PostMapping(path = "/v1/oauth/revoke", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Void>> revokeJson(@RequestBody Map<String, Object> body,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        Map<String, String> params = new LinkedHashMap<>();
        body.forEach((name, value) -> params.put(name, value instanceof String s ? s : null));
        return revoke(params, authorization);
    }

    private Mono<ResponseEntity<Void>> revoke(Map<String, String> p, String authorization) {
        ClientCredentials credentials = ClientCredentials.from(authorization, p.get("client_id"), p.get("client_secret"));
        String token = p.get("token");
        if (token == null || token.isBlank()) {
            return Mono.error(OAuthException.invalidRequest("token is required"));
        }
        String hint = p.get("token_type_hint");
        if (hint != null && !hint.equals("refresh_token")) {
            return Mono.error(new OAuthException(org.springframework.http.HttpStatus.BAD_REQUEST,
                    "unsupported_token_type", "only refresh tokens can be revoked; ID tokens expire on their own"));
        }
        return Mono.fromCallable(() -> authenticate(credentials))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(client -> identityProvider.revoke(token, client.clientId(), credentials.clientSecret()))
                .thenReturn(ResponseEntity.ok().cacheControl(CacheControl.noStore()).<Void>build());
    }

    private OAuthClient authenticate(ClientCredentials credentials) {
        OAuthClient client = clients.find(credentials.clientId())
                .orElseThrow(() -> invalidClient(credentials, "unknown client"));
        if (client.confidential() ? !client.secretMatches(credentials.clientSecret()) : credentials.clientSecret() != null) {
            throw invalidClient(credentials, client.confidential()
                    ? "client authentication failed" : "public clients do not authenticate with a secret");
        }
        return client;
    }

    private static OAuthException invalidClient(ClientCredentials credentials, String description) {
        // RFC 6749 §5.2: 401 when the client tried HTTP Basic, 400 otherwise.
        return credentials.viaBasic() ? OAuthException.invalidClient(description)
                : new OAuthException(org.springframework.http.HttpStatus.BAD_REQUEST, "invalid_client", description);
    }

    private CodeExchange codeExchange(Map<String, String> p, OAuthClient client, ClientCredentials credentials) {
        String code = required(p, "code");
        String verifier = required(p, "code_verifier");
        if (!VERIFIER.matcher(verifier).matches()) {
            throw OAuthException.invalidRequest("code_verifier must be 43-128 characters of [A-Za-z0-9-._~]");
        }
        String redirectUri = required(p, "redirect_uri");
        if (!client.acceptsRedirect(redirectUri)) {
            throw new OAuthException(org.springframework.http.HttpStatus.BAD_REQUEST, "invalid_redirect_uri",
                    "redirect_uri is not registered for this client");
        }
        String resource = p.get("resource");
        ResourceIndicators.check(resource, resources);
        return new CodeExchange(code, verifier, redirectUri, client.clientId(), credentials.clientSecret(), resource);
    }

    private static RefreshGrant refreshGrant(Map<String, String> p, ClientCredentials credentials) {
        String refreshToken = p.get("refresh_token");
        if (refreshToken == null || refreshToken.isBlank()) {
            throw new OAuthException(org.springframework.http.HttpStatus.BAD_REQUEST, "missing_refresh_token",
                    "refresh_token is required");
        }
        return new RefreshGrant(refreshToken, credentials.clientId(), credentials.clientSecret());
    }

    private static String required(Map<String, String> p, String name) {
        String value = p.get(name);
        if (value == null || value.isBlank()) {
            throw OAuthException.invalidRequest(name + " is required");
        }
        return value;
    }
}
