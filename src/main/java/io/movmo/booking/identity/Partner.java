package io.movmo.booking.identity;

/** A travel app integrating with Movmo, as identified by one of its API keys. */
public record Partner(String partnerId, String name) {}
