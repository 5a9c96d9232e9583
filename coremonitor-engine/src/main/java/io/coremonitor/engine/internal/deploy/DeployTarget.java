package io.coremonitor.engine.internal.deploy;

import io.coremonitor.engine.ExecutionContext;
import io.coremonitor.model.DeployKind;

/** Puts an application artifact into a middleware container, through the Docker API only (archive upload and exec). */
public interface DeployTarget {

    DeployKind kind();


    /**
     * Puts the artifact in place and waits for the middleware's own verdict; logs each step with ctx.info(...);
     * calls ctx.checkCancelled() after staging, before switching (once switching started it runs to the end).
     * Idempotent: run again after a crash it starts over cleanly (leftover temporary files replaced).
     * Never leaves a half-copied artifact visible to the middleware.
     *
     * @throws DeployFailedException carrying the middleware's own reason (Tomcat's SEVERE log lines for that context,
     *                               WildFly's .failed file content), never a bare "exit 1"
     */
    void deploy(DeployJob job, ExecutionContext ctx);

    /**
     * Removes the application deployed at job.path (used when a first deployment fails and nothing is to be put back).
     * Idempotent.
     */
    void undeploy(DeployJob job, ExecutionContext ctx);
}
