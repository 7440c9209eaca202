package io.movmo.booking.payments.methods.sandbox;

import io.movmo.booking.payments.methods.PaymentMethodRegistry;
import io.movmo.booking.payments.methods.PaymentMethodRejectedException;
import io.movmo.booking.shared.SandboxAdapter;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The sandbox's Stripe for saved payment methods ({@code sandbox_stripe_payment_method}): like Stripe, a payment
 * method attaches to one customer only (another customer is refused) and never again once detached,
 * {@code pm_card_missing} does not exist, and detaching one already detached or unknown is quiet.
 */
@SandboxAdapter
public class SandboxPaymentMethodRegistry implements PaymentMethodRegistry {

    /** A payment method id the sandbox treats as unknown to Stripe. */
    public static final String MISSING = "pm_card_missing";

    private final JdbcClient jdbc;

    public SandboxPaymentMethodRegistry(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Mono<Void> attach(String customerId, String paymentMethodId) {
        return blocking(() -> {
            if (MISSING.equals(paymentMethodId)) {
                throw new PaymentMethodRejectedException("paymentMethodId", "'paymentMethodId' does not exist at Stripe");
            }
            Map<String, Object> row = jdbc.sql("SELECT customer_id, detached FROM sandbox_stripe_payment_method WHERE payment_method_id = :pm")
                    .param("pm", paymentMethodId).query().listOfRows().stream().findFirst().orElse(null);
            if (row != null && row.get("customer_id") != null && !customerId.equals(row.get("customer_id"))) {
                throw new PaymentMethodRejectedException("paymentMethodId",
                        "'paymentMethodId' is attached to another Stripe customer");
            }
            if (row != null && Boolean.TRUE.equals(row.get("detached"))) {
                // Stripe never attaches a detached payment method again: the card must be collected anew.
                throw new PaymentMethodRejectedException("paymentMethodId",
                        "'paymentMethodId' was detached at Stripe and cannot be attached again");
            }
            jdbc.sql("""
                    INSERT INTO sandbox_stripe_payment_method (payment_method_id, customer_id) VALUES (:pm, :customer)
                    ON CONFLICT (payment_method_id) DO UPDATE SET customer_id = excluded.customer_id""")
                    .param("pm", paymentMethodId).param("customer", customerId).update();
        });
    }

    @Override
    public Mono<Void> updateExpiry(String paymentMethodId, int expMonth, int expYear) {
        return blocking(() -> jdbc.sql("""
                UPDATE sandbox_stripe_payment_method SET exp_month = :month, exp_year = :year WHERE payment_method_id = :pm""")
                .param("pm", paymentMethodId).param("month", expMonth).param("year", expYear).update());
    }

    @Override
    public Mono<Void> makeDefault(String customerId, String paymentMethodId) {
        return blocking(() -> jdbc.sql("""
                UPDATE sandbox_stripe_payment_method SET is_customer_default = (payment_method_id = :pm)
                WHERE customer_id = :customer""")
                .param("pm", paymentMethodId).param("customer", customerId).update());
    }

    @Override
    public Mono<Void> clearDefault(String customerId) {
        return blocking(() -> jdbc.sql("UPDATE sandbox_stripe_payment_method SET is_customer_default = false WHERE customer_id = :customer")
                .param("customer", customerId).update());
    }

    @Override
    public Mono<Void> detach(String paymentMethodId) {
        return blocking(() -> jdbc.sql("""
                UPDATE sandbox_stripe_payment_method SET customer_id = NULL, is_customer_default = false, detached = true
                WHERE payment_method_id = :pm""")
                .param("pm", paymentMethodId).update());
    }

    private static Mono<Void> blocking(Runnable work) {
        return Mono.fromRunnable(work).subscribeOn(Schedulers.boundedElastic()).then();
    }
}
