package io.coremonitor.store.internal;

import io.coremonitor.model.StackVersion;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL of the stack_versions table. There is deliberately no statement that changes a stored definition. */
public interface VersionDao {

    String COLUMNS = "stack_id, number, version, parent_version, created_at, created_by, comment, compose, compose_hash,"
            + " runtime_mapping, status_desired, status_actual, status_updated_at, status_reason, files";

    @SqlUpdate("INSERT INTO stack_versions (stack_id, number, version, parent_version, created_at, created_by, comment,"
            + " compose, compose_hash, files) VALUES (:stackId, :number, :version, :parent, :createdAt, :createdBy, :comment,"
            + " :compose, :hash, :files)")
    void insert(@Bind("stackId") String stackId, @Bind("number") long number, @Bind("version") String version,
            @Bind("parent") Optional<String> parentVersion, @Bind("createdAt") Instant createdAt,
            @Bind("createdBy") String createdBy, @Bind("comment") Optional<String> comment,
            @Bind("compose") String compose, @Bind("hash") String composeHash, @Bind("files") String files);

    @SqlQuery("SELECT " + COLUMNS + " FROM stack_versions WHERE stack_id = :stackId AND version = :version")
    Optional<StackVersion> get(@Bind("stackId") String stackId, @Bind("version") String version);

    @SqlQuery("SELECT " + COLUMNS + " FROM stack_versions WHERE stack_id = :stackId AND number = :number")
    Optional<StackVersion> getByNumber(@Bind("stackId") String stackId, @Bind("number") long number);

    @SqlQuery("SELECT " + COLUMNS + " FROM stack_versions WHERE stack_id = :stackId ORDER BY number DESC LIMIT 1")
    Optional<StackVersion> latest(@Bind("stackId") String stackId);

    @SqlQuery("SELECT " + COLUMNS + " FROM stack_versions WHERE stack_id = :stackId AND number < :before"
            + " ORDER BY number DESC LIMIT :limit")
    List<StackVersion> listBefore(@Bind("stackId") String stackId, @Bind("before") long beforeNumber,
            @Bind("limit") int limit);

    @SqlUpdate("UPDATE stack_versions SET runtime_mapping = :runtime WHERE stack_id = :stackId AND version = :version")
    int updateRuntime(@Bind("stackId") String stackId, @Bind("version") String version, @Bind("runtime") String runtimeJson);

    @SqlUpdate("UPDATE stack_versions SET status_desired = :desired, status_actual = :actual,"
            + " status_updated_at = :updatedAt, status_reason = :reason WHERE stack_id = :stackId AND version = :version")
    int updateStatus(@Bind("stackId") String stackId, @Bind("version") String version, @Bind("desired") String desired,
            @Bind("actual") String actual, @Bind("updatedAt") Instant updatedAt, @Bind("reason") Optional<String> reason);
}
