package io.movmo.booking.payments.gateway.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.movmo.booking.payments.gateway.AuthorizeRequest;
import io.movmo.booking.payments.gateway.PaymentIntentState;
import io.movmo.booking.payments.gateway.PaymentOutcome;
import io.movmo.booking.payments.gateway.PaymentOutcome.Authorized;
import io.movmo.booking.payments.gateway.PaymentOutcome.Captured;
import io.movmo.booking.payments.gateway.PaymentOutcome.Declined;
import io.movmo.booking.payments.gateway.PaymentOutcome.Refunded;
import io.movmo.booking.payments.gateway.PaymentOutcome.RequiresAction;
import io.movmo.booking.payments.gateway.PaymentOutcome.Unknown;
import io.movmo.booking.payments.gateway.PaymentOutcome.Voided;
import io.movmo.booking.payments.gateway.PaymentRejectedException;
import io.movmo.booking.payments.gateway.PaymentRejectedException.Reason;
import io.movmo.booking.payments.gateway.sandbox.SandboxLedger.Entry;
import io.movmo.booking.payments.gateway.sandbox.SandboxLedger.Kind;
import io.movmo.booking.payments.gateway.sandbox.SandboxLedger.Totals;
import io.movmo.booking.platform.database.PostgresCoordinates;
import io.movmo.booking.shared.Money;
import io.movmo.booking.testing.MutableClock;
import io.movmo.booking.testing.TestPostgres;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.transaction.support.TransactionTemplate;
import reactor.core.publisher.Mono;

/**
 * The sandbox gateway on real PostgreSQL (a database of its own, migrated by Flyway): Stripe's test cards, exact
 * amounts in the ledger through authorize, capture, void and refund, Stripe's idempotency, concurrent repeats, and the
 * lost-response scenario the booking saga's tests rely on.
 */
class SandboxPaymentGatewayIT {

    private static final Instant START = Instant.parse("2026-07-29T08:00:00Z");

    static JdbcClient jdbc;
    static TransactionTemplate transactions;

    MutableClock clock;
    SandboxPaymentGateway gateway;
    SandboxLedger ledger;
    String booking;

    @BeforeAll
    static void database() {
        PostgresCoordinates db = PostgresCoordinates.parse(TestPostgres.get().createDatabase());
        DataSource dataSource = new SimpleDriverDataSource(new org.postgresql.Driver(), db.jdbcUrl(), db.user(),
                db.password());
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = JdbcClient.create(dataSource);
        transactions = new TransactionTemplate(new JdbcTransactionManager(dataSource));
    }

    @BeforeEach
    void gateway() {
        clock = new MutableClock(START);
        gateway = new SandboxPaymentGateway(jdbc, transactions, clock);
        ledger = new SandboxLedger(jdbc);
        booking = UUID.randomUUID().toString();
    }

    // ---- authorize, capture, void, refund: exact amounts ------------------------------------------------------------

