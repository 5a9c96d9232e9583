-- The wizard's choices a stack version was generated from (issue 14). Portable between SQLite and PostgreSQL;
-- timestamps are epoch milliseconds UTC (BIGINT).

-- One row per version the wizard made: the choices as JSON ({"name","components":[...]}, the body of
-- POST /wizard/stacks without the values of secret parameters, which are in the secret store). A version created
-- by hand has none. The newest row of a stack is what the wizard starts from to make its next version. The rows go
-- with their version (and so with their stack).
CREATE TABLE wizard_choices (
    stack_id   TEXT   NOT NULL,
    number     BIGINT NOT NULL,
    choices    TEXT   NOT NULL,
    created_at BIGINT NOT NULL,
    created_by TEXT   NOT NULL,
    PRIMARY KEY (stack_id, number),
    CONSTRAINT fk_wizard_choices_version FOREIGN KEY (stack_id, number)
        REFERENCES stack_versions (stack_id, number) ON DELETE CASCADE
);
