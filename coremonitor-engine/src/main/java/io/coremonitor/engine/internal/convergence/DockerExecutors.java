package io.coremonitor.engine.internal.convergence;

import com.github.dockerjava.api.DockerClient;
import io.coremonitor.docker.DockerOps;
import io.coremonitor.engine.CommandExecutor;
import io.coremonitor.model.CommandType;
import io.coremonitor.store.Store;
import java.time.Clock;
import java.util.List;

/** The convergence executors: APPLY_STACK_VERSION, ROLLBACK_STACK_VERSION, DELETE_STACK, RUNTIME_ACTION. */
public final class DockerExecutors {

    private DockerExecutors() {
    }

    public static List<CommandExecutor> create(Store store, DockerClient docker, Clock clock) {
        return create(store, DockerOps.of(docker), clock);
    }

    /** With any {@link DockerOps} (a counting or fault-injecting wrapper in tests). */
    public static List<CommandExecutor> create(Store store, DockerOps ops, Clock clock) {
        Convergence convergence = new Convergence(store, ops, clock);
        return List.of(
            new ApplyExecutor(CommandType.APPLY_STACK_VERSION, convergence),
            new ApplyExecutor(CommandType.ROLLBACK_STACK_VERSION, convergence),
            new DeleteExecutor(convergence),
            new RuntimeActionExecutor(convergence));
    }
}
