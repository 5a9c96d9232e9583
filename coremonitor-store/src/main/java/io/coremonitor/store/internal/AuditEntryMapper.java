package io.coremonitor.store.internal;

import io.coremonitor.model.AuditEntry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Maps an audit_log row. */
public final class AuditEntryMapper implements RowMapper<AuditEntry> {

    @Override
    public AuditEntry map(ResultSet rs, StatementContext ctx) throws SQLException {
        long commandId = rs.getLong("command_id");
        Optional<Long> command = rs.wasNull() ? Optional.empty() : Optional.of(commandId);
        return new AuditEntry(rs.getLong("audit_id"), Instant.ofEpochMilli(rs.getLong("occurred_at")), rs.getString("actor"),
                rs.getString("action"), Optional.ofNullable(rs.getString("stack_id")), command, rs.getString("detail"));
    }
}
