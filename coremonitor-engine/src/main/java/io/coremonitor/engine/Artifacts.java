package io.coremonitor.engine;

import io.coremonitor.model.Artifact;
import io.coremonitor.model.Page;
import io.coremonitor.store.PageRequest;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Uploaded application artifacts: their bytes in content-addressed files under {@link ArtifactSettings#directory()}
 * ({@code sha256/ab/abcdef...}), their records in the store.
 */
public final class Artifacts {

    /**
     * Stores an upload, streamed to a temporary file (never held in memory), checked, then moved to its content address.
     *
     * @param body  the bytes; read to the end, not closed
     * @param name  the file name (its extension says what it is: .war, .ear, .jar, .zip, .tar.gz, .tgz)
     * @param actor who uploads it
     * @throws ArtifactTooLargeException when it exceeds the size limit
     * @throws InvalidArtifactException  when it is empty, unreadable, or of an unknown type
     */
    public StoredArtifact store(InputStream body, String name, String actor) {
        throw new UnsupportedOperationException("not yet");
    }

    public Optional<Artifact> find(String sha256) {
        throw new UnsupportedOperationException("not yet");
    }

    /** @throws ArtifactNotFoundException when it is not stored */
    public Artifact get(String sha256) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Newest first. */
    public Page<Artifact> list(PageRequest page) {
        throw new UnsupportedOperationException("not yet");
    }

    /** The file of a stored artifact. @throws ArtifactNotFoundException when it is not stored */
    public Path file(String sha256) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Deletes an artifact no deployment references.
     *
     * @throws ArtifactNotFoundException when it is not stored
     * @throws ArtifactInUseException    when a deployment references it
     */
    public void delete(String sha256) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Deletes the artifacts older than {@code age} that no deployment references; returns how many. */
    public int prune(Duration age) {
        throw new UnsupportedOperationException("not yet");
    }

    /** The settings. */
    public ArtifactSettings settings() {
        throw new UnsupportedOperationException("not yet");
    }
}
