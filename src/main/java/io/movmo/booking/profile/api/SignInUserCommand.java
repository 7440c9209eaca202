package io.movmo.booking.profile.api;

import io.movmo.booking.shared.UserId;
import io.movmo.booking.shared.pii.Sealed;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records a sign-in; the first one registers the user with the contact details their identity provider vouches for. */
public record SignInUserCommand(@TargetAggregateIdentifier UserId userId, Sealed email, Sealed phoneNumber, Instant at) {}
