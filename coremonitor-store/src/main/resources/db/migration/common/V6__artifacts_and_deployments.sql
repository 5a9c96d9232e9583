-- Application deployments. Portable between SQLite and PostgreSQL; timestamps are epoch milliseconds UTC (BIGINT).

-- Uploaded artifacts, content-addressed: the SHA-256 (lower-case hex) is the key, so the same bytes uploaded twice
-- are one row (registered with INSERT ... ON CONFLICT DO NOTHING, then read). Their bytes are files of the engine.
CREATE TABLE artifacts (
    sha256     VARCHAR(64) NOT NULL PRIMARY KEY,
    name       TEXT        NOT NULL,
    size       BIGINT      NOT NULL,
    media_type VARCHAR(64) NOT NULL,
    created_at BIGINT      NOT NULL,
    created_by TEXT        NOT NULL,
    CONSTRAINT ck_artifacts_size CHECK (size >= 0)
);
-- the list (newest first, walked backwards) and the prune (oldest first, created before a time)
CREATE INDEX ix_artifacts_created ON artifacts (created_at, sha256);

-- One row per DEPLOY_ARTIFACT command, numbered 1, 2, 3, ... per stack. Its status, error and end time are its
-- command's (read with a join, never copied). A referenced artifact cannot be deleted (the foreign key has no
-- action); deleting a stack removes its deployments with its commands.
CREATE TABLE deployments (
    stack_id     TEXT        NOT NULL REFERENCES stacks (stack_id) ON DELETE CASCADE,
    number       INTEGER     NOT NULL,
    service      TEXT        NOT NULL,
    artifact     VARCHAR(64) NOT NULL REFERENCES artifacts (sha256),
    path         TEXT        NOT NULL,
    check_path   TEXT        NOT NULL,
    check_status INTEGER     NOT NULL,
    command_id   BIGINT      NOT NULL REFERENCES commands (command_id) ON DELETE CASCADE,
    actor        TEXT        NOT NULL,
    created_at   BIGINT      NOT NULL,
    -- also the index of a stack's list, newest first (walked backwards)
    PRIMARY KEY (stack_id, number),
    CONSTRAINT ux_deployments_command UNIQUE (command_id),
    CONSTRAINT ck_deployments_number CHECK (number >= 1)
);
-- the current application of a service: its deployments from the highest number down, to the first DONE one
CREATE INDEX ix_deployments_service ON deployments (stack_id, service, number);
-- whether an artifact is referenced (delete, prune)
CREATE INDEX ix_deployments_artifact ON deployments (artifact);
