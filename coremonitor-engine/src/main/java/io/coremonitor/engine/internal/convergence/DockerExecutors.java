package io.coremonitor.engine.internal.convergence;

import com.github.dockerjava.api.DockerClient;
import io.coremonitor.docker.DockerEndpoint;
import io.coremonitor.docker.DockerHealth;
import io.coremonitor.docker.DockerOps;
import io.coremonitor.engine.CommandExecutor;
import io.coremonitor.engine.CommandFailedException;
import io.coremonitor.engine.internal.deploy.AppDeployer;
import io.coremonitor.engine.internal.deploy.DeployExecutor;
import io.coremonitor.model.CommandType;
import io.coremonitor.store.Store;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;

/**
 * The Docker executors: APPLY_STACK_VERSION, ROLLBACK_STACK_VERSION, DELETE_STACK, RUNTIME_ACTION (convergence) and
 * DEPLOY_ARTIFACT.
 */
public final class DockerExecutors {

    private DockerExecutors() {
    }

    /**
     * The executors over a client of the engine at {@code dockerHost} (named in "Docker is unreachable at ..."). Each is
     * unavailable while the engine does not answer a ping, and turns a failure caused by the engine going away into a
     * {@link io.coremonitor.engine.ResourceUnavailableException}.
     */
    public static List<CommandExecutor> create(Store store, DockerClient docker, Clock clock, URI dockerHost,
            Function<String, Path> artifactFiles, FileContents contents) {
        return create(store, DockerOps.of(docker), clock, dockerHost.toString(),
            () -> DockerEndpoint.connect(dockerHost, DockerHealth.DEFAULT_PROBE_TIMEOUT), artifactFiles, contents);
    }

    /**
     * With any {@link DockerOps} (a counting or fault-injecting wrapper in tests); availability is the ping of
     * {@code ops} alone.
     */
    public static List<CommandExecutor> create(Store store, DockerOps ops, Clock clock, String dockerHost) {
        return create(store, ops, clock, dockerHost, () -> { });
    }

    /**
     * As below, without artifact files (a DEPLOY_ARTIFACT, or an APPLY bringing an application back, fails) and without a
     * secret store (a compose secret held by Core Monitor fails the command that needs it).
     */
    public static List<CommandExecutor> create(Store store, DockerOps ops, Clock clock, String dockerHost,
            Runnable newConnection) {
        return create(store, ops, clock, dockerHost, newConnection, sha -> {
            throw new CommandFailedException("this engine has no artifact directory: artifact " + sha + " is out of reach");
        }, FileContents.withoutSecretStore());
    }

    /**
     * With any {@link DockerOps}, available while {@code newConnection} (a connection of its own to the engine's
     * endpoint, which throws when refused) and the ping of {@code ops} both succeed; {@code artifactFiles} gives the file
     * of a stored artifact by its SHA-256 (DEPLOY_ARTIFACT, and APPLY or ROLLBACK bringing applications back);
     * {@code contents} reads the compose secrets and configs written into new containers.
     */
    public static List<CommandExecutor> create(Store store, DockerOps ops, Clock clock, String dockerHost,
            Runnable newConnection, Function<String, Path> artifactFiles, FileContents contents) {
        AppDeployer deployer = new AppDeployer(ops, clock, AppDeployer.DEFAULT_CHECK_TIMEOUT);
        Convergence convergence = new Convergence(store, ops, clock, new StoredAppRedeploy(store, deployer, artifactFiles),
            contents);
        DockerAvailability docker = new DockerAvailability(ops, dockerHost, newConnection);
        // APPLY and ROLLBACK tell an outage from a failure themselves (before marking the version or rolling back);
        // the others get the same from DockerGuard
        return List.of(
            new ApplyExecutor(CommandType.APPLY_STACK_VERSION, convergence, docker),
            new ApplyExecutor(CommandType.ROLLBACK_STACK_VERSION, convergence, docker),
            new DockerGuard(new DeleteExecutor(convergence), docker),
            new DockerGuard(new RuntimeActionExecutor(convergence), docker),
            new DockerGuard(new DeployExecutor(store, ops, artifactFiles, deployer), docker));
    }
}
