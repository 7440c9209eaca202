-- sandbox_stripe_payment_method (sandbox profile only): the sandbox's Stripe. Which customer each payment method is attached to (like Stripe, one
-- at most), its expiry as last set, and the customer's default.
CREATE TABLE sandbox_stripe_payment_method (
    payment_method_id    TEXT     PRIMARY KEY,
    customer_id          TEXT,              -- NULL once detached
    exp_month            SMALLINT,
    exp_year             SMALLINT,
    is_customer_default  BOOLEAN  NOT NULL DEFAULT false,
    detached             BOOLEAN  NOT NULL DEFAULT false  -- Stripe never attaches a detached payment method again
);

-- stripe_webhook_event: every Stripe event received at POST /v1/webhooks/stripe, once (a redelivery is acknowledged
-- and ignored). outcome: recorded (an engine event was published for the booking), unmatched (no booking_id in the
-- object's metadata), ignored (a type the engine does not use). Support reads it to trace a payment.
CREATE TABLE stripe_webhook_event (
    event_id     TEXT         PRIMARY KEY,
    event_type   TEXT         NOT NULL,
    object_id    TEXT,
    booking_id   TEXT,
    outcome      TEXT         NOT NULL,
    occurred_at  TIMESTAMPTZ  NOT NULL,
    received_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX stripe_webhook_event_by_object ON stripe_webhook_event (object_id);
