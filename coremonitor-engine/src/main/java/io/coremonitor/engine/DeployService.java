package io.coremonitor.engine;

import io.coremonitor.model.Command;
import io.coremonitor.model.Deployment;
import io.coremonitor.model.Page;
import io.coremonitor.store.PageRequest;

/** Application deployments: DEPLOY_ARTIFACT commands and their history. */
public final class DeployService {

    /**
     * Validates the request against the stack's current version and the stored artifacts, then enqueues a
     * DEPLOY_ARTIFACT command and records its deployment.
     *
     * @throws io.coremonitor.model.StackNotFoundException when the stack does not exist
     * @throws CommandRejectedException   when the stack is deleted or has no current version
     * @throws InvalidDeploymentException when the service, the artifact or the path does not fit
     */
    public Command deploy(String stackId, DeployRequest request, String actor) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Deploys again the artifact of deployment {@code number}, at the same path with the same check (app rollback).
     *
     * @throws DeploymentNotFoundException when the stack has no such deployment
     */
    public Command redeploy(String stackId, int number, String actor) {
        throw new UnsupportedOperationException("not yet");
    }

    /** A stack's deployments, newest first. */
    public Page<Deployment> list(String stackId, PageRequest page) {
        throw new UnsupportedOperationException("not yet");
    }

    /** @throws DeploymentNotFoundException when the stack has no such deployment */
    public Deployment get(String stackId, int number) {
        throw new UnsupportedOperationException("not yet");
    }
}
