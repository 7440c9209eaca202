package io.movmo.booking.payments.api;

import io.movmo.booking.shared.UserId;
import io.movmo.booking.shared.UserOwned;

/** Everything that happens to a saved payment method; each names the owning user. */
public sealed interface PaymentMethodEvent extends UserOwned permits PaymentMethodAddedEvent, PaymentMethodUpdatedEvent,
        PaymentMethodRemovedEvent {

    String methodId();

    @Override
    UserId userId();
}
