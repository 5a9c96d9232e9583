package io.coremonitor.engine.internal.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.model.Container;
import io.coremonitor.docker.DockerOps;
import io.coremonitor.docker.StackLabels;
import io.coremonitor.engine.CommandExecutor;
import io.coremonitor.engine.CommandFailedException;
import io.coremonitor.engine.ExecutionContext;
import io.coremonitor.engine.internal.Payloads;
import io.coremonitor.model.Artifact;
import io.coremonitor.model.CanonicalJson;
import io.coremonitor.model.Command;
import io.coremonitor.model.CommandType;
import io.coremonitor.model.ComposeDefinition;
import io.coremonitor.model.DeployCheck;
import io.coremonitor.model.DeploySettings;
import io.coremonitor.model.Deployment;
import io.coremonitor.model.ServiceSpec;
import io.coremonitor.model.Stack;
import io.coremonitor.store.NewDeployment;
import io.coremonitor.store.Store;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * DEPLOY_ARTIFACT: puts an artifact into the running container of a service of the stack's current version, checks
 * it answers, and keeps the previous application serving (or puts it back) when it does not. A service holds one
 * application: when the new one is at another path, the previous one is removed once the new one answers.
 */
public final class DeployExecutor implements CommandExecutor {

    private final Store store;
    private final DockerOps ops;
    private final Function<String, Path> artifactFiles;
    private final AppDeployer deployer;

    /**
     * @param artifactFiles the file of a stored artifact by SHA-256 (throws when it is gone)
     */
    public DeployExecutor(Store store, DockerOps ops, Function<String, Path> artifactFiles, AppDeployer deployer) {
        this.store = store;
        this.ops = ops;
        this.artifactFiles = artifactFiles;
        this.deployer = deployer;
    }

    @Override
    public CommandType type() {
        return CommandType.DEPLOY_ARTIFACT;
    }

    @Override
    public void execute(Command command, ExecutionContext ctx) {
        JsonNode p = Payloads.parse(command.payload());
        String service = text(p, "service");
        String sha = text(p, "artifact");
        String path = text(p, "path");
        DeployCheck check = new DeployCheck(p.path("check").path("path").asText(path), p.path("check").path("status").asInt(0));
        Stack stack = store.stacks().getOrThrow(command.stackId());
        if (stack.deleted()) {
            throw new CommandFailedException("stack " + stack.name() + " is deleted");
        }
        String version = stack.currentVersion().orElseThrow(() -> new CommandFailedException("stack " + stack.name()
            + " has no current version"));
        ComposeDefinition def = CanonicalJson.parse(store.versions().getOrThrow(stack.stackId(), version).compose());
        ServiceSpec spec = def.service(service).orElseThrow(() -> new CommandFailedException("the current version "
            + version + " of " + stack.name() + " no longer defines service '" + service + "'"));
        DeploySettings settings = spec.deploy().orElseThrow(() -> new CommandFailedException("service '" + service
            + "' of the current version " + version + " has no " + DeploySettings.KEY));
        // the deployment exists from the enqueue; recorded again (a no-op) in case the enqueue was cut before it
        store.deployments().record(new NewDeployment(stack.stackId(), service, sha, path, check, command.commandId(),
            command.createdBy()));
        Artifact artifact = store.artifacts().find(sha).orElseThrow(() -> new CommandFailedException("artifact " + sha
            + " is no longer stored"));
        String containerId = runningContainer(stack, service);
        Optional<AppDeployer.Previous> previous = store.deployments().current(stack.stackId(), service)
            .filter(d -> d.commandId() != command.commandId())
            .flatMap(d -> previousJob(d, containerId, settings, command.commandId()));
        ctx.info("deploying " + artifact.name() + " (" + sha.substring(0, 12) + ", " + artifact.size() + " bytes) into "
            + service + " (" + settings.kind().key() + ", " + settings.directory() + ") at " + path
            + previous.map(pr -> "; it replaces " + pr.job().artifact().name() + " (" + pr.job().artifact().sha256()
                .substring(0, 12) + ") at " + pr.job().path()).orElse("; no application was deployed there before"));
        DeployJob job = new DeployJob(containerId, settings, artifact, artifactFiles.apply(sha), path, command.commandId());
        deployer.deploy(job, check, previous, ctx);
        previous.filter(pr -> !pr.job().path().equals(path)).ifPresent(pr -> {
            ctx.info("removing the previous application " + pr.job().artifact().name() + " at " + pr.job().path());
            deployer.undeploy(pr.job(), ctx);
        });
        ctx.info("deployed " + artifact.name() + " into " + service + " at " + path);
    }

    private Optional<AppDeployer.Previous> previousJob(Deployment d, String containerId, DeploySettings settings,
            long commandId) {
        Optional<Artifact> artifact = store.artifacts().find(d.artifact());
        return artifact.map(a -> new AppDeployer.Previous(new DeployJob(containerId, settings, a,
            artifactFiles.apply(a.sha256()), d.path(), d.commandId()), d.check()));
    }

    /** The id of the service's running container. */
    private String runningContainer(Stack stack, String service) {
        for (Container c : ops.listContainers(StackLabels.STACK_ID, stack.stackId())) {
            if (c.getLabels() != null && service.equals(c.getLabels().get(StackLabels.SERVICE))) {
                if (!"running".equals(c.getState())) {
                    throw new CommandFailedException("the container of service '" + service + "' is " + c.getState()
                        + ", not running: start it (or apply the stack) before deploying");
                }
                return c.getId();
            }
        }
        throw new CommandFailedException("service '" + service + "' of " + stack.name() + " has no container: apply "
            + "the stack before deploying");
    }

    private static String text(JsonNode payload, String key) {
        JsonNode v = payload.get(key);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new CommandFailedException("the DEPLOY_ARTIFACT payload has no '" + key + "' (a command enqueued by"
                + " an older version of Core Monitor: deploy again)");
        }
        return v.asText();
    }
}
