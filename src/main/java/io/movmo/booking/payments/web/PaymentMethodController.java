package io.movmo.booking.payments.web;

import io.movmo.booking.payments.api.AwaitPaymentMethodQuery;
import io.movmo.booking.payments.api.PaymentMethodCommands;
import io.movmo.booking.payments.api.PaymentMethodCommands.AddPaymentMethod;
import io.movmo.booking.payments.api.PaymentMethodCommands.DuplicatePaymentMethod;
import io.movmo.booking.payments.api.PaymentMethodCommands.PaymentMethodNotFound;
import io.movmo.booking.payments.api.PaymentMethodCommands.RemovePaymentMethod;
import io.movmo.booking.payments.api.PaymentMethodCommands.UpdatePaymentMethod;
import io.movmo.booking.payments.methods.PaymentMethodRegistry;
import io.movmo.booking.payments.methods.PaymentMethodRejectedException;
import io.movmo.booking.payments.methods.PaymentProviderUnavailableException;
import io.movmo.booking.platform.axon.AppendConflicts;
import io.movmo.booking.platform.axon.ReadYourWrites;
import io.movmo.booking.profile.api.KnownUsers;
import io.movmo.booking.shared.UserId;
import io.movmo.booking.web.ApiException;
import io.movmo.booking.web.FieldValidationException;
import io.movmo.booking.web.PathIds;
import io.r2dbc.spi.Row;
import jakarta.validation.Valid;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.axonframework.extensions.reactor.commandhandling.gateway.ReactorCommandGateway;
import org.axonframework.extensions.reactor.queryhandling.gateway.ReactorQueryGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The seed's Payments tag: a user's saved payment methods. Stripe changes first (attach, update, make default,
 * detach), the engine records after, so a Stripe failure records nothing here (502; Stripe's side may be partly
 * done, and every step is safe to repeat) and a refusal Stripe explains is a 400 naming the field. Each user has one
 * Stripe customer, claimed by their first saved method. Owner-only (RouteAuthorization); another user's method id is 404. {@code token} is never
 * stored or returned.
 */
@RestController
class PaymentMethodController {

    private static final Logger log = LoggerFactory.getLogger(PaymentMethodController.class);
    private static final String METHODS = "/v1/users/{userid}/payment-methods";

    private final DatabaseClient db;
    private final ReactorCommandGateway commands;
    private final ReactorQueryGateway queries;
    private final PaymentMethodRegistry stripe;
    private final Duration wait;

    PaymentMethodController(DatabaseClient db, ReactorCommandGateway commands, ReactorQueryGateway queries,
            PaymentMethodRegistry stripe, @Value("${movmo.payments.read-model-wait:3s}") Duration wait) {
        this.db = db;
        this.commands = commands;
        this.queries = queries;
        this.stripe = stripe;
        this.wait = wait;
    }

    /** The seed's {@code PaymentMethod} as read (no {@code token}). */
    record PaymentMethodView(String id, String userId, String customerId, String paymentMethodId, String methodType,
            String last4, String brand, int expMonth, int expYear, boolean isDefault, Instant createdAt,
            Instant updatedAt) {

        static PaymentMethodView of(Row row) {
            return new PaymentMethodView(row.get("method_id", UUID.class).toString(),
                    row.get("user_id", UUID.class).toString(), row.get("customer_id", String.class),
                    row.get("stripe_payment_method_id", String.class), row.get("method_type", String.class),
                    row.get("last4", String.class), row.get("brand", String.class),
                    row.get("exp_month", Short.class), row.get("exp_year", Short.class),
                    Boolean.TRUE.equals(row.get("is_default", Boolean.class)), instant(row, "created_at"),
                    instant(row, "updated_at"));
        }
    }

    record CreatedId(String id) {}

