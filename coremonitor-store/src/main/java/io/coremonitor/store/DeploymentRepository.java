package io.coremonitor.store;

import io.coremonitor.model.Deployment;
import io.coremonitor.model.Page;
import java.util.Map;
import java.util.Optional;

/**
 * Deployments of artifacts into services. A deployment's status, error and end time are its command's (read with a
 * join, never copied), so they cannot disagree.
 */
public interface DeploymentRepository {

    /**
     * Records the deployment of a command, numbered next in its stack; recording the same command again returns the
     * existing deployment unchanged (idempotent, for a command run again after a crash).
     */
    Deployment record(NewDeployment deployment);

    /** A stack's deployment by number. */
    Optional<Deployment> find(String stackId, int number);

    /** The deployment of a DEPLOY_ARTIFACT command. */
    Optional<Deployment> findByCommand(long commandId);

    /** A stack's deployments, newest first. */
    Page<Deployment> list(String stackId, PageRequest page);

    /** The service's current application: its latest deployment whose command is DONE. */
    Optional<Deployment> current(String stackId, String service);

    /** The current application of each service of a stack that has one, by service name. */
    Map<String, Deployment> current(String stackId);
}
