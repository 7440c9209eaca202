-- user_profile: one row per registered user (processing group user-profiles, UserProfileProjection).
-- Contact details and profile fields are personal data: stored sealed (AES-GCM under the user's data key), exactly
-- as the events carry them, so shredding the user's key shreds this copy too.
CREATE TABLE user_profile (
    user_id              UUID         PRIMARY KEY,
    email_sealed         TEXT         NOT NULL,
    phone_number_sealed  TEXT,
    profile_sealed       TEXT,
    last_login           TIMESTAMPTZ,
    created_at           TIMESTAMPTZ  NOT NULL,
    updated_at           TIMESTAMPTZ  NOT NULL
);
