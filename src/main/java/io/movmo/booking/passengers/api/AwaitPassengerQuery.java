package io.movmo.booking.passengers.api;

/**
 * Whether the passengers read model has applied the passenger's events up to {@code version} (what a passenger
 * command answers); answered with {@link io.movmo.booking.platform.axon.ReadYourWrites.Shown}.
 */
public record AwaitPassengerQuery(PassengerId passengerId, long version) {}
