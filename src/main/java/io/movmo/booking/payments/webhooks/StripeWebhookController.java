package io.movmo.booking.payments.webhooks;

import io.movmo.booking.web.ApiException;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code POST /v1/webhooks/stripe}: Stripe's events, verified by their signature ({@code Stripe-Signature}, HMAC of the
 * raw body under the endpoint's signing secret, five minutes' tolerance). No API key or user token: the signature is
 * the credential. Answers 200 once the event is recorded (or was already), so Stripe stops retrying; 400 for a bad
 * signature or body, which Stripe shows on its dashboard.
 */
@RestController
class StripeWebhookController {

    private final StripeWebhooks webhooks;

    StripeWebhookController(StripeWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    @PostMapping(path = "/v1/webhooks/stripe", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Map<String, Object>> receive(@RequestHeader(name = "Stripe-Signature", required = false) String signature,
            @RequestBody String payload) {
        if (signature == null || signature.isBlank()) {
            return Mono.error(new ApiException(HttpStatus.BAD_REQUEST, "missing Stripe-Signature header"));
        }
        return Mono.fromCallable(() -> webhooks.receive(payload, signature))
                .subscribeOn(Schedulers.boundedElastic())
                .map(outcome -> Map.<String, Object>of("received", true, "outcome", outcome.wire()));
    }
}
