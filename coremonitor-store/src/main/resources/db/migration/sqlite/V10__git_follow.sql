-- Stacks that follow a git repository (issue 21): the settings of each followed stack, its sync state, and what
-- became of each commit that changed the followed file. Binary columns are BLOB here (the only difference from the
-- other dialect's V9). Timestamps are epoch milliseconds UTC (BIGINT).

-- One row per followed stack (deleted with it). The credentials are encrypted by the engine like a secret's value
-- (AES-GCM, 'git:<stack_id>' as associated data): a JSON {"username","password"} the store never sees in clear.
-- auto_apply is 0 or 1. last_commit is the newest commit of the branch the engine has dealt with (the next sync
-- starts after it); last_error the reason the last sync failed (NULL when it succeeded), never holding a credential.
CREATE TABLE git_follows (
    stack_id           TEXT        NOT NULL PRIMARY KEY REFERENCES stacks (stack_id) ON DELETE CASCADE,
    url                TEXT        NOT NULL,
    branch             TEXT        NOT NULL,
    path               TEXT        NOT NULL,
    auto_apply         INTEGER     NOT NULL,
    credentials        BLOB,
    credentials_nonce  BLOB,
    credentials_key_id VARCHAR(64),
    created_at         BIGINT      NOT NULL,
    created_by         TEXT        NOT NULL,
    updated_at         BIGINT      NOT NULL,
    updated_by         TEXT        NOT NULL,
    last_sync_at       BIGINT,
    last_commit        VARCHAR(64),
    last_error         TEXT,
    CONSTRAINT ck_git_follows_auto_apply CHECK (auto_apply IN (0, 1))
);

-- One row per commit that changed the followed file: VERSION (it made version `version`), UNCHANGED (its
-- definition is the latest version's: no version) or REFUSED (the file is invalid or missing: `errors` is the JSON
-- array of {path, message, line?, column?}; nothing was made nor applied). Kept while the stack lives.
CREATE TABLE git_commits (
    stack_id  TEXT        NOT NULL REFERENCES stacks (stack_id) ON DELETE CASCADE,
    commit_id VARCHAR(64) NOT NULL,
    seen_at   BIGINT      NOT NULL,
    author    TEXT        NOT NULL,
    message   TEXT        NOT NULL,
    outcome   VARCHAR(16) NOT NULL,
    version   VARCHAR(32),
    errors    TEXT,
    PRIMARY KEY (stack_id, commit_id),
    CONSTRAINT ck_git_commits_outcome CHECK (outcome IN ('VERSION', 'UNCHANGED', 'REFUSED'))
);
CREATE INDEX ix_git_commits_seen ON git_commits (stack_id, seen_at);
