package io.movmo.booking.bookings.api;

/** Whether the bookings read model shows the booking's events up to {@code version}; answered with {@code Shown}. */
public record AwaitBookingQuery(String bookingId, long version) {}
