-- user_profile: one row per registered user (processing group user-profiles, UserProfileProjection).
-- Contact details are stored sealed (AES-GCM under the user's data key), exactly as the events carry them.
CREATE TABLE user_profile (
    user_id              UUID         PRIMARY KEY,
    email_sealed         TEXT         NOT NULL,
    phone_number_sealed  TEXT,
    first_name           VARCHAR(100),
    middle_name          VARCHAR(100),
    last_name            VARCHAR(100),
    suffix               VARCHAR(10),
    date_of_birth        DATE,
    gender               VARCHAR(10),
    profile_photo_url    TEXT,
    last_login           TIMESTAMPTZ,
    created_at           TIMESTAMPTZ  NOT NULL,
    updated_at           TIMESTAMPTZ  NOT NULL
);
