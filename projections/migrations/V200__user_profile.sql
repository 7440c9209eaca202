-- user_profile: one row per registered user (processing group user-profiles, UserProfileProjection).
-- Contact details and profile fields are personal data: stored sealed (AES-GCM under the user's data key), exactly
-- as the events carry them, so shredding the user's key shreds this copy too.
CREATE TABLE user_profile (
    user_id              UUID         PRIMARY KEY,
    email_sealed         TEXT         NOT NULL,
    phone_number_sealed  TEXT,
    profile_sealed       TEXT,
    -- Locale preferences (not personal data); NULL until set, served as en/US/USD.
    language_code        CHAR(2),
    region_code          CHAR(2),
    currency_code        CHAR(3),
    locale_updated_at    TIMESTAMPTZ,
    -- Travel preferences: meals and special assistance can reveal health and belief, so they are sealed too.
    travel_sealed        TEXT,
    travel_updated_at    TIMESTAMPTZ,
    last_login           TIMESTAMPTZ,
    created_at           TIMESTAMPTZ  NOT NULL,
    updated_at           TIMESTAMPTZ  NOT NULL,
    -- Sequence number of the latest event of the user applied here: writes are ordered and idempotent by it, and
    -- read-your-writes waits for it.
    version              BIGINT       NOT NULL
);
