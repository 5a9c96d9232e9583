package io.coremonitor.server.internal;

import io.coremonitor.model.Artifact;
import io.coremonitor.model.CommandStatus;
import io.coremonitor.model.DeployCheck;
import io.coremonitor.model.Deployment;
import java.time.Instant;
import java.util.Optional;

/** The answers about uploaded artifacts and the deployments of a stack. */
final class ArtifactBodies {

    private ArtifactBodies() {
    }

    /** An uploaded artifact, known by the SHA-256 of its bytes (the name and uploader are the first upload's). */
    record ArtifactView(String sha256, String name, long size, String mediaType, Instant createdAt, String createdBy) {

        static ArtifactView of(Artifact a) {
            return new ArtifactView(a.sha256(), a.name(), a.size(), a.mediaType(), a.createdAt(), a.createdBy());
        }
    }

    /** What a prune deleted. */
    record PruneView(int deleted) {
    }

    /** The HTTP check of a deployment; {@code status} 0 means any 2xx or 3xx. */
    record DeployCheckView(String path, int status) {

        static DeployCheckView of(DeployCheck c) {
            return new DeployCheckView(c.path(), c.status());
        }
    }

    /**
     * One deployment of a stack: its status and error are its DEPLOY_ARTIFACT command's; {@code artifact_name} is the
     * artifact's upload name (null if its record is gone).
     */
    record DeploymentView(int number, String service, String artifact, Optional<String> artifactName, String path,
            DeployCheckView check, CommandStatus status, Optional<String> error, long commandId, String actor,
            Instant createdAt, Optional<Instant> finishedAt) {

        static DeploymentView of(Deployment d, Optional<String> artifactName) {
            return new DeploymentView(d.number(), d.service(), d.artifact(), artifactName, d.path(),
                    DeployCheckView.of(d.check()), d.status(), d.error(), d.commandId(), d.actor(), d.createdAt(),
                    d.finishedAt());
        }
    }
}
