-- Signing keys of the built-in sandbox issuer (sandbox profile only; the prod profile verifies Cognito's keys and
-- never writes here). The newest active key signs; every active key is published at /.well-known/jwks.json.
CREATE TABLE sandbox_signing_key (
    kid          VARCHAR(64) PRIMARY KEY,
    private_key  BYTEA       NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    retired_at   TIMESTAMPTZ
);
