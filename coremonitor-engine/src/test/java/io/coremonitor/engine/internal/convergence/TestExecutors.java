package io.coremonitor.engine.internal.convergence;

import io.coremonitor.docker.DockerOps;
import io.coremonitor.engine.CommandExecutor;
import io.coremonitor.model.CommandType;
import io.coremonitor.store.Store;
import java.time.Clock;
import java.util.Map;
import java.util.stream.Collectors;

/** The convergence executors of a test engine by command type: no artifact store, no wake-up, the system clock. */
final class TestExecutors {

    private TestExecutors() {
    }

    static Map<CommandType, CommandExecutor> byType(Store store, DockerOps ops, FileContents contents) {
        return DockerExecutors.create(store, ops, Clock.systemUTC(), "the test engine", () -> { }, sha -> {
            throw new IllegalStateException("no artifacts here");
        }, contents).stream().collect(Collectors.toMap(CommandExecutor::type, e -> e));
    }
}
