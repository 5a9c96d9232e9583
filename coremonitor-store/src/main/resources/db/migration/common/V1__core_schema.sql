-- Core Monitor schema, portable between SQLite and PostgreSQL.
-- Conventions: every timestamp is epoch milliseconds UTC in a BIGINT; ids of stacks are TEXT chosen by the
-- caller; ids of commands and audit rows come from the `sequences` table (an UPDATE ... RETURNING on one row,
-- which also serializes enqueues so that id order is commit order: the FIFO never sees a gap filled later).
-- ${key_type} is the one dialect difference, a Flyway placeholder: INTEGER on SQLite (a 64-bit rowid alias, so the
-- table is its own primary-key index), BIGINT on PostgreSQL.

CREATE TABLE sequences (
    name  VARCHAR(64) NOT NULL PRIMARY KEY,
    value BIGINT      NOT NULL
);
INSERT INTO sequences (name, value) VALUES ('commands', 0);
INSERT INTO sequences (name, value) VALUES ('audit_log', 0);

CREATE TABLE stacks (
    stack_id        TEXT        NOT NULL PRIMARY KEY,
    name            TEXT        NOT NULL,
    current_version VARCHAR(32),
    latest_version  VARCHAR(32),
    latest_number   BIGINT      NOT NULL DEFAULT 0,
    created_at      BIGINT      NOT NULL,
    updated_at      BIGINT      NOT NULL,
    deleted_at      BIGINT
);
-- a name is unique among live stacks; a deleted stack keeps its history (and its name) for audit
CREATE UNIQUE INDEX ux_stacks_live_name ON stacks (name) WHERE deleted_at IS NULL;
CREATE INDEX ix_stacks_name ON stacks (name, stack_id);

CREATE TABLE stack_versions (
    stack_id          TEXT        NOT NULL REFERENCES stacks (stack_id) ON DELETE CASCADE,
    number            BIGINT      NOT NULL,
    version           VARCHAR(32) NOT NULL,
    parent_version    VARCHAR(32),
    created_at        BIGINT      NOT NULL,
    created_by        TEXT        NOT NULL,
    comment           TEXT,
    compose           TEXT        NOT NULL,
    compose_hash      VARCHAR(64) NOT NULL,
    runtime_mapping   TEXT,
    status_desired    VARCHAR(16),
    status_actual     VARCHAR(16),
    status_updated_at BIGINT,
    status_reason     TEXT,
    PRIMARY KEY (stack_id, number),
    CONSTRAINT ux_stack_versions_label UNIQUE (stack_id, version),
    CONSTRAINT ck_stack_versions_number CHECK (number >= 1)
);

CREATE TABLE commands (
    command_id ${key_type} NOT NULL PRIMARY KEY,
    stack_id   TEXT        NOT NULL REFERENCES stacks (stack_id) ON DELETE CASCADE,
    type       VARCHAR(32) NOT NULL,
    payload    TEXT        NOT NULL,
    status     VARCHAR(16) NOT NULL,
    attempt    INTEGER     NOT NULL DEFAULT 1,
    created_at BIGINT      NOT NULL,
    started_at BIGINT,
    ended_at   BIGINT,
    created_by TEXT        NOT NULL,
    error      TEXT,
    log_lines  BIGINT      NOT NULL DEFAULT 0,
    CONSTRAINT ck_commands_status CHECK (status IN ('PENDING', 'RUNNING', 'DONE', 'FAILED', 'CANCELLED')),
    CONSTRAINT ck_commands_attempt CHECK (attempt >= 1)
);
-- next pending / first failed / first running, and the list filtered by status: (status, id);
-- the list of a stack and the cascade from stacks: (stack_id, id). A list filtered by type alone walks the primary
-- key (types are few and common); no index for it keeps the enqueue cheap.
CREATE INDEX ix_commands_status ON commands (status, command_id);
CREATE INDEX ix_commands_stack ON commands (stack_id, command_id);

CREATE TABLE command_logs (
    command_id BIGINT     NOT NULL REFERENCES commands (command_id) ON DELETE CASCADE,
    line_no    BIGINT     NOT NULL,
    logged_at  BIGINT     NOT NULL,
    level      VARCHAR(8) NOT NULL,
    message    TEXT       NOT NULL,
    PRIMARY KEY (command_id, line_no)
);

-- the single worker's lease: one row per lease name, taken with a conditional upsert
CREATE TABLE worker_lease (
    name        VARCHAR(64) NOT NULL PRIMARY KEY,
    owner       TEXT        NOT NULL,
    acquired_at BIGINT      NOT NULL,
    expires_at  BIGINT      NOT NULL
);

-- who did what; no foreign keys: the trail outlives the stacks and commands it mentions
CREATE TABLE audit_log (
    audit_id    ${key_type} NOT NULL PRIMARY KEY,
    occurred_at BIGINT      NOT NULL,
    actor       TEXT        NOT NULL,
    action      VARCHAR(64) NOT NULL,
    stack_id    TEXT,
    command_id  BIGINT,
    detail      TEXT        NOT NULL
);
CREATE INDEX ix_audit_log_stack ON audit_log (stack_id, audit_id);
CREATE INDEX ix_audit_log_command ON audit_log (command_id, audit_id);
