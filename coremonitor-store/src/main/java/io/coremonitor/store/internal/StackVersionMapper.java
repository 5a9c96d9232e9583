package io.coremonitor.store.internal;

import io.coremonitor.model.StackState;
import io.coremonitor.model.StackVersion;
import io.coremonitor.model.VersionMetadata;
import io.coremonitor.model.VersionStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Maps a stack_versions row: metadata columns nest into {@link VersionMetadata}, status columns into a status. */
public final class StackVersionMapper implements RowMapper<StackVersion> {

    @Override
    public StackVersion map(ResultSet rs, StatementContext ctx) throws SQLException {
        VersionMetadata metadata = new VersionMetadata(Instant.ofEpochMilli(rs.getLong("created_at")),
                rs.getString("created_by"), Optional.ofNullable(rs.getString("comment")));
        Optional<VersionStatus> status = Optional.empty();
        String actual = rs.getString("status_actual");
        if (actual != null) {
            status = Optional.of(new VersionStatus(StackState.valueOf(rs.getString("status_desired")),
                    StackState.valueOf(actual), Instant.ofEpochMilli(rs.getLong("status_updated_at")),
                    Optional.ofNullable(rs.getString("status_reason"))));
        }
        return new StackVersion(rs.getString("stack_id"), rs.getString("version"), rs.getLong("number"),
                Optional.ofNullable(rs.getString("parent_version")), metadata, rs.getString("compose"),
                rs.getString("compose_hash"), Optional.ofNullable(rs.getString("runtime_mapping")).map(RuntimeJson::read),
                status, RuntimeJson.readFiles(rs.getString("files")));
    }
}
