package io.coremonitor.engine.internal.deploy;

import io.coremonitor.model.Artifact;
import io.coremonitor.model.DeploySettings;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What a target needs for one deployment.
 *
 * @param containerId  the running container of the service
 * @param settings     the service's deploy settings (its directory is where the target writes)
 * @param artifact     what is deployed
 * @param artifactFile its bytes, on the engine's disk
 * @param path         the context path, normalised: {@code /} or {@code /a} or {@code /a/b} (no trailing slash)
 * @param commandId    the DEPLOY command, which names what this deployment leaves in the container
 */
public record DeployJob(String containerId, DeploySettings settings, Artifact artifact, Path artifactFile, String path, long commandId) {

    public DeployJob {
        Objects.requireNonNull(containerId, "containerId");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(artifact, "artifact");
        Objects.requireNonNull(artifactFile, "artifactFile");
        Objects.requireNonNull(path, "path");
    }
}
