package io.coremonitor.store.internal;

import io.coremonitor.model.CommandLogLine;
import io.coremonitor.model.LogLevel;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Maps a command_logs row. */
public final class CommandLogLineMapper implements RowMapper<CommandLogLine> {

    @Override
    public CommandLogLine map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new CommandLogLine(rs.getLong("command_id"), rs.getLong("line_no"), Instant.ofEpochMilli(rs.getLong("logged_at")),
                LogLevel.valueOf(rs.getString("level")), rs.getString("message"));
    }
}
