package io.coremonitor.store.internal;

import io.coremonitor.store.ContainerStats;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Maps a container_stats row (or bucket). */
final class ContainerStatsMapper implements RowMapper<ContainerStats> {

    @Override
    public ContainerStats map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new ContainerStats(rs.getString("stack_id"), rs.getString("service"), rs.getString("container_id"),
                Instant.ofEpochMilli(rs.getLong("sampled_at")), rs.getDouble("cpu_percent"), rs.getLong("mem_usage"),
                rs.getLong("mem_limit"), rs.getLong("net_rx"), rs.getLong("net_tx"), rs.getLong("blk_read"),
                rs.getLong("blk_write"));
    }
}
