-- Secrets held by Core Monitor, encrypted by the engine (AES-GCM, the secret's name as associated data): the store
-- keeps only ciphertexts, never a plaintext. Binary columns are BLOB here (the only difference from the other dialect's
-- V7). Timestamps are epoch milliseconds UTC (BIGINT).

-- One row per secret. A secret is global (stack_id NULL) or belongs to one stack (deleted with it). The name rule
-- [a-z0-9][a-z0-9_.-]{0,127} is checked by the store's NewSecret before any SQL.
CREATE TABLE secrets (
    name       VARCHAR(128) NOT NULL PRIMARY KEY,
    stack_id   TEXT         REFERENCES stacks (stack_id) ON DELETE CASCADE,
    ciphertext BLOB         NOT NULL,
    nonce      BLOB         NOT NULL,
    key_id     VARCHAR(64)  NOT NULL,
    created_at BIGINT       NOT NULL,
    created_by TEXT         NOT NULL,
    updated_at BIGINT       NOT NULL,
    updated_by TEXT         NOT NULL
);
-- a stack's secrets
CREATE INDEX ix_secrets_stack ON secrets (stack_id, name);

-- At most one row: a known plaintext encrypted with the key the secrets are encrypted with, written before the
-- first secret. The engine decrypts it at start, so a wrong key is refused there instead of decrypting garbage.
CREATE TABLE secret_key_check (
    check_id   INTEGER      NOT NULL PRIMARY KEY,
    key_id     VARCHAR(64)  NOT NULL,
    ciphertext BLOB         NOT NULL,
    nonce      BLOB         NOT NULL,
    created_at BIGINT       NOT NULL,
    CONSTRAINT ck_secret_key_check_one CHECK (check_id = 1)
);
