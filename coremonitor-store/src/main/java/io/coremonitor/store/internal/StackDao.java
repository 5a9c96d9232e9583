package io.coremonitor.store.internal;

import io.coremonitor.model.Stack;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL of the stacks table. */
public interface StackDao {

    String COLUMNS = "stack_id, name, current_version, latest_version, created_at, updated_at, deleted_at";

    @SqlUpdate("INSERT INTO stacks (stack_id, name, latest_number, created_at, updated_at)"
            + " VALUES (:stackId, :name, 0, :createdAt, :updatedAt)")
    void insert(@BindMethods Stack stack);

    @SqlQuery("SELECT " + COLUMNS + " FROM stacks WHERE stack_id = :id")
    Optional<Stack> get(@Bind("id") String stackId);

    @SqlQuery("SELECT " + COLUMNS + " FROM stacks WHERE name = :name AND deleted_at IS NULL")
    Optional<Stack> getLiveByName(@Bind("name") String name);

    /**
     * Locks the row of a live stack until the end of the transaction (a no-op UPDATE: the portable
     * {@code SELECT ... FOR UPDATE}) and returns its latest version number.
     */
    @SqlQuery("UPDATE stacks SET latest_number = latest_number WHERE stack_id = :id AND deleted_at IS NULL"
            + " RETURNING latest_number")
    Optional<Long> lockLive(@Bind("id") String stackId);

    /**
     * Locks the row of a stack, live or deleted, until the end of the transaction (the no-op UPDATE of
     * {@link #lockLive}); empty when there is no such stack.
     */
    @SqlQuery("UPDATE stacks SET latest_number = latest_number WHERE stack_id = :id RETURNING stack_id")
    Optional<String> lock(@Bind("id") String stackId);

    @SqlUpdate("UPDATE stacks SET latest_number = :number, latest_version = :version, updated_at = :now"
            + " WHERE stack_id = :id")
    int setLatest(@Bind("id") String stackId, @Bind("number") long number, @Bind("version") String version,
            @Bind("now") Instant now);

    @SqlQuery("UPDATE stacks SET current_version = :version, updated_at = :now WHERE stack_id = :id"
            + " RETURNING " + COLUMNS)
    Optional<Stack> setCurrent(@Bind("id") String stackId, @Bind("version") String version, @Bind("now") Instant now);

    @SqlUpdate("UPDATE stacks SET deleted_at = :now, updated_at = :now WHERE stack_id = :id AND deleted_at IS NULL")
    int markDeleted(@Bind("id") String stackId, @Bind("now") Instant now);

    @SqlUpdate("DELETE FROM stacks WHERE stack_id = :id")
    int delete(@Bind("id") String stackId);
}