    @GetMapping(path = METHODS, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<List<PaymentMethodView>> list(@PathVariable("userid") String userId) {
        UserId user = user(userId);
        return KnownUsers.require(queries, user)
                .thenMany(db.sql("""
                                SELECT * FROM payment_method WHERE user_id = :user AND removed_at IS NULL
                                ORDER BY created_at, method_id""")
                        .bind("user", UUID.fromString(user.value()))
                        .map((row, meta) -> PaymentMethodView.of(row))
                        .all())
                .collectList();
    }

    @GetMapping(path = METHODS + "/{methodid}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<PaymentMethodView> get(@PathVariable("userid") String userId, @PathVariable("methodid") String methodId) {
        return stored(user(userId), method(methodId));
    }

    @PostMapping(path = METHODS, consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    Mono<CreatedId> create(@PathVariable("userid") String userId, @Valid @RequestBody PaymentMethodRequest body) {
        UserId user = user(userId);
        String methodId = PaymentMethodCommands.methodIdFor(body.paymentMethodId());
        Instant at = now();
        return KnownUsers.require(queries, user)
                .then(claimCustomer(user, body.customerId()))
                .then(alreadySaved(methodId))
                .flatMap(saved -> saved
                        ? Mono.error(new ApiException(HttpStatus.CONFLICT, "this paymentMethodId is already saved"))
                        : Mono.empty())
                .then(stripe.attach(body.customerId(), body.paymentMethodId()))
                .then(body.makesDefault() ? stripe.makeDefault(body.customerId(), body.paymentMethodId()) : Mono.empty())
                .then(change(methodId, new AddPaymentMethod(methodId, user, body.card(), body.makesDefault(), at)))
                .thenReturn(new CreatedId(methodId))
                .onErrorMap(PaymentMethodController::providerError);
    }

    @PutMapping(path = METHODS + "/{methodid}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> update(@PathVariable("userid") String userId, @PathVariable("methodid") String methodId,
            @Valid @RequestBody PaymentMethodEditRequest body) {
        UserId user = user(userId);
        String id = method(methodId);
        Instant at = now();
        return stored(user, id).flatMap(current -> {
            int month = body.expMonth() == null ? current.expMonth() : body.expMonth();
            int year = body.expYear() == null ? current.expYear() : body.expYear();
            boolean isDefault = body.isDefault() == null ? current.isDefault() : body.isDefault();
            if (!PaymentMethodEditRequest.notExpired(month, year)) {
                return Mono.error(new FieldValidationException(body.expYear() == null ? "expMonth" : "expYear",
                        "makes the card expired (" + year + "-" + month + " is before the current month)"));
            }
            boolean expiryChanged = month != current.expMonth() || year != current.expYear();
            return (expiryChanged ? stripe.updateExpiry(current.paymentMethodId(), month, year) : Mono.<Void>empty())
                    .then(isDefault && !current.isDefault()
                            ? stripe.makeDefault(current.customerId(), current.paymentMethodId())
                            : !isDefault && current.isDefault() ? stripe.clearDefault(current.customerId()) : Mono.<Void>empty())
                    .then(change(id, new UpdatePaymentMethod(id, user, month, year, isDefault, at)));
        }).onErrorMap(PaymentMethodController::providerError);
    }

    @DeleteMapping(METHODS + "/{methodid}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete(@PathVariable("userid") String userId, @PathVariable("methodid") String methodId) {
        UserId user = user(userId);
        String id = method(methodId);
        return stored(user, id)
                .flatMap(current -> stripe.detach(current.paymentMethodId()))
                // Stripe refusing to detach a method the engine knows attached is Stripe's state to sort out, not the
                // partner's request: the method stays saved, and the partner may try again.
                .onErrorMap(PaymentMethodRejectedException.class, e -> new PaymentProviderUnavailableException(
                        "Stripe refused to detach the payment method: " + e.getMessage(), null))
                .then(change(id, new RemovePaymentMethod(id, user, now())))
                .onErrorMap(PaymentMethodController::providerError);
    }

    private Mono<PaymentMethodView> stored(UserId user, String methodId) {
        return db.sql("SELECT * FROM payment_method WHERE method_id = :id AND user_id = :user AND removed_at IS NULL")
                .bind("id", UUID.fromString(methodId)).bind("user", UUID.fromString(user.value()))
                .map((row, meta) -> PaymentMethodView.of(row))
                .one()
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("payment method not found")));
    }

    /**
     * The user's Stripe customer: the first saved payment method claims {@code customerId} for the user, and every
     * later one must name the same customer. A customer another user claimed is refused. Without this a user could
     * save (and the saga later charge off-session) a card attached to somebody else's customer.
     */
    private Mono<Void> claimCustomer(UserId user, String customerId) {
        UUID userId = UUID.fromString(user.value());
        return db.sql("INSERT INTO stripe_customer_owner (customer_id, user_id) VALUES (:customer, :user) ON CONFLICT DO NOTHING")
                .bind("customer", customerId).bind("user", userId).fetch().rowsUpdated()
                .then(db.sql("SELECT customer_id, user_id FROM stripe_customer_owner WHERE customer_id = :customer OR user_id = :user")
                        .bind("customer", customerId).bind("user", userId)
                        .map((row, meta) -> new String[] {row.get("customer_id", String.class), row.get("user_id", UUID.class).toString()})
                        .all()
                        .collectList())
                .flatMap(claims -> {
                    for (String[] claim : claims) {
                        if (claim[0].equals(customerId) && !claim[1].equals(user.value())) {
                            return Mono.error(new FieldValidationException("customerId", "belongs to another user"));
                        }
                        if (claim[1].equals(user.value()) && !claim[0].equals(customerId)) {
                            return Mono.error(new FieldValidationException("customerId",
                                    "must be this user's Stripe customer, " + claim[0]));
                        }
                    }
                    return Mono.empty();
                });
    }

    private Mono<Boolean> alreadySaved(String methodId) {
        return db.sql("SELECT count(*) AS n FROM payment_method WHERE method_id = :id AND removed_at IS NULL")
                .bind("id", UUID.fromString(methodId))
                .map((row, meta) -> row.get("n", Long.class) > 0)
                .one();
    }

    private Mono<Void> change(String methodId, Object command) {
        return commands.<Long>send(command)
                .retryWhen(AppendConflicts.retry())
                .onErrorMap(error -> {
                    if (error instanceof AggregateNotFoundException || error instanceof PaymentMethodNotFound) {
                        return ApiException.notFound("payment method not found");
                    }
                    if (error instanceof DuplicatePaymentMethod) {
                        return new ApiException(HttpStatus.CONFLICT, error.getMessage());
                    }
                    return error;
                })
                .flatMap(version -> ReadYourWrites.await(queries, new AwaitPaymentMethodQuery(methodId, version), wait));
    }

    private static Throwable providerError(Throwable error) {
        if (error instanceof PaymentMethodRejectedException rejected) {
            return new FieldValidationException(rejected.field(), rejected.getMessage().replaceFirst("^'[^']*' ", ""));
        }
        if (error instanceof PaymentProviderUnavailableException unavailable) {
            log.warn("Payment method change failed at the payment provider: {}", unavailable.getMessage());
            return new ApiException(HttpStatus.BAD_GATEWAY,
                    "the payment provider is unavailable; the request is safe to repeat, try again shortly");
        }
        return error;
    }

    private static UserId user(String userId) {
        return PathIds.user(userId);
    }

    private static String method(String methodId) {
        return PathIds.uuid(methodId, "payment method").toString();
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.get(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
