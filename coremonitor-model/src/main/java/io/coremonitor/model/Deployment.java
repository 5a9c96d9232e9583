package io.coremonitor.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One deployment of an artifact into a service of a stack: the record of a DEPLOY_ARTIFACT command. Its status is its
 * command's; the service's current application is the artifact of its latest DONE deployment.
 *
 * @param stackId   the stack
 * @param number    1, 2, 3, ... per stack, in the order they were asked for
 * @param service   the service deployed into
 * @param artifact  the artifact's SHA-256
 * @param path      the context path ({@code /app}, {@code /} for the root context or a static site)
 * @param check     the HTTP check that decides success
 * @param commandId the DEPLOY_ARTIFACT command
 * @param status    the command's status
 * @param error     the command's error, when it failed
 * @param actor     who asked for it
 * @param createdAt when it was asked for
 * @param finishedAt when its command ended, if it did
 */
public record Deployment(
        String stackId,
        int number,
        String service,
        String artifact,
        String path,
        DeployCheck check,
        long commandId,
        CommandStatus status,
        Optional<String> error,
        String actor,
        Instant createdAt,
        Optional<Instant> finishedAt) {

    public Deployment {
        Objects.requireNonNull(stackId, "stackId");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(artifact, "artifact");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
    }
}
