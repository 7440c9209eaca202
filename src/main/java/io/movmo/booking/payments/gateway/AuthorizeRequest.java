package io.movmo.booking.payments.gateway;

import io.movmo.booking.shared.Money;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link PaymentGateway#authorize} holds on a card: {@code amount} (more than zero) on the saved payment method
 * {@code paymentMethodId} of the gateway customer {@code customerId} (null only where the gateway needs no customer,
 * such as the sandbox), {@code offSession} when the customer is not present to authenticate (a saved card charged by
 * the engine), under the caller's {@code idempotencyKey} (at most 255 characters, e.g.
 * {@code booking:{id}:authorize:{attempt}}), with {@code metadata} (e.g. {@code booking_id}) kept by the gateway for
 * support and reconciliation. Metadata must carry no personal or card data; null means none.
 */
public record AuthorizeRequest(
        Money amount,
        String customerId,
        String paymentMethodId,
        boolean offSession,
        String idempotencyKey,
        Map<String, String> metadata) {

    public AuthorizeRequest {
        Objects.requireNonNull(amount, "amount");
        if (amount.isZero()) {
            throw new IllegalArgumentException("an authorization needs an amount above zero");
        }
        if (paymentMethodId == null || paymentMethodId.isBlank()) {
            throw new IllegalArgumentException("an authorization needs a payment method");
        }
        PaymentGateway.requireIdempotencyKey(idempotencyKey);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }
}
