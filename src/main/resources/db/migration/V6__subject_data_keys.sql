-- Data keys of personal data (envelope encryption, one key per user or passenger), wrapped by KMS in production or
-- by the local master key in the sandbox. Shredding a subject nulls its wrapped key: every value sealed for it, in
-- events, sagas and projections alike, becomes unreadable.
CREATE TABLE subject_data_key (
    subject      VARCHAR(100) PRIMARY KEY,
    wrapped_key  BYTEA,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    shredded_at  TIMESTAMPTZ,
    CHECK ((wrapped_key IS NULL) = (shredded_at IS NOT NULL))
);
