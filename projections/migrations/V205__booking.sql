-- booking, booking_passenger, booking_seat_selection and booking_event: bookings as the bookings read model holds
-- them (processing group bookings, BookingProjection). No personal data: the passengers' names, contact details and
-- documents stay sealed in the events (BookingRequestedEvent.details) and in the saved passengers' own rows; here are
-- ids, amounts, states, the trip's airports and dates, and seat numbers.
CREATE TABLE booking (
    booking_id               UUID         PRIMARY KEY,
    user_id                  UUID         NOT NULL,
    partner_id               TEXT         NOT NULL,
    provider_id              TEXT         NOT NULL,   -- amadeus, duffel, dohop, darwin
    flight_offer_id          TEXT,                    -- the engine's offer (off_<provider>_…), when there is one
    provider_offer_id        TEXT,                    -- the provider's own offer id
    provider_order_id        TEXT,
    airline_pnr              TEXT,
    payment_method_id        TEXT,
    payment_intent_id        TEXT,                    -- the latest authorization (a retry's replaces the first's)
    order_type               TEXT,                    -- instant or hold
    total_amount             NUMERIC      NOT NULL,   -- what is (to be) authorized; a retry's new total replaces it
    currency                 CHAR(3)      NOT NULL,
    status                   TEXT         NOT NULL,   -- pending, payment_authorized, booking_created,
                                                      -- payment_captured, confirmed, failed, cancelled
    idempotency_key          TEXT         NOT NULL,
    -- The trip, denormalized at booking time. Dates are the airline's local date-times as the offer gives them
    -- (no time zone), so they are kept as text; their first ten characters are the local date.
    trip_type                TEXT,
    origin_city              TEXT,
    origin_iata_code         TEXT,
    destination_city         TEXT,
    destination_iata_code    TEXT,
    departure_at             TEXT,
    return_at                TEXT,
    airline_name             TEXT,
    airline_iata_code        TEXT,
    airline_logo_url         TEXT,
    passenger_count          INTEGER      NOT NULL,
    adult_count              INTEGER      NOT NULL,
    child_count              INTEGER      NOT NULL,
    infant_count             INTEGER      NOT NULL,
    held                     BOOLEAN      NOT NULL DEFAULT false,
    payment_required_by      TIMESTAMPTZ,
    failure_reason           TEXT,                    -- FailureReason.code(): card_declined, price_changed, …
    failure_message          TEXT,
    -- A price change waiting for the user (cleared by a retry).
    price_change_old_amount   NUMERIC,
    price_change_old_currency CHAR(3),
    price_change_new_amount   NUMERIC,
    price_change_new_currency CHAR(3),
    price_change_order_id     TEXT,
    price_change_expires_at   TIMESTAMPTZ,
    price_change_message      TEXT,
    price_change_count        INTEGER     NOT NULL DEFAULT 0,   -- price changes over the booking's life
    authorized_at            TIMESTAMPTZ,             -- the latest authorization
    captured_amount          NUMERIC,
    captured_currency        CHAR(3),
    captured_at              TIMESTAMPTZ,
    confirmed_at             TIMESTAMPTZ,
    refund_amount            NUMERIC,                 -- what the cancellation said goes back to the card
    refund_currency          CHAR(3),
    refunded_amount          NUMERIC,                 -- what the payment gateway accepted to refund (sum)
    refunded_currency        CHAR(3),
    cancellation_reason      TEXT,
    cancelled_at             TIMESTAMPTZ,
    created_at               TIMESTAMPTZ  NOT NULL,
    updated_at               TIMESTAMPTZ  NOT NULL,
    -- Sequence number of the booking's latest event applied here: writes are ordered and idempotent by it, and
    -- read-your-writes waits for it.
    version                  BIGINT       NOT NULL
);
CREATE INDEX booking_by_user ON booking (user_id, created_at);
CREATE INDEX booking_by_day ON booking (created_at, provider_id);

CREATE TABLE booking_passenger (
    booking_id             UUID     NOT NULL REFERENCES booking (booking_id) ON DELETE CASCADE,
    provider_passenger_id  TEXT     NOT NULL,
    position               INTEGER  NOT NULL,   -- order in the booking request
    user_passenger_id      UUID,                -- the user's saved passenger, when it is one
    traveler_type          TEXT,                -- adult, child, infant as booked
    ticket_number          TEXT,
    fare_basis_code        TEXT,
    PRIMARY KEY (booking_id, provider_passenger_id)
);

CREATE TABLE booking_seat_selection (
    id                     UUID         PRIMARY KEY,   -- name-based UUID of booking, segment and passenger
    booking_id             UUID         NOT NULL REFERENCES booking (booking_id) ON DELETE CASCADE,
    position               INTEGER      NOT NULL,   -- order in the booking request
    user_passenger_id      UUID,
    provider_passenger_id  TEXT         NOT NULL,
    segment_id             TEXT         NOT NULL,
    seat_number            TEXT         NOT NULL,
    seat_row               TEXT,
    seat_column            TEXT,
    price                  NUMERIC,
    currency               CHAR(3),
    created_at             TIMESTAMPTZ  NOT NULL,
    updated_at             TIMESTAMPTZ  NOT NULL
);
CREATE INDEX booking_seat_selection_by_booking ON booking_seat_selection (booking_id, position);

-- Every event of every booking, in order: the funnel and the time from authorization to capture are read from it.
CREATE TABLE booking_event (
    booking_id      UUID         NOT NULL REFERENCES booking (booking_id) ON DELETE CASCADE,
    sequence        BIGINT       NOT NULL,   -- the event's aggregate sequence number
    event_type      TEXT         NOT NULL,   -- e.g. BookingRequested, PaymentAuthorized, BookingConfirmed
    occurred_at     TIMESTAMPTZ  NOT NULL,
    status          TEXT         NOT NULL,   -- the booking's status after the event
    failure_reason  TEXT,
    amount          NUMERIC,
    currency        CHAR(3),
    PRIMARY KEY (booking_id, sequence)
);
CREATE INDEX booking_event_by_type ON booking_event (event_type, occurred_at);
