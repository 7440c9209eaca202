package io.movmo.booking.testing.probe;

public record ProbeRecordedEvent(String probeId, String note) {}
