-- A stored version's definition never changes: the database refuses it even to direct SQL.
-- Only runtime_mapping and the status_* columns may be updated.
CREATE TRIGGER tr_stack_versions_immutable
BEFORE UPDATE OF stack_id, number, version, parent_version, created_at, created_by, comment, compose, compose_hash
ON stack_versions
BEGIN
    SELECT RAISE(ABORT, 'stack versions are immutable: only runtime_mapping and status may change');
END;
