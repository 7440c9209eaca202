package io.movmo.booking.payments.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.movmo.booking.payments.api.PaymentMethodAddedEvent;
import io.movmo.booking.payments.api.PaymentMethodCommands.AddPaymentMethod;
import io.movmo.booking.payments.api.PaymentMethodCommands.DuplicatePaymentMethod;
import io.movmo.booking.payments.api.PaymentMethodCommands.PaymentMethodNotFound;
import io.movmo.booking.payments.api.PaymentMethodCommands.RemovePaymentMethod;
import io.movmo.booking.payments.api.PaymentMethodCommands.UpdatePaymentMethod;
import io.movmo.booking.payments.api.PaymentMethodRemovedEvent;
import io.movmo.booking.payments.api.PaymentMethodUpdatedEvent;
import io.movmo.booking.shared.UserId;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A saved payment method, one per Stripe payment method (its id is derived from Stripe's). Saved while it is saved
 * is a duplicate; once removed it may be saved again. Only its owner reaches it.
 */
@Aggregate
class PaymentMethod {

    @AggregateIdentifier
    private String methodId;
    private UserId owner;
    private boolean saved;

    PaymentMethod() {}

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    long handle(AddPaymentMethod command) {
        if (saved) {
            throw new DuplicatePaymentMethod();
        }
        apply(new PaymentMethodAddedEvent(command.methodId(), command.userId(), command.card(), command.isDefault(),
                command.at()));
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    long handle(UpdatePaymentMethod command) {
        requireOwnedBy(command.userId());
        apply(new PaymentMethodUpdatedEvent(methodId, owner, command.expMonth(), command.expYear(), command.isDefault(),
                command.at()));
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    long handle(RemovePaymentMethod command) {
        requireOwnedBy(command.userId());
        apply(new PaymentMethodRemovedEvent(methodId, owner, command.at()));
        return AggregateLifecycle.getVersion();
    }

    private void requireOwnedBy(UserId user) {
        if (!saved || !owner.equals(user)) {
            throw new PaymentMethodNotFound();
        }
    }

    @EventSourcingHandler
    void on(PaymentMethodAddedEvent event) {
        methodId = event.methodId();
        owner = event.userId();
        saved = true;
    }

    @EventSourcingHandler
    void on(PaymentMethodRemovedEvent event) {
        saved = false;
    }
}
