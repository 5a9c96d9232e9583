package io.coremonitor.engine.internal.convergence;

import io.coremonitor.engine.ExecutionContext;
import io.coremonitor.model.DeploySettings;
import io.coremonitor.model.Deployment;

/** Deploys a service's current application again into its new container (APPLY and ROLLBACK recreate containers). */
@FunctionalInterface
public interface AppRedeploy {

    /** Nothing to redeploy with (plan previews never converge). */
    AppRedeploy NONE = (containerId, settings, deployment, ctx) -> {
        throw new IllegalStateException("no application redeployment is available here");
    };

    /** @throws RuntimeException (a CommandFailedException) when it does not come back */
    void redeploy(String containerId, DeploySettings settings, Deployment deployment, ExecutionContext ctx);
}
