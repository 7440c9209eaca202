package io.movmo.booking.testing.probe;

/** What recording a note answers: how many notes the probe had before, and which thread handled the command. */
public record ProbeResult(int previousNotes, String handledOn) {}
