-- Core Monitor schema, portable between SQLite and PostgreSQL.
-- Conventions: every timestamp is epoch milliseconds UTC in a BIGINT; ids of stacks are TEXT chosen by the
-- caller; command ids are the highest id ever used + 1, computed inside the INSERT itself (one atomic statement;
-- on PostgreSQL a concurrent duplicate fails on the primary key after the first commits and is retried, so id order
-- is commit order: the FIFO never sees a gap filled later); sequences('commands') keeps the highest id of deleted
-- commands so that ids are never reused. Audit ids come from sequences('audit_log') (UPDATE ... RETURNING).
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
-- The queue's head (next pending, first failed, the running one) reads the unfinished commands only: a partial
-- index keeps just those, so it stays a few pages however long the history grows, and finishing a command only
-- removes its entry. Queries that want it repeat its predicate word for word (SQLite's rule for partial indexes).
-- The list of a stack and the cascade from stacks use (stack_id, id). Lists filtered by a final status or by type
-- alone walk the primary key (those rows are the common ones); fewer indexes keep the enqueue cheap.
CREATE INDEX ix_commands_unfinished ON commands (status, command_id) WHERE status IN ('PENDING', 'RUNNING', 'FAILED');
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
