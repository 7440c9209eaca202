-- payment_method: users' saved payment methods (processing group payment-methods, PaymentMethodProjection).
-- Only Stripe references, the method type, card brand, last four digits and expiry are kept: none of it is
-- cardholder data under PCI DSS, and the card number and token never reach the engine's storage.
CREATE TABLE payment_method (
    method_id                 UUID         PRIMARY KEY,  -- derived from stripe_payment_method_id
    user_id                   UUID         NOT NULL,
    customer_id               TEXT         NOT NULL,     -- Stripe customer (cus_…)
    stripe_payment_method_id  TEXT         NOT NULL,     -- Stripe payment method (pm_…)
    method_type               TEXT         NOT NULL,     -- credit_card | paypal | googlepay | klarna
    brand                     TEXT         NOT NULL,     -- amex | visa | mastercard | discover
    last4                     CHAR(4)      NOT NULL,
    exp_month                 SMALLINT     NOT NULL,
    exp_year                  SMALLINT     NOT NULL,
    -- At most one default per user: making one the default clears the flag on the user's others.
    is_default                BOOLEAN      NOT NULL,
    created_at                TIMESTAMPTZ  NOT NULL,
    updated_at                TIMESTAMPTZ  NOT NULL,
    -- Deleted by its user (detached at Stripe): gone from the API, kept here for history until saved again.
    removed_at                TIMESTAMPTZ,
    version                   BIGINT       NOT NULL
);
CREATE INDEX payment_method_by_user ON payment_method (user_id, created_at) WHERE removed_at IS NULL;
CREATE UNIQUE INDEX payment_method_by_stripe_id ON payment_method (stripe_payment_method_id);
