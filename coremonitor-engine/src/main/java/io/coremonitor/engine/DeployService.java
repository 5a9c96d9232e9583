package io.coremonitor.engine;

import io.coremonitor.engine.internal.Payloads;
import io.coremonitor.engine.internal.artifacts.ArtifactType;
import io.coremonitor.engine.internal.deploy.DeployRules;
import io.coremonitor.model.Artifact;
import io.coremonitor.model.Command;
import io.coremonitor.model.CommandType;
import io.coremonitor.model.ComposeDefinition;
import io.coremonitor.model.DeployCheck;
import io.coremonitor.model.DeploySettings;
import io.coremonitor.model.Deployment;
import io.coremonitor.model.Page;
import io.coremonitor.model.ServiceSpec;
import io.coremonitor.model.Stack;
import io.coremonitor.store.NewDeployment;
import io.coremonitor.store.PageRequest;
import io.coremonitor.store.Store;
import java.util.Optional;

/**
 * Application deployments: DEPLOY_ARTIFACT commands and their history. A deployment is checked here against the
 * stack's current version (the service exists and has {@code x-coremonitor-deploy}), the stored artifacts (it exists,
 * and its target takes its type) and the target's path rules; then its command is enqueued like every write and its
 * deployment recorded.
 */
public final class DeployService {

    private final Store store;
    private final Artifacts artifacts;
    private final CommandService commands;

    DeployService(Store store, Artifacts artifacts, CommandService commands) {
        this.store = store;
        this.artifacts = artifacts;
        this.commands = commands;
    }

    /**
     * Validates the request, then enqueues a DEPLOY_ARTIFACT command and records its deployment.
     *
     * @throws io.coremonitor.model.StackNotFoundException when the stack does not exist
     * @throws CommandRejectedException   when the stack is deleted or has no current version
     * @throws InvalidDeploymentException when the service, the artifact or the path does not fit
     */
    public Command deploy(String stackId, DeployRequest request, String actor) {
        Stack stack = commands.liveStack(stackId);
        ComposeDefinition current = commands.currentDefinition(stack, "a deployment");
        ServiceSpec spec = current.service(request.service()).orElseThrow(() -> new InvalidDeploymentException("service", "stack "
            + stack.name() + ": the current version defines no service '" + request.service() + "' (services: "
            + String.join(", ", current.services().keySet()) + ")"));
        DeploySettings settings = spec.deploy().orElseThrow(() -> new InvalidDeploymentException("service", "service '"
            + request.service() + "' takes no artifacts: give it " + DeploySettings.KEY
            + ": {target: nginx|tomcat|wildfly} in a new version"));
        Artifact artifact = artifacts.find(request.artifact()).orElseThrow(() -> new InvalidDeploymentException("artifact",
            "no artifact '" + request.artifact() + "': upload it first (POST /api/v1/artifacts) and give its sha256"));
        ArtifactType type = ArtifactType.require(artifact.name());
        DeployRules.refuses(settings.kind(), artifact).ifPresent(reason -> {
            throw new InvalidDeploymentException("artifact", "service '" + request.service() + "': " + reason);
        });
        String path = DeployRules.normalise(request.path().filter(p -> !p.isBlank())
            .orElse(DeployRules.defaultPath(settings.kind(), type, artifact.name())));
        DeployRules.refusesPath(settings.kind(), artifact, path).ifPresent(reason -> {
            throw new InvalidDeploymentException("path", reason);
        });
        DeployCheck check = request.check().orElse(new DeployCheck(path, DeployCheck.ANY_SUCCESS));
        artifacts.file(artifact.sha256());
        String payload = Payloads.deploy(request.service(), artifact.sha256(), path, check);
        return commands.enqueue(stackId, CommandType.DEPLOY_ARTIFACT, payload, actor, c -> store.deployments().record(
            new NewDeployment(stackId, request.service(), artifact.sha256(), path, check, c.commandId(), actor)));
    }

    /**
     * Deploys again the artifact of deployment {@code number}, at the same path with the same check (app rollback).
     *
     * @throws DeploymentNotFoundException when the stack has no such deployment
     */
    public Command redeploy(String stackId, int number, String actor) {
        Deployment d = get(stackId, number);
        return deploy(stackId, new DeployRequest(d.service(), d.artifact(), Optional.of(d.path()), Optional.of(d.check())),
            actor);
    }

    /** A stack's deployments, newest first. */
    public Page<Deployment> list(String stackId, PageRequest page) {
        store.stacks().getOrThrow(stackId);
        return store.deployments().list(stackId, page);
    }

    /** @throws DeploymentNotFoundException when the stack has no such deployment */
    public Deployment get(String stackId, int number) {
        store.stacks().getOrThrow(stackId);
        return store.deployments().find(stackId, number).orElseThrow(() -> new DeploymentNotFoundException("stack "
            + stackId + " has no deployment " + number));
    }
}
