package io.movmo.booking.testing.probe;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Test-only command: proves the write path (edge → command → event store) without a business context. */
public record RecordProbeCommand(@TargetAggregateIdentifier String probeId, String note) {}
