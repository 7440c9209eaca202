-- Sandbox profile only: the sandbox's Stripe PaymentIntents (manual capture), written by SandboxPaymentGateway and
-- read by SandboxLedger. Amounts are in ISO 4217 minor units of the intent's currency (cents for USD, whole yen for
-- JPY), as Money.toMinorUnits() gives them. Statuses are Stripe's.
CREATE TABLE sandbox_payment_intent (
    id                               TEXT         PRIMARY KEY,  -- pi_sandbox_…
    payment_method_id                TEXT         NOT NULL,     -- pm_card_visa, pm_card_chargeDeclined, …
    customer_id                      TEXT,
    off_session                      BOOLEAN      NOT NULL,
    currency                         CHAR(3)      NOT NULL,     -- ISO 4217, upper case
    amount_minor                     BIGINT       NOT NULL CHECK (amount_minor > 0),  -- asked for
    amount_capturable_minor          BIGINT       NOT NULL DEFAULT 0 CHECK (amount_capturable_minor >= 0),
    amount_received_minor            BIGINT       NOT NULL DEFAULT 0 CHECK (amount_received_minor >= 0),
    amount_refunded_minor            BIGINT       NOT NULL DEFAULT 0 CHECK (amount_refunded_minor >= 0),
    -- requires_payment_method (declined) | requires_action | requires_capture | canceled | succeeded
    status                           TEXT         NOT NULL,
    last_payment_error_code          TEXT,                      -- card_declined, authentication_required
    last_payment_error_decline_code  TEXT,                      -- generic_decline, insufficient_funds, …
    capture_before                   TIMESTAMPTZ,               -- set once authorized
    created_at                       TIMESTAMPTZ  NOT NULL,
    metadata                         JSONB        NOT NULL DEFAULT '{}',
    CHECK (amount_capturable_minor + amount_received_minor <= amount_minor),
    CHECK (amount_refunded_minor <= amount_received_minor)
);
CREATE INDEX sandbox_payment_intent_by_metadata ON sandbox_payment_intent USING gin (metadata);

-- What happened to each intent, in order, for tests and support: authorized | declined | requires_action | captured
-- | released (the rest of a partial capture) | voided (the hold a cancel released; 0 if nothing was held) | refunded.
CREATE TABLE sandbox_payment_ledger (
    id                 BIGSERIAL    PRIMARY KEY,
    payment_intent_id  TEXT         NOT NULL REFERENCES sandbox_payment_intent (id),
    kind               TEXT         NOT NULL,
    amount_minor       BIGINT       NOT NULL CHECK (amount_minor >= 0),
    reference          TEXT,        -- refunded: the refund id (re_sandbox_…); declined: code/decline_code
    idempotency_key    TEXT         NOT NULL,
    created_at         TIMESTAMPTZ  NOT NULL
);
CREATE INDEX sandbox_payment_ledger_by_intent ON sandbox_payment_ledger (payment_intent_id, id);

-- Idempotency keys as Stripe keeps them (24 hours): the operation, a SHA-256 fingerprint of its canonical parameters
-- and the outcome it came to, replayed for a repeat with the same parameters. A refused request stores nothing.
CREATE TABLE sandbox_idempotency_key (
    idempotency_key  TEXT         PRIMARY KEY,
    operation        TEXT         NOT NULL,  -- authorize | capture | void | refund
    fingerprint      TEXT         NOT NULL,  -- hex SHA-256 of the canonical request
    response         JSONB,                  -- the outcome; set in the transaction that claimed the key
    created_at       TIMESTAMPTZ  NOT NULL
);
CREATE INDEX sandbox_idempotency_key_by_age ON sandbox_idempotency_key (created_at);
