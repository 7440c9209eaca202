-- OAuth clients registered by partners. Redirect URIs match exactly, except that a client allowed loopback
-- redirects accepts any http://localhost or http://127.0.0.1 port and path (RFC 8252 §7.3, native apps).
-- Confidential clients keep only the SHA-256 of their secret.
CREATE TABLE oauth_client (
    client_id       VARCHAR(100) PRIMARY KEY,
    partner_id      VARCHAR(64)  NOT NULL REFERENCES partner (partner_id),
    confidential    BOOLEAN      NOT NULL,
    secret_hash     CHAR(64),
    redirect_uris   TEXT[]       NOT NULL DEFAULT '{}',
    allow_loopback  BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    revoked_at      TIMESTAMPTZ,
    CHECK (confidential = (secret_hash IS NOT NULL))
);
CREATE INDEX oauth_client_partner ON oauth_client (partner_id);

-- The sandbox issuer's user directory (what Cognito's user pool is in production): who can sign in, and the Movmo
-- user id their tokens carry. Sandbox profile only.
CREATE TABLE sandbox_identity (
    email        VARCHAR(255) PRIMARY KEY,
    user_id      UUID         NOT NULL UNIQUE,
    phone_number VARCHAR(20),
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- Authorization codes of the sandbox issuer: single-use, ten minutes, stored only as hashes. Codes and refresh
-- tokens name the user by id; only the directory above holds the email (as Cognito's user pool does in production).
CREATE TABLE sandbox_authorization_code (
    code_hash       CHAR(64)     PRIMARY KEY,
    client_id       VARCHAR(100) NOT NULL,
    redirect_uri    TEXT         NOT NULL,
    code_challenge  VARCHAR(128) NOT NULL,
    resource        TEXT,
    scope           TEXT         NOT NULL,
    user_id         UUID         NOT NULL,
    family_id       UUID         NOT NULL,
    expires_at      TIMESTAMPTZ  NOT NULL,
    consumed_at     TIMESTAMPTZ
);

-- Refresh tokens of the sandbox issuer, stored only as hashes. Each refresh rotates the token within its family;
-- presenting a rotated token again revokes the whole family (RFC 9700 §4.14.2).
CREATE TABLE sandbox_refresh_token (
    token_hash   CHAR(64)     PRIMARY KEY,
    family_id    UUID         NOT NULL,
    client_id    VARCHAR(100) NOT NULL,
    user_id      UUID         NOT NULL,
    scope        TEXT         NOT NULL,
    issued_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    expires_at   TIMESTAMPTZ  NOT NULL,
    rotated_at   TIMESTAMPTZ,
    revoked_at   TIMESTAMPTZ
);
CREATE INDEX sandbox_refresh_token_family ON sandbox_refresh_token (family_id);
