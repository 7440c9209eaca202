package io.movmo.booking.testing.probe;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/** Test-only event-sourced aggregate that records notes. */
@Aggregate
class Probe {

    @AggregateIdentifier
    private String probeId;
    private int notes;

    Probe() {}

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    ProbeResult handle(RecordProbeCommand command) {
        int previous = notes;
        apply(new ProbeRecordedEvent(command.probeId(), command.note()));
        return new ProbeResult(previous, Thread.currentThread().getName());
    }

    @EventSourcingHandler
    void on(ProbeRecordedEvent event) {
        probeId = event.probeId();
        notes++;
    }
}
