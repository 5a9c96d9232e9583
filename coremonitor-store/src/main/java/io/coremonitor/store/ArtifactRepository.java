package io.coremonitor.store;

import io.coremonitor.model.Artifact;
import io.coremonitor.model.Page;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The catalogue of uploaded artifacts (their bytes live in files, see the engine's {@code Artifacts}). An artifact
 * referenced by a deployment is never deleted.
 */
public interface ArtifactRepository {

    /**
     * Records an artifact unless one with the same SHA-256 is known: returns the stored one (the first upload's name,
     * uploader and time when it already existed) and whether this call created it.
     */
    Registered register(Artifact artifact);

    Optional<Artifact> find(String sha256);

    /** Newest first. */
    Page<Artifact> list(PageRequest page);

    /** Artifacts created before {@code before} that no deployment references, oldest first, at most {@code limit}. */
    List<Artifact> unreferencedBefore(Instant before, int limit);

    /** Whether a deployment references it. */
    boolean referenced(String sha256);

    /**
     * Deletes the artifact's row unless a deployment references it (checked in the same statement).
     *
     * @return true when it was deleted, false when it did not exist or is referenced
     */
    boolean deleteIfUnreferenced(String sha256);

    /**
     * The result of {@link #register}.
     *
     * @param artifact the stored artifact
     * @param created  true when this call stored it
     */
    record Registered(Artifact artifact, boolean created) {
    }
}
