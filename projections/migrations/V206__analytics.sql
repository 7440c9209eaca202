-- Schema analytics: the documented, read-only views analysts query (projections/README.md, "Analysts"), and the role
-- movmo_analyst that may read them and nothing else. The views read the bookings read model (processing group
-- bookings); they run with their owner's rights (the migrating user), so the role needs no right on the tables
-- underneath, and gets none. Days are UTC dates.
CREATE SCHEMA IF NOT EXISTS analytics;
COMMENT ON SCHEMA analytics IS 'Read-only views for analysts (projections/README.md). No personal data.';

-- Bookings requested per UTC day, provider and current status, with their totals per currency.
CREATE VIEW analytics.bookings_daily AS
SELECT (b.created_at AT TIME ZONE 'UTC')::date AS day,
       b.provider_id,
       b.status,
       b.currency,
       count(*)                                AS bookings,
       sum(b.total_amount)                     AS total_amount
FROM booking b
GROUP BY 1, 2, 3, 4;

-- The booking funnel per UTC day of request and provider: how many bookings reached each step (ever), and how many
-- ended failed or cancelled. A booking retried after a price change counts once per step.
CREATE VIEW analytics.booking_funnel AS
SELECT (b.created_at AT TIME ZONE 'UTC')::date                                          AS day,
       b.provider_id,
       count(*)                                                                         AS requested,
       count(*) FILTER (WHERE e.authorized)                                             AS payment_authorized,
       count(*) FILTER (WHERE e.order_created)                                          AS order_created,
       count(*) FILTER (WHERE e.captured)                                               AS payment_captured,
       count(*) FILTER (WHERE e.confirmed)                                              AS confirmed,
       count(*) FILTER (WHERE e.price_changed)                                          AS price_changed,
       count(*) FILTER (WHERE b.status = 'failed')                                      AS failed,
       count(*) FILTER (WHERE b.status = 'cancelled')                                   AS cancelled
FROM booking b
JOIN LATERAL (
    SELECT bool_or(ev.event_type = 'PaymentAuthorized')    AS authorized,
           bool_or(ev.event_type = 'ProviderOrderCreated') AS order_created,
           bool_or(ev.event_type = 'PaymentCaptured')      AS captured,
           bool_or(ev.event_type = 'BookingConfirmed')     AS confirmed,
           bool_or(ev.event_type = 'BookingPriceChanged')  AS price_changed
    FROM booking_event ev
    WHERE ev.booking_id = b.booking_id
) e ON true
GROUP BY 1, 2;

-- Why bookings failed: every failure (a price change included, retried or not) per UTC day it happened, provider
-- and reason (BookingEvents.FailureReason codes).
CREATE VIEW analytics.booking_failures AS
SELECT (ev.occurred_at AT TIME ZONE 'UTC')::date AS day,
       b.provider_id,
       ev.failure_reason,
       count(*)                                  AS failures,
       count(DISTINCT ev.booking_id)             AS bookings
FROM booking_event ev
JOIN booking b ON b.booking_id = ev.booking_id
WHERE ev.failure_reason IS NOT NULL
GROUP BY 1, 2, 3;

-- How often providers change the price: per UTC day of request and provider, the bookings, those that met at least
-- one price change, the price changes, the bookings retried at the new price, and the share with a price change.
CREATE VIEW analytics.price_changes AS
SELECT (b.created_at AT TIME ZONE 'UTC')::date                                   AS day,
       b.provider_id,
       count(*)                                                                  AS bookings,
       count(*) FILTER (WHERE b.price_change_count > 0)                          AS bookings_with_price_change,
       sum(b.price_change_count)                                                 AS price_changes,
       count(*) FILTER (WHERE EXISTS (SELECT 1 FROM booking_event ev WHERE ev.booking_id = b.booking_id
                                        AND ev.event_type = 'BookingRetryRequested')) AS retried,
       round(count(*) FILTER (WHERE b.price_change_count > 0)::numeric / count(*), 4) AS price_change_rate
FROM booking b
GROUP BY 1, 2;

-- From the authorization that was captured (the latest) to its capture, per captured booking.
CREATE VIEW analytics.authorization_to_capture AS
SELECT b.booking_id,
       b.provider_id,
       (b.captured_at AT TIME ZONE 'UTC')::date              AS day,
       b.authorized_at,
       b.captured_at,
       extract(epoch FROM b.captured_at - b.authorized_at)   AS seconds
FROM booking b
WHERE b.captured_at IS NOT NULL AND b.authorized_at IS NOT NULL;

-- The same per UTC day of capture and provider: captures, mean, median, 95th percentile and longest, in seconds.
CREATE VIEW analytics.authorization_to_capture_daily AS
SELECT day,
       provider_id,
       count(*)                                                   AS captures,
       round(avg(seconds), 3)                                     AS avg_seconds,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds)       AS p50_seconds,
       percentile_cont(0.95) WITHIN GROUP (ORDER BY seconds)      AS p95_seconds,
       max(seconds)                                               AS max_seconds
FROM analytics.authorization_to_capture
GROUP BY 1, 2;

-- Confirmed bookings and revenue per provider per UTC day of confirmation and currency. Revenue is what was captured
-- (the total when no capture was recorded); a booking confirmed and later cancelled still counts on the day it was
-- confirmed, and what was refunded for it is subtracted in net_revenue.
CREATE VIEW analytics.confirmed_revenue_daily AS
SELECT (b.confirmed_at AT TIME ZONE 'UTC')::date                         AS day,
       b.provider_id,
       coalesce(b.captured_currency, b.currency)                        AS currency,
       count(*)                                                          AS confirmed_bookings,
       sum(coalesce(b.captured_amount, b.total_amount))                  AS gross_revenue,
       sum(coalesce(b.refunded_amount, 0))                               AS refunded,
       sum(coalesce(b.captured_amount, b.total_amount) - coalesce(b.refunded_amount, 0)) AS net_revenue
FROM booking b
WHERE b.confirmed_at IS NOT NULL
GROUP BY 1, 2, 3;

-- The read-only role. Roles belong to the whole PostgreSQL cluster, so it may exist already (another database of the
-- cluster migrated first, or ops created it): created only when missing, and a concurrent creation is no error. It
-- cannot log in; ops grant it to people (GRANT movmo_analyst TO alice) or give it a login of its own (see
-- projections/README.md). A migrating user not allowed to create roles leaves it to ops: the grants below are then
-- skipped with a notice, and the README gives the statements to run.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'movmo_analyst') THEN
        BEGIN
            CREATE ROLE movmo_analyst NOLOGIN;
        EXCEPTION
            WHEN duplicate_object OR unique_violation THEN
                NULL; -- created meanwhile by a migration of another database of the cluster
            WHEN insufficient_privilege THEN
                RAISE NOTICE 'movmo_analyst not created (no CREATEROLE): ops create it and run the grants of projections/README.md';
        END;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'movmo_analyst') THEN
        GRANT USAGE ON SCHEMA analytics TO movmo_analyst;
        GRANT SELECT ON ALL TABLES IN SCHEMA analytics TO movmo_analyst;
        -- views added to the schema later by the same (migrating) user are readable too
        ALTER DEFAULT PRIVILEGES IN SCHEMA analytics GRANT SELECT ON TABLES TO movmo_analyst;
    END IF;
END
$$;
