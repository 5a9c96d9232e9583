package io.coremonitor.store.internal;

import io.coremonitor.model.Command;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * SQL of the commands table. Every status change is a compare-and-set: its WHERE names the expected current
 * status, and RETURNING gives the row as changed (nothing when the race was lost).
 */
public interface CommandDao {

    String COLUMNS = "command_id, stack_id, type, payload, status, attempt, created_at, started_at, ended_at, created_by,"
            + " error";

    /** The next value of a named sequence; the row stays locked until the end of the transaction. */
    @SqlQuery("UPDATE sequences SET value = value + 1 WHERE name = :name RETURNING value")
    long nextValue(@Bind("name") String sequence);

    @SqlUpdate("INSERT INTO commands (command_id, stack_id, type, payload, status, attempt, created_at, created_by)"
            + " VALUES (:commandId, :stackId, :type, :payload, :status, :attempt, :createdAt, :createdBy)")
    void insert(@BindMethods Command command);

    @SqlQuery("SELECT " + COLUMNS + " FROM commands WHERE command_id = :id")
    Optional<Command> get(@Bind("id") long commandId);

    @SqlQuery("SELECT " + COLUMNS + " FROM commands WHERE status = :status ORDER BY command_id LIMIT 1")
    Optional<Command> first(@Bind("status") String status);

    @SqlQuery("SELECT " + COLUMNS + " FROM commands WHERE status IN ('PENDING', 'RUNNING', 'FAILED')"
            + " ORDER BY command_id LIMIT 1")
    Optional<Command> firstUnfinished();

    @SqlQuery("SELECT COUNT(*) FROM commands WHERE status = :status")
    long count(@Bind("status") String status);

    @SqlQuery("UPDATE commands SET status = 'RUNNING', started_at = :now, ended_at = NULL"
            + " WHERE command_id = :id AND status = :expected RETURNING " + COLUMNS)
    Optional<Command> start(@Bind("id") long commandId, @Bind("expected") String expected, @Bind("now") Instant now);

    @SqlQuery("UPDATE commands SET status = :target, ended_at = :now"
            + " WHERE command_id = :id AND status = :expected RETURNING " + COLUMNS)
    Optional<Command> end(@Bind("id") long commandId, @Bind("expected") String expected, @Bind("target") String target,
            @Bind("now") Instant now);

    @SqlQuery("UPDATE commands SET status = :target, ended_at = :now, error = :error"
            + " WHERE command_id = :id AND status = :expected RETURNING " + COLUMNS)
    Optional<Command> endWithError(@Bind("id") long commandId, @Bind("expected") String expected,
            @Bind("target") String target, @Bind("now") Instant now, @Bind("error") String error);

    @SqlQuery("UPDATE commands SET status = 'PENDING', attempt = attempt + 1, started_at = NULL, ended_at = NULL,"
            + " error = NULL WHERE command_id = :id AND status = :expected RETURNING " + COLUMNS)
    Optional<Command> requeue(@Bind("id") long commandId, @Bind("expected") String expected);
}
