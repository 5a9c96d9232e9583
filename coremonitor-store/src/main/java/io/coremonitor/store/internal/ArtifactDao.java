package io.coremonitor.store.internal;

import io.coremonitor.model.Artifact;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL of the artifacts table. A deployment's reference is always checked in the statement that needs it. */
public interface ArtifactDao {

    String COLUMNS = "sha256, name, size, media_type, created_at, created_by";

    /** No deployment references the artifact row {@code a}. */
    String UNREFERENCED = "NOT EXISTS (SELECT 1 FROM deployments d WHERE d.artifact = a.sha256)";

    /**
     * Stores an artifact unless one with its SHA-256 exists (then changes nothing, even when that one is being
     * inserted by an uncommitted transaction: PostgreSQL waits for it). Returns 1 when stored, else 0.
     */
    @SqlUpdate("INSERT INTO artifacts (" + COLUMNS + ") VALUES (:sha256, :name, :size, :mediaType, :createdAt, :createdBy)"
            + " ON CONFLICT (sha256) DO NOTHING")
    int insertIfAbsent(@BindMethods Artifact artifact);

    @SqlQuery("SELECT " + COLUMNS + " FROM artifacts WHERE sha256 = :sha256")
    Optional<Artifact> get(@Bind("sha256") String sha256);

    @SqlQuery("SELECT " + COLUMNS + " FROM artifacts ORDER BY created_at DESC, sha256 DESC LIMIT :limit")
    List<Artifact> newest(@Bind("limit") int limit);

    /** The page after the artifact ({@code at}, {@code sha256}) of a list newest first. */
    @SqlQuery("SELECT " + COLUMNS + " FROM artifacts WHERE created_at < :at OR (created_at = :at AND sha256 < :sha256)"
            + " ORDER BY created_at DESC, sha256 DESC LIMIT :limit")
    List<Artifact> newestAfter(@Bind("at") long createdAt, @Bind("sha256") String sha256, @Bind("limit") int limit);

    @SqlQuery("SELECT " + COLUMNS + " FROM artifacts a WHERE a.created_at < :before AND " + UNREFERENCED
            + " ORDER BY a.created_at, a.sha256 LIMIT :limit")
    List<Artifact> unreferencedBefore(@Bind("before") Instant before, @Bind("limit") int limit);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM deployments WHERE artifact = :sha256)")
    boolean referenced(@Bind("sha256") String sha256);

    /** Deletes the artifact unless a deployment references it, in one statement. Returns 1 when deleted, else 0. */
    @SqlUpdate("DELETE FROM artifacts WHERE sha256 = :sha256"
            + " AND NOT EXISTS (SELECT 1 FROM deployments d WHERE d.artifact = :sha256)")
    int deleteIfUnreferenced(@Bind("sha256") String sha256);
}