    @Test
    void authorizeCaptureAndRefundsInPartsLeaveExactAmountsAndAFullyRefundedPaymentRefusesMore() {
        Authorized authorized = authorized(visa(usd("120.00")));
        String pi = authorized.paymentIntentId();
        assertThat(pi).startsWith("pi_sandbox_");
        assertThat(authorized.amount()).isEqualTo(usd("120.00"));
        assertThat(authorized.captureBefore()).isEqualTo(START.plus(Duration.ofDays(7)));
        assertThat(gateway.retrieve(pi).block()).isEqualTo(new PaymentIntentState(pi, "requires_capture",
                usd("120.00"), usd("120.00"), usd("0.00"), START.plus(Duration.ofDays(7))));

        assertThat(gateway.capture(pi, usd("100.00"), key("capture")).block())
                .isEqualTo(new Captured(pi, usd("100.00")));
        assertThat(gateway.retrieve(pi).block()).isEqualTo(new PaymentIntentState(pi, "succeeded",
                usd("120.00"), usd("0.00"), usd("100.00"), null));
        assertThat(totals(pi)).isEqualTo(new Totals(pi, "succeeded", usd("120.00"), usd("120.00"), usd("100.00"),
                usd("20.00"), usd("0.00")));

        Refunded first = (Refunded) gateway.refund(pi, usd("30.00"), key("refund:1")).block();
        assertThat(first.paymentIntentId()).isEqualTo(pi);
        assertThat(first.refundId()).startsWith("re_sandbox_");
        assertThat(first.amount()).isEqualTo(usd("30.00"));
        assertThat(totals(pi).refunded()).isEqualTo(usd("30.00"));
        assertThat(totals(pi).refundable()).isEqualTo(usd("70.00"));

        Refunded rest = (Refunded) gateway.refund(pi, null, key("refund:2")).block();
        assertThat(rest.amount()).isEqualTo(usd("70.00"));
        assertThat(rest.refundId()).isNotEqualTo(first.refundId());

        refused(gateway.refund(pi, null, key("refund:3")), Reason.UNEXPECTED_STATE);
        refused(gateway.refund(pi, usd("0.01"), key("refund:4")), Reason.UNEXPECTED_STATE);

        Totals totals = totals(pi);
        assertThat(totals).isEqualTo(new Totals(pi, "succeeded", usd("120.00"), usd("120.00"), usd("100.00"),
                usd("20.00"), usd("100.00")));
        assertThat(totals.held()).isEqualTo(usd("0.00"));
        assertThat(totals.refundable()).isEqualTo(usd("0.00"));
        assertThat(entries(pi)).extracting(Entry::kind, Entry::amount, Entry::reference, Entry::idempotencyKey)
                .containsExactly(
                        tuple(Kind.AUTHORIZED, usd("120.00"), null, key("authorize")),
                        tuple(Kind.CAPTURED, usd("100.00"), null, key("capture")),
                        tuple(Kind.RELEASED, usd("20.00"), null, key("capture")),
                        tuple(Kind.REFUNDED, usd("30.00"), first.refundId(), key("refund:1")),
                        tuple(Kind.REFUNDED, usd("70.00"), rest.refundId(), key("refund:2")));
        assertThat(row(pi)).containsEntry("amount_minor", 12000L).containsEntry("amount_capturable_minor", 0L)
                .containsEntry("amount_received_minor", 10000L).containsEntry("amount_refunded_minor", 10000L);
    }

    @Test
    void aRefundAboveWhatIsLeftOrOfAnUncapturedPaymentIsRefusedAndChangesNothing() {
        String pi = authorized(visa(usd("80.00"))).paymentIntentId();
        refused(gateway.refund(pi, usd("10.00"), key("refund:early")), Reason.UNEXPECTED_STATE);
        gateway.capture(pi, usd("80.00"), key("capture")).block();
        gateway.refund(pi, usd("50.00"), key("refund:1")).block();

        refused(gateway.refund(pi, usd("30.01"), key("refund:2")), Reason.AMOUNT_NOT_ALLOWED);
        refused(gateway.refund(pi, Money.of("30", "JPY"), key("refund:3")), Reason.AMOUNT_NOT_ALLOWED);
        refused(gateway.refund(pi, usd("0.00"), key("refund:4")), Reason.AMOUNT_NOT_ALLOWED);

        assertThat(totals(pi)).isEqualTo(new Totals(pi, "succeeded", usd("80.00"), usd("80.00"), usd("80.00"),
                usd("0.00"), usd("50.00")));
        assertThat(gateway.refund(pi, usd("30.00"), key("refund:5")).block())
                .isInstanceOfSatisfying(Refunded.class, r -> assertThat(r.amount()).isEqualTo(usd("30.00")));
        assertThat(totals(pi).refunded()).isEqualTo(usd("80.00"));
    }

