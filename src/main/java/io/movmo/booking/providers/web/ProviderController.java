package io.movmo.booking.providers.web;

import io.movmo.booking.providers.ProviderCatalog;
import io.movmo.booking.providers.api.BookingFlow;
import io.movmo.booking.providers.api.ProviderCapabilities;
import io.movmo.booking.providers.api.ProviderView;
import io.movmo.booking.web.ApiException;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The seed's provider catalog routes under {@code /v1/flights/providers}. */
@RestController
@RequestMapping(path = "/v1/flights/providers", produces = MediaType.APPLICATION_JSON_VALUE)
class ProviderController {

    private final ProviderCatalog catalog;

    ProviderController(ProviderCatalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping
    Mono<List<ProviderView>> list() {
        return Mono.just(catalog.all());
    }

    @GetMapping("/active")
    Mono<List<ProviderView>> active() {
        return Mono.just(catalog.active());
    }

    @GetMapping("/{provider}")
    Mono<ProviderView> get(@PathVariable String provider) {
        return Mono.justOrEmpty(catalog.find(provider)).switchIfEmpty(Mono.error(() -> notFound(provider)));
    }

    /** API key only: partners read capabilities before a user has signed in. */
    @GetMapping("/{provider}/capabilities")
    Mono<ProviderCapabilities> capabilities(@PathVariable String provider) {
        return get(provider).map(ProviderView::capabilities);
    }

    @GetMapping("/{provider}/booking-flows")
    Mono<List<BookingFlow>> bookingFlows(@PathVariable String provider) {
        return get(provider).map(ProviderView::bookingFlows);
    }

    private static ApiException notFound(String provider) {
        return new ApiException(org.springframework.http.HttpStatus.NOT_FOUND, "provider not found",
                "no provider '" + provider + "'; known providers are amadeus, duffel, dohop and darwin");
    }
}
