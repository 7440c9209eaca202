package io.movmo.booking.profile.api;

import io.movmo.booking.profile.contact.ContactType;
import io.movmo.booking.shared.UserId;
import io.movmo.booking.shared.pii.Sealed;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Applies a verified contact change (step 3 of the flow): the user's email or phone number is now {@code value}. */
public record ChangeContactCommand(@TargetAggregateIdentifier UserId userId, ContactType type, Sealed value, Instant at) {}
