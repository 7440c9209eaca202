-- Partners (travel apps such as Aviare) and their API keys. A key is stored only as the SHA-256 of its full value;
-- its first characters are kept in clear as a lookup prefix support staff can quote without revealing the key.
CREATE TABLE partner (
    partner_id  VARCHAR(64)  PRIMARY KEY,
    name        VARCHAR(200) NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE TABLE partner_api_key (
    key_id      UUID         PRIMARY KEY,
    partner_id  VARCHAR(64)  NOT NULL REFERENCES partner (partner_id),
    key_prefix  VARCHAR(16)  NOT NULL,
    key_hash    CHAR(64)     NOT NULL UNIQUE,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    revoked_at  TIMESTAMPTZ
);
CREATE INDEX partner_api_key_partner ON partner_api_key (partner_id);
