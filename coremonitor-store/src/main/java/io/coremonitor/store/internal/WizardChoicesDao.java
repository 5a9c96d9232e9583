package io.coremonitor.store.internal;

import io.coremonitor.store.WizardChoicesRecord;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL of the wizard_choices table. */
public interface WizardChoicesDao {

    String SELECT = "SELECT w.stack_id, v.version, w.choices, w.created_at, w.created_by FROM wizard_choices w"
            + " JOIN stack_versions v ON v.stack_id = w.stack_id AND v.number = w.number";

    /** Records the choices of a version (0 when the stack has no such version); replaces those recorded before. */
    @SqlUpdate("INSERT INTO wizard_choices (stack_id, number, choices, created_at, created_by)"
            + " SELECT stack_id, number, :choices, :now, :actor FROM stack_versions WHERE stack_id = :stackId AND version = :version"
            + " ON CONFLICT (stack_id, number) DO UPDATE SET choices = excluded.choices, created_at = excluded.created_at,"
            + " created_by = excluded.created_by")
    int put(@Bind("stackId") String stackId, @Bind("version") String version, @Bind("choices") String choices,
            @Bind("now") Instant now, @Bind("actor") String actor);

    @SqlQuery(SELECT + " WHERE w.stack_id = :stackId AND v.version = :version")
    Optional<WizardChoicesRecord> get(@Bind("stackId") String stackId, @Bind("version") String version);

    @SqlQuery(SELECT + " WHERE w.stack_id = :stackId ORDER BY w.number DESC LIMIT 1")
    Optional<WizardChoicesRecord> latest(@Bind("stackId") String stackId);
}
