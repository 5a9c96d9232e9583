-- The files a version was made with (issue 20: env_file), kept with it: a JSON object {"app.env": "A=1\n..."} sorted
-- by normalized relative path, NULL for a version without files. Part of the version's hash; as immutable as its
-- definition, so the trigger function that guards the definition now checks this column too.
ALTER TABLE stack_versions ADD COLUMN files TEXT;

CREATE OR REPLACE FUNCTION stack_versions_immutable() RETURNS trigger
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
        OR NEW.compose_hash IS DISTINCT FROM OLD.compose_hash
        OR NEW.files IS DISTINCT FROM OLD.files THEN
        RAISE EXCEPTION 'stack versions are immutable: only runtime_mapping and status may change'
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END;
$$;
