package io.coremonitor.store;

import io.coremonitor.model.DeployCheck;
import java.util.Objects;

/**
 * A deployment to record for a DEPLOY_ARTIFACT command (its number is given by the store).
 *
 * @param stackId   the stack
 * @param service   the service
 * @param artifact  the artifact's SHA-256 (it must be registered)
 * @param path      the context path
 * @param check     the HTTP check
 * @param commandId the DEPLOY_ARTIFACT command (one deployment per command)
 * @param actor     who asked
 */
public record NewDeployment(String stackId, String service, String artifact, String path, DeployCheck check,
        long commandId, String actor) {

    public NewDeployment {
        Objects.requireNonNull(stackId, "stackId");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(artifact, "artifact");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(actor, "actor");
    }
}
