package io.coremonitor.store.internal;

import io.coremonitor.store.GitCommitRecord;
import io.coremonitor.store.GitFollowRecord;
import io.coremonitor.store.SealedValue;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;

/** Maps git_follows and git_commits rows. */
final class GitMappers {

    static final RowMapper<GitFollowRecord> FOLLOW = (rs, ctx) -> {
        String keyId = rs.getString("credentials_key_id");
        Optional<SealedValue> credentials = keyId == null ? Optional.empty()
                : Optional.of(new SealedValue(keyId, rs.getBytes("credentials_nonce"), rs.getBytes("credentials")));
        return new GitFollowRecord(rs.getString("stack_id"), rs.getString("url"), rs.getString("branch"),
                rs.getString("path"), rs.getInt("auto_apply") == 1, credentials,
                Instant.ofEpochMilli(rs.getLong("created_at")), rs.getString("created_by"),
                Instant.ofEpochMilli(rs.getLong("updated_at")), rs.getString("updated_by"), instant(rs, "last_sync_at"),
                Optional.ofNullable(rs.getString("last_commit")), Optional.ofNullable(rs.getString("last_error")));
    };

    static final RowMapper<GitCommitRecord> COMMIT = (rs, ctx) -> new GitCommitRecord(rs.getString("stack_id"),
            rs.getString("commit_id"), Instant.ofEpochMilli(rs.getLong("seen_at")), rs.getString("author"),
            rs.getString("message"), GitCommitRecord.Outcome.valueOf(rs.getString("outcome")),
            Optional.ofNullable(rs.getString("version")), Optional.ofNullable(rs.getString("errors")));

    private GitMappers() {
    }

    private static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
    }
}
