-- Sandbox profile only: the orders the sandbox flight-provider simulators created, so that retrieval, reconciliation
-- by our reference, hold payment, the price-change retry and cancellation behave like the real providers'.
CREATE TABLE sandbox_provider_order (
    order_id            TEXT         PRIMARY KEY,   -- ord_sbx_…
    provider            TEXT         NOT NULL,
    reference           TEXT         NOT NULL,      -- ours (the booking id)
    -- price_changed (waiting for the retry that accepts the new price) | held | confirmed | cancelled
    status              TEXT         NOT NULL,
    total_minor         BIGINT       NOT NULL,
    currency            CHAR(3)      NOT NULL,
    booking_reference   TEXT         NOT NULL,      -- the airline PNR the simulator made up
    scenario            TEXT,
    payment_required_by TIMESTAMPTZ,
    expires_at          TIMESTAMPTZ,                -- for price_changed: how long the new price stands
    created_at          TIMESTAMPTZ  NOT NULL
);
CREATE INDEX sandbox_provider_order_by_reference ON sandbox_provider_order (provider, reference);
