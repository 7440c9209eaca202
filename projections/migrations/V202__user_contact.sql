-- user_contact: which user holds which email and phone number, as keyed fingerprints only (processing group
-- user-profiles, UserProfileProjection). Answers "is this email already in use?" for the contact-change flow without
-- storing a contact detail in clear: the fingerprint is an HMAC under a data key of the personal-data vault
-- (subject index:contacts), so nobody without that key can test a guess.
CREATE TABLE user_contact (
    user_id       UUID  NOT NULL,
    contact_type  TEXT  NOT NULL,  -- email | phone
    fingerprint   TEXT  NOT NULL,
    PRIMARY KEY (user_id, contact_type)
);
CREATE INDEX user_contact_by_fingerprint ON user_contact (contact_type, fingerprint);
