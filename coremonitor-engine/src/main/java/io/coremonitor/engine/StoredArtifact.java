package io.coremonitor.engine;

import io.coremonitor.model.Artifact;
import java.util.Objects;

/**
 * The result of an upload.
 *
 * @param artifact the stored artifact (the first upload's record when the same bytes were already stored)
 * @param created  true when this upload stored new bytes
 */
public record StoredArtifact(Artifact artifact, boolean created) {

    public StoredArtifact {
        Objects.requireNonNull(artifact, "artifact");
    }
}
