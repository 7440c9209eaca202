package io.movmo.booking.payments.api;

import io.movmo.booking.shared.UserId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A user saved a payment method (attached at Stripe to their customer first). */
@Revision("1")
public record PaymentMethodAddedEvent(String methodId, UserId userId, CardDetails card, boolean isDefault,
        Instant addedAt) implements PaymentMethodEvent {}
