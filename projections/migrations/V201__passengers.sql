-- passenger and identity_document: a user's saved passengers and their identity documents (processing group
-- passengers, PassengerProjection). Names, contact details, birth dates, document numbers and document details are
-- personal data: stored sealed (AES-GCM under the passenger's data key), exactly as the events carry them, so
-- shredding the passenger's key shreds this copy too. What stays in clear names no one: owner, flags, document type
-- and issuing country, timestamps.
CREATE TABLE passenger (
    passenger_id    UUID         PRIMARY KEY,
    user_id         UUID         NOT NULL,
    details_sealed  TEXT         NOT NULL,
    -- At most one default passenger per user: making one the default clears the flag on the user's others.
    is_default      BOOLEAN      NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL,
    updated_at      TIMESTAMPTZ  NOT NULL,
    -- Soft delete: the row stays (bookings keep naming it) but the partner API no longer shows it.
    deleted_at      TIMESTAMPTZ,
    -- Sequence number of the latest event of the passenger applied here: writes are ordered and idempotent by it,
    -- and read-your-writes waits for it.
    version         BIGINT       NOT NULL
);
CREATE INDEX passenger_by_user ON passenger (user_id, created_at) WHERE deleted_at IS NULL;

CREATE TABLE identity_document (
    document_id           UUID         PRIMARY KEY,
    passenger_id          UUID         NOT NULL REFERENCES passenger (passenger_id) ON DELETE CASCADE,
    document_type         TEXT         NOT NULL,
    issuing_country_code  CHAR(2)      NOT NULL,
    number_sealed         TEXT         NOT NULL,
    -- issuing authority, issue and expiry dates, nationality on the document, birth country (JSON, sealed)
    details_sealed        TEXT         NOT NULL,
    is_primary            BOOLEAN      NOT NULL DEFAULT false,
    created_at            TIMESTAMPTZ  NOT NULL,
    updated_at            TIMESTAMPTZ  NOT NULL
);
CREATE INDEX identity_document_by_passenger ON identity_document (passenger_id, created_at);
CREATE UNIQUE INDEX identity_document_one_primary_per_type ON identity_document (passenger_id, document_type)
    WHERE is_primary;
