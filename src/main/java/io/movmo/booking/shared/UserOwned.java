package io.movmo.booking.shared;

/** An event about something a user owns (a passenger, a payment method): read models may sequence by owner. */
public interface UserOwned {

    UserId userId();
}
