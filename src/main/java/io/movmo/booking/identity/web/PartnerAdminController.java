package io.movmo.booking.identity.web;

import io.movmo.booking.identity.PartnerAdministration;
import io.movmo.booking.web.ApiException;
import io.movmo.booking.web.security.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The admin routes under {@code /v1/admin/partners}: partners, their API keys and OAuth clients. Only users with the
 * {@code admin} role get in; the check comes before the body is read. Answers that carry a clear key or secret are
 * marked {@code no-store}. Component names of the bodies below are their JSON names.
 */
@RestController
@RequestMapping(path = "/v1/admin/partners", produces = MediaType.APPLICATION_JSON_VALUE)
class PartnerAdminController {

    record CreatePartnerRequest(@NotBlank @Size(max = 200) String name) {}

    record CreateOAuthClientRequest(
            @Pattern(regexp = PartnerAdministration.CLIENT_ID_PATTERN) String client_id,
            @NotNull @Size(max = 20) List<@NotBlank @Size(max = 2000) String> redirect_uris,
            @NotNull Boolean confidential,
            Boolean allow_loopback,
            @Size(min = 16, max = 256) String client_secret) {}

    record IssuedApiKey(UUID key_id, String key_prefix, String api_key) {
        static IssuedApiKey of(PartnerAdministration.IssuedKey key) {
            return new IssuedApiKey(key.keyId(), key.keyPrefix(), key.apiKey());
        }
    }

    record OAuthClientView(String client_id, boolean confidential, List<String> redirect_uris, boolean allow_loopback,
            String client_secret) {
        static OAuthClientView of(PartnerAdministration.Client client) {
            return new OAuthClientView(client.clientId(), client.confidential(), client.redirectUris(),
                    client.allowLoopback(), client.secret());
        }
    }

    /** {@code api_key} is present only in the answer to creating the partner. */
    record PartnerView(String partner_id, String name, Instant created_at, int active_keys,
            List<OAuthClientView> oauth_clients, IssuedApiKey api_key) {
        static PartnerView of(PartnerAdministration.PartnerSummary partner, IssuedApiKey key) {
            return new PartnerView(partner.partnerId(), partner.name(), partner.createdAt(), partner.activeKeys(),
                    partner.clients().stream().map(OAuthClientView::of).toList(), key);
        }
    }

    private final PartnerAdministration administration;

    PartnerAdminController(PartnerAdministration administration) {
        this.administration = administration;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<PartnerView>> create(@Valid @RequestBody Mono<CreatePartnerRequest> body) {
        return asAdmin(body, request -> administration.createPartner(request.name()))
                .map(created -> created(PartnerView.of(created.partner(), IssuedApiKey.of(created.key()))));
    }

    @GetMapping
    Mono<List<PartnerView>> list() {
        return asAdmin(() -> administration.list().stream().map(p -> PartnerView.of(p, null)).toList());
    }

    @PostMapping("/{partner_id}/api-keys")
    Mono<ResponseEntity<IssuedApiKey>> issueKey(@PathVariable("partner_id") String partnerId) {
        return asAdmin(() -> administration.issueKey(partnerId)).map(key -> created(IssuedApiKey.of(key)));
    }

    @DeleteMapping("/{partner_id}/api-keys/{key_id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> revokeKey(@PathVariable("partner_id") String partnerId, @PathVariable("key_id") String keyId) {
        return asAdmin(() -> {
            administration.revokeKey(partnerId, keyId);
            return true;
        }).then();
    }

    @PostMapping(path = "/{partner_id}/oauth-clients", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<OAuthClientView>> registerClient(@PathVariable("partner_id") String partnerId,
            @Valid @RequestBody Mono<CreateOAuthClientRequest> body) {
        return asAdmin(body, request -> administration.registerClient(partnerId, request.client_id(),
                        request.redirect_uris(), request.confidential(), Boolean.TRUE.equals(request.allow_loopback()),
                        request.client_secret()))
                .map(client -> created(OAuthClientView.of(client)));
    }

    private static <T> ResponseEntity<T> created(T body) {
        return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore()).body(body);
    }

    private static Mono<CurrentUser> requireAdmin() {
        return CurrentUser.get().filter(user -> user.hasRole("admin")).switchIfEmpty(Mono.error(ApiException::forbidden));
    }

    private static <T> Mono<T> asAdmin(Callable<T> work) {
        return requireAdmin().then(Mono.fromCallable(work).subscribeOn(Schedulers.boundedElastic()));
    }

    private static <B, T> Mono<T> asAdmin(Mono<B> body, Function<B, T> work) {
        return requireAdmin().then(body).flatMap(request ->
                Mono.fromCallable(() -> work.apply(request)).subscribeOn(Schedulers.boundedElastic()));
    }
}
