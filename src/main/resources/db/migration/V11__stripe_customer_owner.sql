-- stripe_customer_owner: which user each Stripe customer belongs to, claimed by the user's first saved payment method.
-- A user has one Stripe customer and a customer one user, so nobody can save (and later charge) a payment method
-- attached to somebody else's customer, or change that customer's default at Stripe.
CREATE TABLE stripe_customer_owner (
    customer_id  TEXT         PRIMARY KEY,
    user_id      UUID         NOT NULL UNIQUE,
    claimed_at   TIMESTAMPTZ  NOT NULL DEFAULT now()
);