    @Test
    void aVoidReleasesTheWholeHoldCanBeRepeatedAndNothingCanBeCapturedAfterIt() {
        String pi = authorized(visa(usd("45.50"))).paymentIntentId();

        assertThat(gateway.voidAuthorization(pi, key("void")).block()).isEqualTo(new Voided(pi));
        assertThat(gateway.voidAuthorization(pi, key("void:again")).block()).isEqualTo(new Voided(pi));
        refused(gateway.capture(pi, usd("45.50"), key("capture")), Reason.UNEXPECTED_STATE);
        refused(gateway.refund(pi, null, key("refund")), Reason.UNEXPECTED_STATE);

        assertThat(gateway.retrieve(pi).block()).isEqualTo(new PaymentIntentState(pi, "canceled", usd("45.50"),
                usd("0.00"), usd("0.00"), null));
        Totals totals = totals(pi);
        assertThat(totals).isEqualTo(new Totals(pi, "canceled", usd("45.50"), usd("45.50"), usd("0.00"),
                usd("45.50"), usd("0.00")));
        assertThat(totals.held()).isEqualTo(usd("0.00"));
        assertThat(entries(pi)).extracting(Entry::kind, Entry::amount).containsExactly(
                tuple(Kind.AUTHORIZED, usd("45.50")), tuple(Kind.VOIDED, usd("45.50")));
    }

    @Test
    void aCapturedPaymentCannotBeVoided() {
        String pi = authorized(visa(usd("20.00"))).paymentIntentId();
        gateway.capture(pi, usd("20.00"), key("capture")).block();

        refused(gateway.voidAuthorization(pi, key("void")), Reason.UNEXPECTED_STATE);

        assertThat(totals(pi)).isEqualTo(new Totals(pi, "succeeded", usd("20.00"), usd("20.00"), usd("20.00"),
                usd("0.00"), usd("0.00")));
    }

    @Test
    void aCaptureAboveTheHoldInAnotherCurrencyOrOfNothingIsRefusedChangesNothingAndLeavesItsKeyFree() {
        String pi = authorized(visa(usd("50.00"))).paymentIntentId();

        refused(gateway.capture(pi, usd("50.01"), key("capture")), Reason.AMOUNT_NOT_ALLOWED);
        refused(gateway.capture(pi, Money.of("50.00", "EUR"), key("capture")), Reason.AMOUNT_NOT_ALLOWED);
        refused(gateway.capture(pi, usd("0.00"), key("capture")), Reason.AMOUNT_NOT_ALLOWED);

        assertThat(gateway.retrieve(pi).block()).isEqualTo(new PaymentIntentState(pi, "requires_capture",
                usd("50.00"), usd("50.00"), usd("0.00"), START.plus(Duration.ofDays(7))));
        assertThat(entries(pi)).extracting(Entry::kind).containsExactly(Kind.AUTHORIZED);
        assertThat(gateway.capture(pi, usd("50.00"), key("capture")).block()).isEqualTo(new Captured(pi, usd("50.00")));
        assertThat(totals(pi)).isEqualTo(new Totals(pi, "succeeded", usd("50.00"), usd("50.00"), usd("50.00"),
                usd("0.00"), usd("0.00")));
    }

    @Test
    void yenAreWholeYenThroughout() {
        Authorized authorized = authorized(visa(Money.of("12000", "JPY")));
        String pi = authorized.paymentIntentId();
        assertThat(authorized.amount()).isEqualTo(Money.of("12000", "JPY"));

        assertThat(gateway.capture(pi, Money.of("9000", "JPY"), key("capture")).block())
                .isEqualTo(new Captured(pi, Money.of("9000", "JPY")));
        assertThat(gateway.refund(pi, Money.of("1500", "JPY"), key("refund")).block())
                .isInstanceOfSatisfying(Refunded.class, r -> assertThat(r.amount()).isEqualTo(Money.of("1500", "JPY")));
        refused(gateway.refund(pi, usd("1.00"), key("refund:usd")), Reason.AMOUNT_NOT_ALLOWED);

        assertThat(totals(pi)).isEqualTo(new Totals(pi, "succeeded", jpy(12000), jpy(12000), jpy(9000), jpy(3000),
                jpy(1500)));
        assertThat(totals(pi).refundable()).isEqualTo(jpy(7500));
        assertThat(gateway.retrieve(pi).block().amountReceived()).isEqualTo(jpy(9000));
        assertThat(row(pi)).containsEntry("currency", "JPY").containsEntry("amount_minor", 12000L)
                .containsEntry("amount_received_minor", 9000L).containsEntry("amount_refunded_minor", 1500L);
    }

