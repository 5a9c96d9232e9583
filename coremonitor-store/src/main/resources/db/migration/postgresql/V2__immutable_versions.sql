-- A stored version's definition never changes: the database refuses it even to direct SQL.
-- Only runtime_mapping and the status_* columns may be updated.
CREATE FUNCTION stack_versions_immutable() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.stack_id IS DISTINCT FROM OLD.stack_id
        OR NEW.number IS DISTINCT FROM OLD.number
        OR NEW.version IS DISTINCT FROM OLD.version
        OR NEW.parent_version IS DISTINCT FROM OLD.parent_version
        OR NEW.created_at IS DISTINCT FROM OLD.created_at
        OR NEW.created_by IS DISTINCT FROM OLD.created_by
        OR NEW.comment IS DISTINCT FROM OLD.comment
        OR NEW.compose IS DISTINCT FROM OLD.compose
        OR NEW.compose_hash IS DISTINCT FROM OLD.compose_hash THEN
        RAISE EXCEPTION 'stack versions are immutable: only runtime_mapping and status may change'
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER tr_stack_versions_immutable
BEFORE UPDATE ON stack_versions
FOR EACH ROW EXECUTE FUNCTION stack_versions_immutable();
