package io.coremonitor.store.internal;

import io.coremonitor.model.CommandLogLine;
import io.coremonitor.model.CommandNotFoundException;
import io.coremonitor.model.LogLevel;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL of the command_logs table; line numbers come from a counter on the command row (locked while appending). */
public interface CommandLogDao {

    @SqlQuery("UPDATE commands SET log_lines = log_lines + 1 WHERE command_id = :id RETURNING log_lines")
    Optional<Long> nextLine(@Bind("id") long commandId);

    @SqlUpdate("INSERT INTO command_logs (command_id, line_no, logged_at, level, message)"
            + " VALUES (:id, :line, :at, :level, :message)")
    void insert(@Bind("id") long commandId, @Bind("line") long lineNo, @Bind("at") Instant at,
            @Bind("level") LogLevel level, @Bind("message") String message);

    /**
     * Appends a line (the next number of the command's counter) in the caller's transaction; returns its number.
     *
     * @throws CommandNotFoundException when there is no such command
     */
    default long append(long commandId, Instant at, LogLevel level, String message) {
        long line = nextLine(commandId).orElseThrow(() -> new CommandNotFoundException(commandId));
        insert(commandId, line, at, level, message);
        return line;
    }

    @SqlQuery("SELECT command_id, line_no, logged_at, level, message FROM command_logs"
            + " WHERE command_id = :id AND line_no > :after ORDER BY line_no LIMIT :max")
    List<CommandLogLine> readAfter(@Bind("id") long commandId, @Bind("after") long afterLine, @Bind("max") int max);
}
