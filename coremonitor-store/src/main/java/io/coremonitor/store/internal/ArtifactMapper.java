package io.coremonitor.store.internal;

import io.coremonitor.model.Artifact;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Maps an artifacts row ({@link ArtifactDao#COLUMNS}). */
public final class ArtifactMapper implements RowMapper<Artifact> {

    @Override
    public Artifact map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Artifact(rs.getString("sha256"), rs.getString("name"), rs.getLong("size"), rs.getString("media_type"),
                Instant.ofEpochMilli(rs.getLong("created_at")), rs.getString("created_by"));
    }
}
