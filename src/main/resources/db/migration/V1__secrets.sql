-- Encrypted secrets (mailbox and administrator passwords, TSIG keys, tokens).
-- Process variables, history and logs only ever hold the reference (id).
CREATE TABLE mf_secret (
    id          VARCHAR(64)   NOT NULL PRIMARY KEY,
    label       VARCHAR(200)  NOT NULL,
    nonce       BYTEA NOT NULL,
    ciphertext  BYTEA NOT NULL,
    created_at  TIMESTAMP     NOT NULL
);
