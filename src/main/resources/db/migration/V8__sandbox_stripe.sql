-- Sandbox profile only: the sandbox's Stripe. Which customer each payment method is attached to (like Stripe, one
-- at most), its expiry as last set, and the customer's default.
CREATE TABLE sandbox_stripe_payment_method (
    payment_method_id    TEXT     PRIMARY KEY,
    customer_id          TEXT,              -- NULL once detached
    exp_month            SMALLINT,
    exp_year             SMALLINT,
    is_customer_default  BOOLEAN  NOT NULL DEFAULT false
);
