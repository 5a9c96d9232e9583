package io.coremonitor.store.internal;

import io.coremonitor.model.Stack;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Maps a stacks row ({@link StackDao#COLUMNS}); by hand for the same reason as {@link CommandMapper}. */
public final class StackMapper implements RowMapper<Stack> {

    @Override
    public Stack map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Stack(rs.getString("stack_id"), rs.getString("name"), Optional.ofNullable(rs.getString("current_version")),
                Optional.ofNullable(rs.getString("latest_version")), Instant.ofEpochMilli(rs.getLong("created_at")),
                Instant.ofEpochMilli(rs.getLong("updated_at")), CommandMapper.instant(rs, "deleted_at"));
    }
}
