package io.coremonitor.store.internal;

import io.coremonitor.model.Command;
import io.coremonitor.store.NewCommand;
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

    /** The highest command id ever used (0 when none): the largest live id, or the floor kept in sequences. */
    String HIGHEST_ID = "(SELECT CASE WHEN x.m > x.f THEN x.m ELSE x.f END FROM (SELECT COALESCE((SELECT c.command_id"
            + " FROM commands c ORDER BY c.command_id DESC LIMIT 1), 0) AS m, q.value AS f FROM sequences q"
            + " WHERE q.name = 'commands') x)";

    /**
     * Appends a PENDING command with the next id in one statement (atomic on its own). On PostgreSQL two concurrent
     * enqueues may compute the same id: the second waits for the first and fails on the primary key, and is retried;
     * so ids are committed in ascending order and the FIFO never sees a gap filled later.
     */
    @SqlQuery("INSERT INTO commands (command_id, stack_id, type, payload, status, attempt, created_at, created_by)"
            + " VALUES (" + HIGHEST_ID + " + 1, :stackId, :type, :payload, 'PENDING', 1, :createdAt, :createdBy)"
            + " RETURNING command_id")
    long insertNext(@BindMethods NewCommand command, @Bind("createdAt") Instant createdAt);

    /** Raises the floor to the highest id, before commands are deleted: ids are never reused. */
    @SqlUpdate("UPDATE sequences SET value = " + HIGHEST_ID + " WHERE name = 'commands'")
    int keepHighestId();

    @SqlQuery("SELECT " + COLUMNS + " FROM commands WHERE command_id = :id")
    Optional<Command> get(@Bind("id") long commandId);

    /** The predicate of the partial index ix_commands_unfinished, to be repeated word for word. */
    String UNFINISHED = "status IN ('PENDING', 'RUNNING', 'FAILED')";

    @SqlQuery("SELECT " + COLUMNS + " FROM commands WHERE status = :status AND " + UNFINISHED
            + " ORDER BY command_id LIMIT 1")
    Optional<Command> firstUnfinishedIn(@Bind("status") String status);

    @SqlQuery("SELECT " + COLUMNS + " FROM commands WHERE status = :status ORDER BY command_id LIMIT 1")
    Optional<Command> firstFinishedIn(@Bind("status") String status);

    @SqlQuery("SELECT " + COLUMNS + " FROM commands WHERE " + UNFINISHED + " ORDER BY command_id LIMIT 1")
    Optional<Command> firstUnfinished();

    /**
     * One row per command of interest (the RUNNING one, the head; one row when they are the same, one row of NULLs
     * when there is neither), each with the PENDING count: one statement, so one snapshot on SQLite and PostgreSQL.
     */
    String SNAPSHOT = "SELECT p.n AS pending_count, c.command_id, c.stack_id, c.type, c.payload, c.status, c.attempt,"
            + " c.created_at, c.started_at, c.ended_at, c.created_by, c.error"
            + " FROM (SELECT COUNT(*) AS n FROM commands WHERE status = 'PENDING' AND " + UNFINISHED + ") p"
            + " LEFT JOIN commands c ON c.command_id IN ("
            + "SELECT r.command_id FROM (SELECT command_id FROM commands WHERE status = 'RUNNING' AND " + UNFINISHED
            + " ORDER BY command_id LIMIT 1) r"
            + " UNION ALL SELECT h.command_id FROM (SELECT command_id FROM commands WHERE " + UNFINISHED
            + " ORDER BY command_id LIMIT 1) h)";

    @SqlQuery("SELECT COUNT(*) FROM commands WHERE status = :status AND " + UNFINISHED)
    long countUnfinishedIn(@Bind("status") String status);

    @SqlQuery("SELECT COUNT(*) FROM commands WHERE status = :status")
    long countFinishedIn(@Bind("status") String status);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM commands WHERE stack_id = :stackId AND type = :type"
            + " AND status IN ('PENDING', 'RUNNING') AND " + UNFINISHED + ")")
    boolean hasActive(@Bind("stackId") String stackId, @Bind("type") String type);

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
