package io.coremonitor.store.internal;

import io.coremonitor.store.GitCommitRecord;
import io.coremonitor.store.GitFollowRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL of the git_follows and git_commits tables. */
public interface GitDao {

    String FOLLOW_COLUMNS = "f.stack_id, f.url, f.branch, f.path, f.auto_apply, f.credentials, f.credentials_nonce,"
            + " f.credentials_key_id, f.created_at, f.created_by, f.updated_at, f.updated_by, f.last_sync_at,"
            + " f.last_commit, f.last_error";
    String COMMIT_COLUMNS = "stack_id, commit_id, seen_at, author, message, outcome, version, errors";

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM stacks WHERE stack_id = :stackId)")
    boolean stackExists(@Bind("stackId") String stackId);

    /** Inserts or updates the settings; the sync state starts again when the URL, branch or path changes. */
    @SqlUpdate("INSERT INTO git_follows (stack_id, url, branch, path, auto_apply, credentials, credentials_nonce,"
            + " credentials_key_id, created_at, created_by, updated_at, updated_by)"
            + " VALUES (:stackId, :url, :branch, :path, :autoApply, :ciphertext, :nonce, :keyId, :now, :actor, :now, :actor)"
            + " ON CONFLICT (stack_id) DO UPDATE SET url = excluded.url, branch = excluded.branch, path = excluded.path,"
            + " auto_apply = excluded.auto_apply, credentials = excluded.credentials,"
            + " credentials_nonce = excluded.credentials_nonce, credentials_key_id = excluded.credentials_key_id,"
            + " updated_at = excluded.updated_at, updated_by = excluded.updated_by,"
            + " last_commit = CASE WHEN git_follows.url = excluded.url AND git_follows.branch = excluded.branch"
            + " AND git_follows.path = excluded.path THEN git_follows.last_commit ELSE NULL END,"
            + " last_error = CASE WHEN git_follows.url = excluded.url AND git_follows.branch = excluded.branch"
            + " AND git_follows.path = excluded.path THEN git_follows.last_error ELSE NULL END")
    int put(@Bind("stackId") String stackId, @Bind("url") String url, @Bind("branch") String branch,
            @Bind("path") String path, @Bind("autoApply") int autoApply, @Bind("ciphertext") byte[] ciphertext,
            @Bind("nonce") byte[] nonce, @Bind("keyId") String keyId, @Bind("now") Instant now,
            @Bind("actor") String actor);

    @SqlQuery("SELECT " + FOLLOW_COLUMNS + " FROM git_follows f WHERE f.stack_id = :stackId")
    Optional<GitFollowRecord> get(@Bind("stackId") String stackId);

    @SqlQuery("SELECT " + FOLLOW_COLUMNS + " FROM git_follows f JOIN stacks s ON s.stack_id = f.stack_id"
            + " WHERE s.deleted_at IS NULL ORDER BY f.stack_id")
    List<GitFollowRecord> live();

    @SqlUpdate("DELETE FROM git_follows WHERE stack_id = :stackId")
    int delete(@Bind("stackId") String stackId);

    @SqlUpdate("UPDATE git_follows SET last_sync_at = :now, last_commit = COALESCE(:commit, last_commit),"
            + " last_error = :error WHERE stack_id = :stackId")
    int recordSync(@Bind("stackId") String stackId, @Bind("commit") String commit, @Bind("error") String error,
            @Bind("now") Instant now);

    @SqlUpdate("INSERT INTO git_commits (" + COMMIT_COLUMNS + ") VALUES (:stackId, :commitId, :seenAt, :author,"
            + " :message, :outcome, :version, :errors) ON CONFLICT (stack_id, commit_id) DO NOTHING")
    int insertCommit(@Bind("stackId") String stackId, @Bind("commitId") String commitId, @Bind("seenAt") Instant seenAt,
            @Bind("author") String author, @Bind("message") String message, @Bind("outcome") String outcome,
            @Bind("version") String version, @Bind("errors") String errors);

    @SqlQuery("SELECT " + COMMIT_COLUMNS + " FROM git_commits WHERE stack_id = :stackId"
            + " ORDER BY seen_at DESC, commit_id DESC LIMIT :limit")
    List<GitCommitRecord> commits(@Bind("stackId") String stackId, @Bind("limit") int limit);

    @SqlQuery("SELECT " + COMMIT_COLUMNS + " FROM git_commits WHERE stack_id = :stackId AND outcome = :outcome"
            + " ORDER BY seen_at DESC, commit_id DESC LIMIT :limit")
    List<GitCommitRecord> commitsWith(@Bind("stackId") String stackId, @Bind("outcome") String outcome,
            @Bind("limit") int limit);
}
