package io.coremonitor.engine.internal.convergence;

import io.coremonitor.engine.CommandFailedException;
import io.coremonitor.engine.ExecutionContext;
import io.coremonitor.engine.internal.deploy.AppDeployer;
import io.coremonitor.engine.internal.deploy.DeployJob;
import io.coremonitor.model.Artifact;
import io.coremonitor.model.DeploySettings;
import io.coremonitor.model.Deployment;
import io.coremonitor.store.Store;
import java.nio.file.Path;
import java.util.function.Function;

/** Brings a service's current application back into its new container, with the deploy targets. */
final class StoredAppRedeploy implements AppRedeploy {

    private final Store store;
    private final AppDeployer deployer;
    private final Function<String, Path> artifactFiles;

    StoredAppRedeploy(Store store, AppDeployer deployer, Function<String, Path> artifactFiles) {
        this.store = store;
        this.deployer = deployer;
        this.artifactFiles = artifactFiles;
    }

    @Override
    public void redeploy(String containerId, DeploySettings settings, Deployment deployment, ExecutionContext ctx) {
        Artifact artifact = store.artifacts().find(deployment.artifact()).orElseThrow(() -> new CommandFailedException(
            "the application of " + deployment.service() + " (artifact " + deployment.artifact() + ") is no longer stored"));
        DeployJob job = new DeployJob(containerId, settings, artifact, artifactFiles.apply(artifact.sha256()),
            deployment.path(), deployment.commandId());
        deployer.redeploy(job, deployment.check(), ctx);
    }
}
