package io.movmo.booking.payments.api;

import io.movmo.booking.shared.UserId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The payment method's expiry or default flag changed (at Stripe first). */
@Revision("1")
public record PaymentMethodUpdatedEvent(String methodId, UserId userId, int expMonth, int expYear, boolean isDefault,
        Instant updatedAt) implements PaymentMethodEvent {}
