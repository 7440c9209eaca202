package io.movmo.booking.profile.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.movmo.booking.profile.api.ChangeContactCommand;
import io.movmo.booking.profile.api.ContactChangedEvent;
import io.movmo.booking.profile.api.LocalePreferencesSetEvent;
import io.movmo.booking.profile.api.SetLocalePreferencesCommand;
import io.movmo.booking.profile.api.SetTravelPreferencesCommand;
import io.movmo.booking.profile.api.SignInUserCommand;
import io.movmo.booking.profile.api.TravelPreferencesSetEvent;
import io.movmo.booking.profile.api.UpdateUserProfileCommand;
import io.movmo.booking.profile.api.UserProfileUpdatedEvent;
import io.movmo.booking.profile.api.UserRegisteredEvent;
import io.movmo.booking.profile.api.UserSignedInEvent;
import io.movmo.booking.shared.UserId;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/** A Movmo user's profile. The first sign-in registers it; every sign-in is recorded; the user edits it. */
@Aggregate
class User {

    @AggregateIdentifier
    private UserId userId;

    User() {}

    // Each handler answers the user's version after the change (the sequence number of its last event), which the
    // caller waits for in the read model.

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    long handle(SignInUserCommand command) {
        if (userId == null) {
            apply(new UserRegisteredEvent(command.userId(), command.email(), command.phoneNumber(), command.at()));
        }
        apply(new UserSignedInEvent(command.userId(), command.at()));
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    long handle(UpdateUserProfileCommand command) {
        apply(new UserProfileUpdatedEvent(command.userId(), command.profile(), command.at()));
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    long handle(SetLocalePreferencesCommand command) {
        apply(new LocalePreferencesSetEvent(command.userId(), command.preferences(), command.at()));
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    long handle(SetTravelPreferencesCommand command) {
        apply(new TravelPreferencesSetEvent(command.userId(), command.preferences(), command.at()));
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    long handle(ChangeContactCommand command) {
        apply(new ContactChangedEvent(command.userId(), command.type(), command.value(), command.at()));
        return AggregateLifecycle.getVersion();
    }

    @EventSourcingHandler
    void on(UserRegisteredEvent event) {
        userId = event.userId();
    }
}
