package io.movmo.booking.payments.stripe;

import com.stripe.StripeClient;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.CardException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentMethod;
import com.stripe.net.RequestOptions;
import com.stripe.param.common.EmptyParam;
import com.stripe.net.StripeResponse;
import com.stripe.param.CustomerUpdateParams;
import com.stripe.param.PaymentMethodAttachParams;
import com.stripe.param.PaymentMethodUpdateParams;
import io.movmo.booking.payments.methods.PaymentMethodRegistry;
import io.movmo.booking.payments.methods.PaymentMethodRejectedException;
import io.movmo.booking.payments.methods.PaymentProviderUnavailableException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The production {@link PaymentMethodRegistry}: Stripe PaymentMethods attached to Stripe Customers, through the same
 * {@link StripeClient} as {@link StripePaymentGateway} (API version pinned by the SDK, {@code movmo.stripe.*} timeouts
 * and retries). stripe-java blocks, so every call runs on {@link Schedulers#boundedElastic()}; the returned
 * {@code Mono}s are lazy. It keeps the sandbox's semantics ({@code SandboxPaymentMethodRegistry}): a payment method
 * belongs to one customer, attaching it again to that customer changes nothing, and detaching is quiet when there is
 * nothing to detach.
 *
 * <table>
 *   <caption>Operations</caption>
 *   <tr><th>port</th><th>Stripe</th></tr>
 *   <tr><td>{@link #attach}</td><td>{@code POST /v1/payment_methods/{pm}/attach} with {@code customer}, under the
 *       {@code Idempotency-Key} {@code payment_method:{pm}:attach:{customer}} (see {@link #attachKey}), so an attach
 *       repeated after a lost answer, by the caller or by stripe-java's own retries, is the same request.</td></tr>
 *   <tr><td>{@link #updateExpiry}</td><td>{@code POST /v1/payment_methods/{pm}} with {@code card[exp_month]} and
 *       {@code card[exp_year]}</td></tr>
 *   <tr><td>{@link #makeDefault}</td><td>{@code POST /v1/customers/{customer}} with
 *       {@code invoice_settings[default_payment_method]}</td></tr>
 *   <tr><td>{@link #detach}</td><td>{@code POST /v1/payment_methods/{pm}/detach}</td></tr>
 * </table>
 *
 * <p><b>What Stripe answers, as far as it is documented or observed</b> (Stripe's reference documents the endpoints
 * but not their refusals; these shapes are taken from Stripe's error-code list and from integrations that recorded
 * Stripe's answers, and the mapping is built so that a guess that turns out wrong fails safe):
 * <ul>
 *   <li>An unknown id in the path is {@code 404 invalid_request_error} {@code resource_missing} ("No such
 *       PaymentMethod", {@code param} {@code payment_method}; for a customer {@code param} {@code id}). An unknown
 *       id in the body is the same with {@code 400} and {@code param} naming the field ({@code customer},
 *       {@code invoice_settings[default_payment_method]}).</li>
 *   <li>Attaching a payment method again to the customer it is attached to answers {@code 200}, a no-op.
 *       Attaching one attached to another customer is {@code 400 invalid_request_error} ("The payment method you
 *       provided has already been attached to a customer.") without a {@code code} that says so. Attaching one that
 *       was detached, or used once without a customer, is refused the same way. So any {@code 400} on attach other
 *       than {@code resource_missing} is settled by reading the payment method ({@code GET /v1/payment_methods/{pm}})
 *       and comparing its {@code customer}: ours is success (covers a Stripe that refuses the same-customer
 *       re-attach too), another is "attached to another Stripe customer", none is a refusal of the payment method.
 *       Stripe's message text is never matched.</li>
 *   <li>An attach answered with {@code Idempotent-Replayed: true} is Stripe repeating an answer of up to 24 hours
 *       ago; the payment method may have been detached since (after which Stripe never attaches it again), so it is
 *       read back and only counted as attached if it still is.</li>
 *   <li>Attaching runs a card check; a card the issuer declines is {@code 402 card_error}, a refusal of the payment
 *       method.</li>
 *   <li>A bad expiry on update is {@code invalid_expiry_month} / {@code invalid_expiry_year} (whether Stripe sends it
 *       as a {@code card_error} or an {@code invalid_request_error}), or an {@code invalid_request_error} whose
 *       {@code param} is {@code card[exp_month]} / {@code card[exp_year]}.</li>
 *   <li>Making a payment method the default that is not attached to the customer is {@code 400
 *       invalid_request_error} with {@code param} {@code invoice_settings[default_payment_method]} ("The customer
 *       does not have a payment method with the ID ..."); whether Stripe codes it {@code resource_missing}, or an
 *       unknown id there differently, is not documented, so any refusal naming that param is "not attached to this
 *       Stripe customer", which is true of both.</li>
 *   <li>Detaching one that is not attached is {@code 400 invalid_request_error} ("...is not attached to a customer
 *       so detachment is impossible.") with no {@code code}: it is read back, and quiet if it has no customer.</li>
 * </ul>
 *
 * <table>
 *   <caption>What the caller gets</caption>
 *   <tr><td>the refusals above, any other {@code 400}/{@code 404} {@code invalid_request_error},
 *       {@code card_error}</td><td>{@link PaymentMethodRejectedException} naming {@code customerId},
 *       {@code paymentMethodId}, {@code expMonth} or {@code expYear}</td></tr>
 *   <tr><td>401, 403, 429, 409, 5xx, {@code idempotency_error}, any other status, connection failures and timeouts
 *       (after stripe-java's {@code max-network-retries})</td><td>{@link PaymentProviderUnavailableException}</td></tr>
 * </table>
 *
 * <p>Nothing here logs. Messages name the operation, HTTP status, Stripe's error code and request id; never Stripe's
 * own text, the API key or request bodies, and Stripe's exceptions are not kept as causes (they hold Stripe's full
 * answer). A restricted key needs write access to PaymentMethods and Customers.
 */
public class StripePaymentMethodRegistry implements PaymentMethodRegistry {

    static final String MISSING_PAYMENT_METHOD = "'paymentMethodId' does not exist at Stripe";
    static final String MISSING_CUSTOMER = "'customerId' does not exist at Stripe";
    static final String ANOTHER_CUSTOMER = "'paymentMethodId' is attached to another Stripe customer";
    static final String NOT_THIS_CUSTOMERS = "'paymentMethodId' is not attached to this Stripe customer";
    static final String DETACHED = "'paymentMethodId' was detached at Stripe and cannot be attached again";
    static final String BAD_EXP_MONTH = "'expMonth' is not an expiry month Stripe accepts";
    static final String BAD_EXP_YEAR = "'expYear' is not an expiry year Stripe accepts";

    /** Stripe's limit on an {@code Idempotency-Key}. */
    static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;

    private static final String RESOURCE_MISSING = "resource_missing";
    private static final String PAYMENT_METHOD_ID = "paymentMethodId";
    private static final String DEFAULT_PAYMENT_METHOD_PARAM = "invoice_settings[default_payment_method]";

    private final StripeClient stripe;

    /** Talks to Stripe as {@code properties} say; refuses to start without an API key. */
    public StripePaymentMethodRegistry(StripeProperties properties) {
        this(StripePaymentGateway.client(properties));
    }

    /** Uses {@code stripe} as configured (the engine shares one client with {@link StripePaymentGateway}). */
    public StripePaymentMethodRegistry(StripeClient stripe) {
        this.stripe = Objects.requireNonNull(stripe, "stripe");
    }

    @Override
    public Mono<Void> attach(String customerId, String paymentMethodId) {
        return blocking(() -> {
            requireId(customerId, "customerId");
            requireId(paymentMethodId, PAYMENT_METHOD_ID);
            PaymentMethod attached;
            try {
                attached = stripe.v1().paymentMethods().attach(paymentMethodId,
                        PaymentMethodAttachParams.builder().setCustomer(customerId).build(),
                        RequestOptions.builder().setIdempotencyKey(attachKey(customerId, paymentMethodId)).build());
            } catch (InvalidRequestException e) {
                if (RESOURCE_MISSING.equals(e.getCode())) {
                    throw rejected(isParam(e, "customer") ? "customerId" : PAYMENT_METHOD_ID,
                            isParam(e, "customer") ? MISSING_CUSTOMER : MISSING_PAYMENT_METHOD);
                }
                // Refused for the payment method's state, which Stripe does not code: whose is it?
                requireAttachedTo(customerId, paymentMethodId,
                        rejected(PAYMENT_METHOD_ID, refusal("attach", e)));
                return;
            } catch (CardException e) {
                throw rejected(PAYMENT_METHOD_ID, "'paymentMethodId' was declined when Stripe checked the card ("
                        + (e.getCode() == null ? "card_declined" : e.getCode())
                        + (e.getDeclineCode() == null ? "" : ", " + e.getDeclineCode()) + ")");
            } catch (StripeException e) {
                throw unavailable("attach", e);
            }
            if (replayed(attached)) {
                // Stripe repeated an earlier answer; it may have been detached since.
                requireAttachedTo(customerId, paymentMethodId, rejected(PAYMENT_METHOD_ID, DETACHED));
            }
        });
    }

    @Override
    public Mono<Void> updateExpiry(String paymentMethodId, int expMonth, int expYear) {
        return blocking(() -> {
            requireId(paymentMethodId, PAYMENT_METHOD_ID);
            try {
                stripe.v1().paymentMethods().update(paymentMethodId, PaymentMethodUpdateParams.builder()
                        .setCard(PaymentMethodUpdateParams.Card.builder()
                                .setExpMonth((long) expMonth)
                                .setExpYear((long) expYear)
                                .build())
                        .build(), RequestOptions.getDefault());
            } catch (InvalidRequestException | CardException e) {
                String code = e.getCode() == null ? "" : e.getCode();
                if (code.equals("invalid_expiry_month") || isParam(e, "card[exp_month]")) {
                    throw rejected("expMonth", BAD_EXP_MONTH);
                }
                if (code.equals("invalid_expiry_year") || isParam(e, "card[exp_year]")) {
                    throw rejected("expYear", BAD_EXP_YEAR);
                }
                if (code.equals(RESOURCE_MISSING)) {
                    throw rejected(PAYMENT_METHOD_ID, MISSING_PAYMENT_METHOD);
                }
                throw rejected(PAYMENT_METHOD_ID, refusal("update", e));
            } catch (StripeException e) {
                throw unavailable("update", e);
            }
        });
    }

    @Override
    public Mono<Void> makeDefault(String customerId, String paymentMethodId) {
        return blocking(() -> {
            requireId(customerId, "customerId");
            requireId(paymentMethodId, PAYMENT_METHOD_ID);
            try {
                stripe.v1().customers().update(customerId, CustomerUpdateParams.builder()
                        .setInvoiceSettings(CustomerUpdateParams.InvoiceSettings.builder()
                                .setDefaultPaymentMethod(paymentMethodId)
                                .build())
                        .build(), RequestOptions.getDefault());
            } catch (InvalidRequestException e) {
                if (isParam(e, DEFAULT_PAYMENT_METHOD_PARAM)) {
                    // unattached or unknown alike: either way it is not this customer's
                    throw rejected(PAYMENT_METHOD_ID, NOT_THIS_CUSTOMERS);
                }
                if (RESOURCE_MISSING.equals(e.getCode())) { // the customer in the path
                    throw rejected("customerId", MISSING_CUSTOMER);
                }
                throw rejected(PAYMENT_METHOD_ID, refusal("make default", e));
            } catch (StripeException e) {
                throw unavailable("make default", e);
            }
        });
    }

    @Override
    public Mono<Void> clearDefault(String customerId) {
        return blocking(() -> {
            requireId(customerId, "customerId");
            try {
                stripe.v1().customers().update(customerId, CustomerUpdateParams.builder()
                        .setInvoiceSettings(CustomerUpdateParams.InvoiceSettings.builder()
                                .setDefaultPaymentMethod(EmptyParam.EMPTY)
                                .build())
                        .build(), RequestOptions.getDefault());
            } catch (InvalidRequestException e) {
                if (RESOURCE_MISSING.equals(e.getCode())) {
                    throw rejected("customerId", MISSING_CUSTOMER);
                }
                throw rejected("customerId", refusal("clear default", e));
            } catch (StripeException e) {
                throw unavailable("clear default", e);
            }
        });
    }

    @Override
    public Mono<Void> detach(String paymentMethodId) {
        return blocking(() -> {
            requireId(paymentMethodId, PAYMENT_METHOD_ID);
            try {
                stripe.v1().paymentMethods().detach(paymentMethodId, RequestOptions.getDefault());
            } catch (InvalidRequestException e) {
                if (RESOURCE_MISSING.equals(e.getCode())) {
                    return; // unknown to Stripe: nothing to detach
                }
                // Stripe refuses to detach one that is not attached, without a code that says so: is it?
                String customer = customerOf(paymentMethodId, "detach");
                if (customer != null) {
                    throw rejected(PAYMENT_METHOD_ID, refusal("detach", e));
                }
            } catch (StripeException e) {
                throw unavailable("detach", e);
            }
        });
    }

    /**
     * The {@code Idempotency-Key} of attaching {@code paymentMethodId} to {@code customerId}:
     * {@code payment_method:{pm}:attach:{customer}}, or, for ids too long for Stripe's 255 characters, the same
     * text's SHA-256. The same pair always gives the same key and so the same request, replayed by Stripe for at least
     * 24 hours.
     */
    static String attachKey(String customerId, String paymentMethodId) {
        String key = "payment_method:" + paymentMethodId + ":attach:" + customerId;
        if (key.length() <= MAX_IDEMPOTENCY_KEY_LENGTH) {
            return key;
        }
        try {
            return "payment_method_attach:" + HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** Returns if {@code paymentMethodId} is attached to {@code customerId}; else throws why not. */
    private void requireAttachedTo(String customerId, String paymentMethodId,
            PaymentMethodRejectedException otherwise) {
        String customer = customerOf(paymentMethodId, "attach");
        if (customerId.equals(customer)) {
            return;
        }
        throw customer != null ? rejected(PAYMENT_METHOD_ID, ANOTHER_CUSTOMER) : otherwise;
    }

    /** The customer {@code paymentMethodId} is attached to at Stripe, or null if none or unknown to Stripe. */
    private String customerOf(String paymentMethodId, String operation) {
        PaymentMethod paymentMethod;
        try {
            paymentMethod = stripe.v1().paymentMethods().retrieve(paymentMethodId, RequestOptions.getDefault());
        } catch (InvalidRequestException e) {
            if (RESOURCE_MISSING.equals(e.getCode())) {
                return null;
            }
            throw unavailable(operation, e);
        } catch (StripeException e) {
            throw unavailable(operation, e);
        }
        return paymentMethod.getCustomer();
    }

    private static boolean replayed(PaymentMethod answer) {
        StripeResponse response = answer == null ? null : answer.getLastResponse();
        return response != null && response.headers() != null
                && response.headers().firstValue("Idempotent-Replayed").map("true"::equalsIgnoreCase).orElse(false);
    }

    private static boolean isParam(StripeException e, String param) {
        String actual = e instanceof InvalidRequestException invalid ? invalid.getParam()
                : e instanceof CardException card ? card.getParam() : null;
        return param.equals(actual);
    }

    private static PaymentMethodRejectedException rejected(String field, String rule) {
        return new PaymentMethodRejectedException(field, rule);
    }

    /** A refusal this adapter does not know by code: what was refused, and Stripe's status, code and request id. */
    private static String refusal(String operation, StripeException e) {
        return "Stripe refused to " + operation + " 'paymentMethodId' (" + StripePaymentGateway.describe(e) + ")";
    }

    private static PaymentProviderUnavailableException unavailable(String operation, StripeException e) {
        String why = e instanceof AuthenticationException ? "API key refused, " + StripePaymentGateway.describe(e)
                : StripePaymentGateway.describe(e);
        return new PaymentProviderUnavailableException("Stripe payment method " + operation + " failed: " + why, null);
    }

    private static void requireId(String id, String field) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a payment method change needs '" + field + "'");
        }
    }

    private static Mono<Void> blocking(StripeWork work) {
        return Mono.fromCallable(() -> {
            work.run();
            return Boolean.TRUE;
        }).subscribeOn(Schedulers.boundedElastic()).then();
    }

    @FunctionalInterface
    private interface StripeWork {
        void run();
    }
}
