package io.movmo.booking.payments.api;

import io.movmo.booking.shared.UserId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The payment method was deleted (detached at Stripe first). */
@Revision("1")
public record PaymentMethodRemovedEvent(String methodId, UserId userId, Instant removedAt) implements PaymentMethodEvent {}
