package io.movmo.booking.bookings.api;

/**
 * The booking {@code bookingId} as the read model holds it: a {@link BookingView}, or null when there is none yet.
 * As a subscription query, every change the read model records is sent as an update.
 */
public record BookingQuery(String bookingId) {}
