package io.coremonitor.engine.internal.convergence;

import com.github.dockerjava.api.DockerClient;
import io.coremonitor.docker.DockerEndpoint;
import io.coremonitor.docker.DockerHealth;
import io.coremonitor.docker.DockerOps;
import io.coremonitor.engine.CommandExecutor;
import io.coremonitor.model.CommandType;
import io.coremonitor.store.Store;
import java.net.URI;
import java.time.Clock;
import java.util.List;

/** The convergence executors: APPLY_STACK_VERSION, ROLLBACK_STACK_VERSION, DELETE_STACK, RUNTIME_ACTION. */
public final class DockerExecutors {

    private DockerExecutors() {
    }

    /**
     * The executors over a client of the engine at {@code dockerHost} (named in "Docker is unreachable at ..."). Each is
     * unavailable while the engine does not answer a ping, and turns a failure caused by the engine going away into a
     * {@link io.coremonitor.engine.ResourceUnavailableException}.
     */
    public static List<CommandExecutor> create(Store store, DockerClient docker, Clock clock, URI dockerHost) {
        return create(store, DockerOps.of(docker), clock, dockerHost.toString(),
            () -> DockerEndpoint.connect(dockerHost, DockerHealth.DEFAULT_PROBE_TIMEOUT));
    }

    /**
     * With any {@link DockerOps} (a counting or fault-injecting wrapper in tests); availability is the ping of
     * {@code ops} alone.
     */
    public static List<CommandExecutor> create(Store store, DockerOps ops, Clock clock, String dockerHost) {
        return create(store, ops, clock, dockerHost, () -> { });
    }

    /**
     * With any {@link DockerOps}, available while {@code newConnection} (a connection of its own to the engine's
     * endpoint, which throws when refused) and the ping of {@code ops} both succeed.
     */
    public static List<CommandExecutor> create(Store store, DockerOps ops, Clock clock, String dockerHost,
            Runnable newConnection) {
        Convergence convergence = new Convergence(store, ops, clock, AppRedeploy.NONE);
        DockerAvailability docker = new DockerAvailability(ops, dockerHost, newConnection);
        // APPLY and ROLLBACK tell an outage from a failure themselves (before marking the version or rolling back);
        // the others get the same from DockerGuard
        return List.of(
            new ApplyExecutor(CommandType.APPLY_STACK_VERSION, convergence, docker),
            new ApplyExecutor(CommandType.ROLLBACK_STACK_VERSION, convergence, docker),
            new DockerGuard(new DeleteExecutor(convergence), docker),
            new DockerGuard(new RuntimeActionExecutor(convergence), docker));
    }
}
