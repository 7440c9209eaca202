package io.movmo.booking.payments.query;

import io.movmo.booking.payments.api.AwaitPaymentMethodQuery;
import io.movmo.booking.payments.api.CardDetails;
import io.movmo.booking.payments.api.PaymentMethodAddedEvent;
import io.movmo.booking.payments.api.PaymentMethodRemovedEvent;
import io.movmo.booking.payments.api.PaymentMethodUpdatedEvent;
import io.movmo.booking.platform.axon.ReadYourWrites.Shown;
import io.movmo.booking.platform.axon.SequencedByOwner;
import java.sql.Timestamp;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code payment_method} read model (see projections/README.md). Sequenced by owner ({@link SequencedByOwner}),
 * so "one default per user" holds across aggregates. Each row records the sequence number of the method's latest
 * event applied; older events (redelivery, replay into a live table) change nothing.
 */
@Component
@ProcessingGroup(SequencedByOwner.PAYMENT_METHODS)
class PaymentMethodProjection {

    private final JdbcClient jdbc;
    private final QueryUpdateEmitter updates;

    PaymentMethodProjection(JdbcClient jdbc, QueryUpdateEmitter updates) {
        this.jdbc = jdbc;
        this.updates = updates;
    }

    @EventHandler
    void on(PaymentMethodAddedEvent event, @SequenceNumber long version) {
        CardDetails card = event.card();
        boolean applied = jdbc.sql("""
                INSERT INTO payment_method AS pm (method_id, user_id, customer_id, stripe_payment_method_id, method_type,
                    brand, last4, exp_month, exp_year, is_default, created_at, updated_at, removed_at, version)
                VALUES (:id, :user, :customer, :pm, :type, :brand, :last4, :month, :year, :default, :at, :at, NULL, :version)
                ON CONFLICT (method_id) DO UPDATE SET user_id = excluded.user_id, customer_id = excluded.customer_id,
                    method_type = excluded.method_type, brand = excluded.brand, last4 = excluded.last4,
                    exp_month = excluded.exp_month, exp_year = excluded.exp_year, is_default = excluded.is_default,
                    created_at = excluded.created_at, updated_at = excluded.updated_at, removed_at = NULL,
                    version = excluded.version
                WHERE pm.version < excluded.version""")
                .param("id", UUID.fromString(event.methodId())).param("user", UUID.fromString(event.userId().value()))
                .param("customer", card.customerId()).param("pm", card.paymentMethodId())
                .param("type", card.methodType()).param("brand", card.brand()).param("last4", card.last4())
                .param("month", card.expMonth()).param("year", card.expYear()).param("default", event.isDefault())
                .param("at", Timestamp.from(event.addedAt())).param("version", version)
                .update() == 1;
        if (applied && event.isDefault()) {
            clearOtherDefaults(event.methodId());
        }
        applied(event.methodId(), version);
    }

    @EventHandler
    void on(PaymentMethodUpdatedEvent event, @SequenceNumber long version) {
        boolean applied = jdbc.sql("""
                UPDATE payment_method SET exp_month = :month, exp_year = :year, is_default = :default, updated_at = :at,
                    version = :version
                WHERE method_id = :id AND version < :version""")
                .param("id", UUID.fromString(event.methodId())).param("month", event.expMonth())
                .param("year", event.expYear()).param("default", event.isDefault())
                .param("at", Timestamp.from(event.updatedAt())).param("version", version)
                .update() == 1;
        if (applied && event.isDefault()) {
            clearOtherDefaults(event.methodId());
        }
        applied(event.methodId(), version);
    }

    @EventHandler
    void on(PaymentMethodRemovedEvent event, @SequenceNumber long version) {
        jdbc.sql("""
                UPDATE payment_method SET removed_at = :at, is_default = false, updated_at = :at, version = :version
                WHERE method_id = :id AND version < :version""")
                .param("id", UUID.fromString(event.methodId())).param("at", Timestamp.from(event.removedAt()))
                .param("version", version).update();
        applied(event.methodId(), version);
    }

    @QueryHandler
    Shown handle(AwaitPaymentMethodQuery query) {
        return new Shown(jdbc.sql("SELECT count(*) FROM payment_method WHERE method_id = :id AND version >= :version")
                .param("id", UUID.fromString(query.methodId())).param("version", query.version())
                .query(Integer.class).single() > 0);
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM payment_method").update();
    }

    private void clearOtherDefaults(String methodId) {
        jdbc.sql("""
                UPDATE payment_method SET is_default = false
                WHERE is_default AND method_id <> :id
                  AND user_id = (SELECT user_id FROM payment_method WHERE method_id = :id)""")
                .param("id", UUID.fromString(methodId)).update();
    }

    private void applied(String methodId, long version) {
        updates.emit(AwaitPaymentMethodQuery.class, q -> q.methodId().equals(methodId) && q.version() <= version,
                new Shown(true));
    }
}
