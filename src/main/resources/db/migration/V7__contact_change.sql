-- contact_change: each user's contact change in progress (at most one), between POST /v1/users/me/contact/initiate
-- and /confirm. Process state, not a read model: the session and access token the user must present are kept as
-- SHA-256 hashes, the new value sealed under the user's data key. Rows past expires_at are dead: a recurring task
-- (ContactChangeMaintenance) drops them, and records a confirmed change the engine failed to record.
CREATE TABLE contact_change (
    user_id            UUID         PRIMARY KEY,
    contact_type       TEXT         NOT NULL,  -- email | phone
    new_value_sealed   TEXT         NOT NULL,
    session_hash       TEXT         NOT NULL,
    access_token_hash  TEXT,                   -- set once the identity code is verified
    stage              TEXT         NOT NULL,  -- initiated | identity_verified | confirmed
    expires_at         TIMESTAMPTZ  NOT NULL,
    created_at         TIMESTAMPTZ  NOT NULL
);

-- Sandbox profile only: verification codes (salted SHA-256, single use, attempt-limited, expiring) ...
CREATE TABLE sandbox_verification_code (
    code_key    TEXT         PRIMARY KEY,
    salt        BYTEA        NOT NULL,
    code_hash   BYTEA        NOT NULL,
    attempts    INTEGER      NOT NULL DEFAULT 0,
    expires_at  TIMESTAMPTZ  NOT NULL
);

-- ... and the messages the sandbox "sent" (emails and texts), readable at GET /v1/sandbox/outbox.
CREATE TABLE sandbox_outbox (
    id          BIGSERIAL    PRIMARY KEY,
    channel     TEXT         NOT NULL,  -- email | sms
    recipient   TEXT         NOT NULL,
    body        TEXT         NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX sandbox_outbox_by_recipient ON sandbox_outbox (recipient, id);
