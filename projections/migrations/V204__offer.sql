-- offer and offer_passenger: partners' offers and users' passenger mappings (processing group offers,
-- OfferProjection). The provider-native payload is sealed (it can carry names and loyalty numbers after passenger
-- updates); the normalized offer is not personal data and is kept as JSON for the API, support and analysts.
CREATE TABLE offer (
    offer_id        TEXT         PRIMARY KEY,   -- off_<provider>_<random>
    provider        TEXT         NOT NULL,
    partner_id      TEXT         NOT NULL,
    raw_sealed      TEXT         NOT NULL,
    normalized      JSONB        NOT NULL,      -- the partner API's Offer, without the engine's id and timestamps
    total_amount    NUMERIC      NOT NULL,
    total_currency  CHAR(3)      NOT NULL,
    expires_at      TIMESTAMPTZ,
    priced_at       TIMESTAMPTZ,
    created_at      TIMESTAMPTZ  NOT NULL,
    updated_at      TIMESTAMPTZ  NOT NULL,
    version         BIGINT       NOT NULL
);
CREATE INDEX offer_by_partner ON offer (partner_id, created_at);

CREATE TABLE offer_passenger (
    offer_id               TEXT         NOT NULL REFERENCES offer (offer_id) ON DELETE CASCADE,
    user_id                UUID         NOT NULL,
    provider_passenger_id  TEXT         NOT NULL,
    user_passenger_id      UUID,
    mapped_at              TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (offer_id, user_id, provider_passenger_id)
);
