package io.movmo.booking.profile.contact;

/** Text messages to phones (verification codes). Blocking; never logs the number or the body. */
public interface SmsSender {

    /** Sends {@code body} to {@code phoneNumber} (E.164); {@link ContactDeliveryException} when it could not be sent. */
    void send(String phoneNumber, String body);
}
