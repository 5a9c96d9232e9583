-- The files a version was made with (issue 20: env_file), kept with it: a JSON object {"app.env": "A=1\n..."} sorted
-- by normalized relative path, NULL for a version without files. Part of the version's hash; as immutable as its
-- definition, so the trigger that guards the definition now names this column too.
ALTER TABLE stack_versions ADD COLUMN files TEXT;

DROP TRIGGER tr_stack_versions_immutable;
CREATE TRIGGER tr_stack_versions_immutable
BEFORE UPDATE OF stack_id, number, version, parent_version, created_at, created_by, comment, compose, compose_hash, files
ON stack_versions
BEGIN
    SELECT RAISE(ABORT, 'stack versions are immutable: only runtime_mapping and status may change');
END;
