package io.movmo.booking.platform.axon;

import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.ConcurrencyException;
import reactor.util.retry.Retry;

/**
 * Two nodes appending to one aggregate at once: the event store's unique (aggregate, sequence) constraint makes one
 * of them fail; that one is retried, reloads the aggregate and decides again.
 */
public final class AppendConflicts {

    private AppendConflicts() {}

    public static Retry retry() {
        return Retry.max(2).filter(AppendConflicts::isConflict);
    }

    static boolean isConflict(Throwable e) {
        return e instanceof ConcurrencyException || e instanceof EventStoreException;
    }
}
