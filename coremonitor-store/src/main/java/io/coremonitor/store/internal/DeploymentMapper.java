package io.coremonitor.store.internal;

import io.coremonitor.model.CommandStatus;
import io.coremonitor.model.DeployCheck;
import io.coremonitor.model.Deployment;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Maps a deployments row joined with its command ({@link DeploymentDao#COLUMNS}): the status and error are the
 * command's, the end time its {@code ended_at} once it has ended (DONE, FAILED or CANCELLED).
 */
public final class DeploymentMapper implements RowMapper<Deployment> {

    private static final Set<CommandStatus> ENDED = Set.of(CommandStatus.DONE, CommandStatus.FAILED, CommandStatus.CANCELLED);

    @Override
    public Deployment map(ResultSet rs, StatementContext ctx) throws SQLException {
        CommandStatus status = CommandStatus.valueOf(rs.getString("status"));
        Optional<Instant> endedAt = CommandMapper.instant(rs, "ended_at");
        return new Deployment(rs.getString("stack_id"), rs.getInt("number"), rs.getString("service"),
                rs.getString("artifact"), rs.getString("path"),
                new DeployCheck(rs.getString("check_path"), rs.getInt("check_status")), rs.getLong("command_id"), status,
                Optional.ofNullable(rs.getString("error")), rs.getString("actor"),
                Instant.ofEpochMilli(rs.getLong("created_at")), ENDED.contains(status) ? endedAt : Optional.empty());
    }
}