    @Test
    void threeDecimalCurrenciesKeepAllTheirDigits() {
        Money kwd = Money.of("5.125", "KWD");
        String pi = authorized(visa(kwd)).paymentIntentId();
        gateway.capture(pi, Money.of("5.100", "KWD"), key("capture")).block();

        assertThat(totals(pi)).isEqualTo(new Totals(pi, "succeeded", kwd, kwd, Money.of("5.100", "KWD"),
                Money.of("0.025", "KWD"), Money.of("0", "KWD")));
        assertThat(row(pi)).containsEntry("amount_minor", 5125L).containsEntry("amount_received_minor", 5100L);
    }

    // ---- test cards ------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"pm_card_visa", "pm_card_mastercard", "pm_card_amex", "pm_card_discover",
            "pm_saved_sandbox_card"})
    void successfulTestCardsAndSavedPaymentMethodsAuthorizeTheWholeAmount(String paymentMethod) {
        jdbc.sql("INSERT INTO sandbox_stripe_payment_method (payment_method_id, customer_id) VALUES (:pm, 'cus_1') "
                + "ON CONFLICT DO NOTHING").param("pm", "pm_saved_sandbox_card").update();

        PaymentOutcome outcome = gateway.authorize(request(usd("99.99"), paymentMethod, true, key("authorize")))
                .block();

        assertThat(outcome).isInstanceOfSatisfying(Authorized.class, a -> {
            assertThat(a.amount()).isEqualTo(usd("99.99"));
            assertThat(row(a.paymentIntentId())).containsEntry("payment_method_id", paymentMethod)
                    .containsEntry("status", "requires_capture");
        });
    }

    @ParameterizedTest
    @CsvSource({
            "pm_card_chargeDeclined, true, card_declined, generic_decline",
            "pm_card_chargeDeclined, false, card_declined, generic_decline",
            "pm_card_chargeDeclinedInsufficientFunds, true, card_declined, insufficient_funds",
            "pm_card_authenticationRequired, true, authentication_required, authentication_required"})
    void declineCardsAreDeclinedWithStripesCodesAndTheAttemptIsKept(String paymentMethod, boolean offSession,
            String code, String declineCode) {
        PaymentOutcome outcome = gateway.authorize(request(usd("64.00"), paymentMethod, offSession, key("authorize")))
                .block();

        assertThat(outcome).isInstanceOf(Declined.class);
        Declined declined = (Declined) outcome;
        String pi = declined.paymentIntentId();
        assertThat(pi).startsWith("pi_sandbox_");
        assertThat(declined).isEqualTo(new Declined(pi, code, declineCode));
        assertThat(gateway.retrieve(pi).block()).isEqualTo(new PaymentIntentState(pi, "requires_payment_method",
                usd("64.00"), usd("0.00"), usd("0.00"), null));
        assertThat(totals(pi)).isEqualTo(new Totals(pi, "requires_payment_method", usd("64.00"), usd("0.00"),
                usd("0.00"), usd("0.00"), usd("0.00")));
        assertThat(entries(pi)).extracting(Entry::kind, Entry::amount, Entry::reference)
                .containsExactly(tuple(Kind.DECLINED, usd("64.00"), code + "/" + declineCode));
        assertThat(row(pi)).containsEntry("last_payment_error_code", code)
                .containsEntry("last_payment_error_decline_code", declineCode);
        refused(gateway.capture(pi, usd("64.00"), key("capture")), Reason.UNEXPECTED_STATE);
    }

    @Test
    void aCardNeedingAuthenticationRequiresActionOnSessionAndCanBeVoided() {
        PaymentOutcome outcome = gateway.authorize(request(usd("64.00"), SandboxPaymentGateway.AUTHENTICATION_REQUIRED,
                false, key("authorize"))).block();

        assertThat(outcome).isInstanceOf(RequiresAction.class);
        String pi = ((RequiresAction) outcome).paymentIntentId();
        assertThat(gateway.retrieve(pi).block()).isEqualTo(new PaymentIntentState(pi, "requires_action",
                usd("64.00"), usd("0.00"), usd("0.00"), null));
        refused(gateway.capture(pi, usd("64.00"), key("capture")), Reason.UNEXPECTED_STATE);

        assertThat(gateway.voidAuthorization(pi, key("void")).block()).isEqualTo(new Voided(pi));
        assertThat(totals(pi)).isEqualTo(new Totals(pi, "canceled", usd("64.00"), usd("0.00"), usd("0.00"),
                usd("0.00"), usd("0.00")));
        assertThat(entries(pi)).extracting(Entry::kind, Entry::amount).containsExactly(
                tuple(Kind.REQUIRES_ACTION, usd("64.00")), tuple(Kind.VOIDED, usd("0.00")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"pm_card_missing", "pm_1NeverSavedAnywhere"})
    void aPaymentMethodTheSandboxDoesNotKnowIsNotFoundAndCreatesNothing(String paymentMethod) {
        refused(gateway.authorize(request(usd("10.00"), paymentMethod, true, key("authorize"))), Reason.NOT_FOUND);

        assertThat(intentsOfThisBooking()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM sandbox_idempotency_key WHERE idempotency_key = :k")
                .param("k", key("authorize")).query(Long.class).single()).isZero();
    }

    @Test
    void anUnknownPaymentIntentIsNotFound() {
        String missing = "pi_sandbox_doesNotExist";
        refused(gateway.retrieve(missing), Reason.NOT_FOUND);
        refused(gateway.capture(missing, usd("1.00"), key("capture")), Reason.NOT_FOUND);
        refused(gateway.voidAuthorization(missing, key("void")), Reason.NOT_FOUND);
        refused(gateway.refund(missing, null, key("refund")), Reason.NOT_FOUND);
        assertThat(ledger.totals(missing).block()).isNull();
        assertThat(entries(missing)).isEmpty();
    }

    @Test
    void malformedArgumentsAreArgumentErrorsInsideTheMono() {
        Mono<PaymentOutcome> blankId = gateway.capture(" ", usd("1.00"), key("capture"));
        assertThatThrownBy(blankId::block).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> gateway.voidAuthorization("pi_sandbox_x", " key").block())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLapsedAuthorizationCannotBeCapturedButCanStillBeVoided() {
        String pi = authorized(visa(usd("30.00"))).paymentIntentId();
        clock.advance(Duration.ofDays(7));

        refused(gateway.capture(pi, usd("30.00"), key("capture")), Reason.AUTHORIZATION_EXPIRED);
        assertThat(gateway.voidAuthorization(pi, key("void")).block()).isEqualTo(new Voided(pi));
        assertThat(totals(pi)).isEqualTo(new Totals(pi, "canceled", usd("30.00"), usd("30.00"), usd("0.00"),
                usd("30.00"), usd("0.00")));
    }

    // ---- idempotency -----------------------------------------------------------------------------------------------

    @Test
    void aRepeatedAuthorizationReplaysTheFirstOutcomeWithoutASecondIntent() {
        AuthorizeRequest request = visa(usd("120.00"));
        PaymentOutcome first = gateway.authorize(request).block();
        clock.advance(Duration.ofHours(23));
        PaymentOutcome second = gateway.authorize(request).block();

        assertThat(second).isEqualTo(first).isInstanceOf(Authorized.class);
        assertThat(intentsOfThisBooking()).isOne();
        assertThat(totals(((Authorized) first).paymentIntentId()).authorized()).isEqualTo(usd("120.00"));
    }

    @Test
    void repeatedCapturesVoidsAndRefundsReplayWithoutActingTwice() {
        String pi = authorized(visa(usd("120.00"))).paymentIntentId();
        PaymentOutcome capture = gateway.capture(pi, usd("100.00"), key("capture")).block();
        assertThat(gateway.capture(pi, usd("100.00"), key("capture")).block()).isEqualTo(capture);

        PaymentOutcome refund = gateway.refund(pi, usd("30.00"), key("refund")).block();
        assertThat(gateway.refund(pi, usd("30.00"), key("refund")).block()).isEqualTo(refund);
        PaymentOutcome full = gateway.refund(pi, null, key("refund:rest")).block();
        assertThat(gateway.refund(pi, null, key("refund:rest")).block()).isEqualTo(full);

        assertThat(totals(pi)).isEqualTo(new Totals(pi, "succeeded", usd("120.00"), usd("120.00"), usd("100.00"),
                usd("20.00"), usd("100.00")));
        assertThat(entries(pi)).hasSize(5);

        String other = authorized(request(usd("10.00"), SandboxPaymentGateway.MASTERCARD, true, key("authorize:2")))
                .paymentIntentId();
        PaymentOutcome voided = gateway.voidAuthorization(other, key("void")).block();
        assertThat(gateway.voidAuthorization(other, key("void")).block()).isEqualTo(voided);
        assertThat(entries(other)).extracting(Entry::kind).containsExactly(Kind.AUTHORIZED, Kind.VOIDED);
    }

    @Test
    void aDeclineIsReplayedWithTheSameIntent() {
        AuthorizeRequest request = request(usd("10.00"), SandboxPaymentGateway.INSUFFICIENT_FUNDS, true,
                key("authorize"));
        PaymentOutcome first = gateway.authorize(request).block();

        assertThat(gateway.authorize(request).block()).isEqualTo(first).isInstanceOf(Declined.class);
        assertThat(intentsOfThisBooking()).isOne();
    }

    @Test
    void aKeyReusedWithOtherParametersOrForAnotherOperationIsAConflictAndActsNot() {
        String pi = authorized(visa(usd("120.00"))).paymentIntentId();

        conflict(gateway.authorize(visa(usd("120.01"))));
        conflict(gateway.authorize(request(usd("120.00"), SandboxPaymentGateway.AMEX, true, key("authorize"))));
        conflict(gateway.authorize(new AuthorizeRequest(usd("120.00"), null, SandboxPaymentGateway.VISA, true,
                key("authorize"), Map.of("booking_id", booking, "attempt", "2"))));
        conflict(gateway.capture(pi, usd("120.00"), key("authorize")));
        assertThat(intentsOfThisBooking()).isOne();

        gateway.capture(pi, usd("100.00"), key("capture")).block();
        conflict(gateway.capture(pi, usd("90.00"), key("capture")));
        conflict(gateway.refund(pi, null, key("capture")));
        gateway.refund(pi, usd("10.00"), key("refund")).block();
        conflict(gateway.refund(pi, null, key("refund")));
        conflict(gateway.refund(pi, usd("10.00"), key("capture")));

        assertThat(totals(pi)).isEqualTo(new Totals(pi, "succeeded", usd("120.00"), usd("120.00"), usd("100.00"),
                usd("20.00"), usd("10.00")));
    }

    @Test
    void aKeyCountsAsNewAfterTwentyFourHoursAndIsSweptAway() {
        String first = authorized(visa(usd("10.00"))).paymentIntentId();
        clock.advance(SandboxPaymentGateway.KEY_RETENTION);

        String second = authorized(visa(usd("20.00"))).paymentIntentId();

        assertThat(second).isNotEqualTo(first);
        assertThat(totals(second).authorized()).isEqualTo(usd("20.00"));
        assertThat(intentsOfThisBooking()).isEqualTo(2);

        gateway.forgetIdempotencyKeys(clock.instant().plusSeconds(1));
        assertThat(jdbc.sql("SELECT count(*) FROM sandbox_idempotency_key WHERE idempotency_key = :k")
                .param("k", key("authorize")).query(Long.class).single()).isZero();
    }

    @Test
    void concurrentAuthorizationsWithOneKeyCreateOneIntentAndAllGetItsOutcome() throws Exception {
        int parallel = 8;
        ExecutorService threads = Executors.newFixedThreadPool(parallel);
        try {
            for (int round = 0; round < 3; round++) {
                AuthorizeRequest request = request(usd("75.00"), SandboxPaymentGateway.VISA, true,
                        key("authorize:" + round));
                CyclicBarrier start = new CyclicBarrier(parallel);
                List<Future<PaymentOutcome>> calls = new ArrayList<>();
                for (int i = 0; i < parallel; i++) {
                    calls.add(threads.submit(() -> {
                        start.await();
                        return gateway.authorize(request).block();
                    }));
                }
                List<PaymentOutcome> outcomes = new ArrayList<>();
                for (Future<PaymentOutcome> call : calls) {
                    outcomes.add(call.get(30, TimeUnit.SECONDS));
                }
                assertThat(outcomes).hasSize(parallel).allSatisfy(o -> assertThat(o).isInstanceOf(Authorized.class))
                        .containsOnly(outcomes.get(0));
                assertThat(entries(((Authorized) outcomes.get(0)).paymentIntentId())).hasSize(1);
            }
            assertThat(intentsOfThisBooking()).isEqualTo(3);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void concurrentCapturesUnderDifferentKeysTakeTheHoldOnce() throws Exception {
        String pi = authorized(visa(usd("75.00"))).paymentIntentId();
        int parallel = 6;
        ExecutorService threads = Executors.newFixedThreadPool(parallel);
        try {
            CyclicBarrier start = new CyclicBarrier(parallel);
            List<Future<Object>> calls = new ArrayList<>();
            for (int i = 0; i < parallel; i++) {
                String captureKey = key("capture:" + i);
                calls.add(threads.submit(() -> {
                    start.await();
                    try {
                        return gateway.capture(pi, usd("75.00"), captureKey).block();
                    } catch (PaymentRejectedException e) {
                        return e.reason();
                    }
                }));
            }
            List<Object> results = new ArrayList<>();
            for (Future<Object> call : calls) {
                results.add(call.get(30, TimeUnit.SECONDS));
            }
            assertThat(results).filteredOn(Captured.class::isInstance).containsExactly(new Captured(pi, usd("75.00")));
            assertThat(results).filteredOn(Reason.class::isInstance).hasSize(parallel - 1)
                    .containsOnly(Reason.UNEXPECTED_STATE);
        } finally {
            threads.shutdownNow();
        }
        assertThat(totals(pi).captured()).isEqualTo(usd("75.00"));
        assertThat(entries(pi)).extracting(Entry::kind).containsExactly(Kind.AUTHORIZED, Kind.CAPTURED);
    }

    // ---- scenario hook, support reads, laziness --------------------------------------------------------------------

    @Test
    void aLostResponseIsUnknownAndTheRetryWithTheSameKeyFindsTheSameIntent() {
        AuthorizeRequest request = new AuthorizeRequest(usd("120.00"), null, SandboxPaymentGateway.VISA, true,
                key("authorize"), Map.of("booking_id", booking, SandboxPaymentGateway.OUTCOME_METADATA_KEY,
                        SandboxPaymentGateway.LOST_RESPONSE));

        assertThat(gateway.authorize(request).block()).isInstanceOf(Unknown.class);
        List<Totals> made = ledger.totalsByMetadata("booking_id", booking).block();
        assertThat(made).singleElement().satisfies(t -> {
            assertThat(t.status()).isEqualTo("requires_capture");
            assertThat(t.authorized()).isEqualTo(usd("120.00"));
        });
        String pi = made.get(0).paymentIntentId();

        assertThat(gateway.authorize(request).block())
                .isEqualTo(new Authorized(pi, usd("120.00"), START.plus(Duration.ofDays(7))));
        assertThat(gateway.authorize(request).block()).isInstanceOf(Authorized.class);
        assertThat(intentsOfThisBooking()).isOne();
        assertThat(entries(pi)).extracting(Entry::kind).containsExactly(Kind.AUTHORIZED);
    }

    @Test
    void aScenarioTheSandboxDoesNotKnowIsAnArgumentError() {
        AuthorizeRequest request = new AuthorizeRequest(usd("1.00"), null, SandboxPaymentGateway.VISA, true,
                key("authorize"), Map.of("booking_id", booking, SandboxPaymentGateway.OUTCOME_METADATA_KEY, "unknwon"));

        assertThatThrownBy(() -> gateway.authorize(request).block()).isInstanceOf(IllegalArgumentException.class);
        assertThat(intentsOfThisBooking()).isZero();
    }

    @Test
    void supportFindsAnIntentByItsMetadataAndSeesItsCustomerAndMethod() {
        String pi = authorized(new AuthorizeRequest(usd("12.00"), "cus_sandbox_1", SandboxPaymentGateway.AMEX, false,
                key("authorize"), Map.of("booking_id", booking, "attempt", "1"))).paymentIntentId();

        assertThat(ledger.totalsByMetadata("booking_id", booking).block()).extracting(Totals::paymentIntentId)
                .containsExactly(pi);
        assertThat(ledger.totalsByMetadata("booking_id", "someone-else").block()).isEmpty();
        assertThat(row(pi)).containsEntry("customer_id", "cus_sandbox_1").containsEntry("off_session", false)
                .containsEntry("payment_method_id", SandboxPaymentGateway.AMEX);
        assertThat(jdbc.sql("SELECT metadata->>'attempt' FROM sandbox_payment_intent WHERE id = :id").param("id", pi)
                .query(String.class).single()).isEqualTo("1");
    }

    @Test
    void nothingHappensBeforeSubscriptionAndTheWorkRunsOffTheCallersThread() {
        Mono<PaymentOutcome> authorize = gateway.authorize(visa(usd("5.00")));
        assertThat(intentsOfThisBooking()).isZero();

        String pi = ((Authorized) authorize.block()).paymentIntentId();
        Mono<PaymentOutcome> capture = gateway.capture(pi, usd("5.00"), key("capture"));
        Mono<PaymentOutcome> voided = gateway.voidAuthorization(pi, key("void"));
        assertThat(gateway.retrieve(pi).block().status()).isEqualTo("requires_capture");

        assertThat(gateway.retrieve(pi).map(s -> Thread.currentThread().getName()).block())
                .startsWith("boundedElastic");
        assertThat(capture.map(o -> Thread.currentThread().getName()).block()).startsWith("boundedElastic");
        refused(voided, Reason.UNEXPECTED_STATE); // made before the capture, it looks at the intent only now
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    private String key(String operation) {
        return "booking:" + booking + ":" + operation;
    }

    private AuthorizeRequest request(Money amount, String paymentMethod, boolean offSession, String key) {
        return new AuthorizeRequest(amount, null, paymentMethod, offSession, key, Map.of("booking_id", booking));
    }

    private AuthorizeRequest visa(Money amount) {
        return request(amount, SandboxPaymentGateway.VISA, true, key("authorize"));
    }

    private Authorized authorized(AuthorizeRequest request) {
        PaymentOutcome outcome = gateway.authorize(request).block();
        assertThat(outcome).isInstanceOf(Authorized.class);
        return (Authorized) outcome;
    }

    private Totals totals(String paymentIntentId) {
        return ledger.totals(paymentIntentId).block();
    }

    private List<Entry> entries(String paymentIntentId) {
        return ledger.entries(paymentIntentId).block();
    }

    private long intentsOfThisBooking() {
        return jdbc.sql("SELECT count(*) FROM sandbox_payment_intent WHERE metadata->>'booking_id' = :b")
                .param("b", booking).query(Long.class).single();
    }

    private static Map<String, Object> row(String paymentIntentId) {
        Map<String, Object> row = jdbc.sql("SELECT * FROM sandbox_payment_intent WHERE id = :id")
                .param("id", paymentIntentId).query().singleRow();
        row.replaceAll((column, value) -> value instanceof String s ? s.strip() : value);
        return row;
    }

    private static void refused(Mono<?> call, Reason reason) {
        assertThatThrownBy(call::block).isInstanceOfSatisfying(PaymentRejectedException.class, e ->
                assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason));
    }

    private static void conflict(Mono<?> call) {
        assertThatThrownBy(call::block).isInstanceOfSatisfying(PaymentRejectedException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.IDEMPOTENCY_KEY_REUSED);
            assertThat(e.isIdempotencyConflict()).isTrue();
        });
    }

    private static Money usd(String amount) {
        return Money.of(amount, "USD");
    }

    private static Money jpy(long amount) {
        return Money.of(Long.toString(amount), "JPY");
    }
}
