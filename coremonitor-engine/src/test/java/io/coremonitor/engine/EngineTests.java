package io.coremonitor.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.coremonitor.model.Command;
import io.coremonitor.model.CommandStatus;
import io.coremonitor.model.Stack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/** Helpers of the engine tests. */
final class EngineTests {

    static final String YAML = """
            services:
              web:
                image: busybox:latest
                command: ["httpd", "-f"]
              db:
                image: busybox:latest
            """;
    static final String YAML_V2 = """
            services:
              web:
                image: busybox:latest
                command: ["httpd", "-f", "-p", "8080"]
              db:
                image: busybox:latest
            """;
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final Set<CommandStatus> ENDED = EnumSet.of(CommandStatus.DONE, CommandStatus.FAILED, CommandStatus.CANCELLED);

    private EngineTests() {
    }

    /** An engine on a SQLite file of {@code dir}, polling every 50 ms. */
    static CoreMonitor.Builder engine(Path dir) {
        return CoreMonitor.builder().sqlite(dir.resolve("coremonitor.db")).pollInterval(Duration.ofMillis(50));
    }

    /**
     * Builds an engine on {@code dir} whose listener records every change as {@code id:FROM>TO} in {@code events},
     * with {@code setup} (executors, policies) applied, adds it to {@code engines} (closed by the test) and starts its
     * worker.
     */
    static CoreMonitor started(Path dir, List<String> events, List<CoreMonitor> engines, Consumer<CoreMonitor.Builder> setup) {
        CoreMonitor.Builder builder = engine(dir)
                .listener((before, after) -> events.add(after.commandId() + ":" + before.map(b -> b.status().name())
                        .orElse("NONE") + ">" + after.status()));
        setup.accept(builder);
        CoreMonitor cm = builder.build();
        engines.add(cm);
        cm.startWorker();
        return cm;
    }

    static Stack stack(CoreMonitor cm, String name) {
        return cm.stacks().createStack(name, YAML, Map.of(), "tester", "first", Optional.empty());
    }

    static void await(String what, BooleanSupplier condition) {
        await(what, TIMEOUT, condition);
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) {
        waiting(what, timeout).until(condition::getAsBoolean);
    }

    /** Waits until the command is in one of the statuses and returns it; a timeout names the command last read. */
    static Command awaitStatus(CoreMonitor cm, long commandId, Set<CommandStatus> statuses) {
        return waiting("command " + commandId + " in " + statuses, TIMEOUT)
                .until(() -> cm.commands().get(commandId), c -> statuses.contains(c.status()));
    }

    /** Polls every 10 ms from the first instant, in the test's own thread, for at most {@code timeout}. */
    private static ConditionFactory waiting(String what, Duration timeout) {
        return Awaitility.await(what).atMost(timeout).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10))
                .pollInSameThread();
    }

    static Command awaitStatus(CoreMonitor cm, long commandId, CommandStatus status) {
        return awaitStatus(cm, commandId, EnumSet.of(status));
    }

    static Command awaitEnd(CoreMonitor cm, long commandId) {
        return awaitStatus(cm, commandId, ENDED);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static void assertLogContains(CoreMonitor cm, long commandId, String text) {
        assertThat(cm.commands().logs(commandId)).extracting(l -> l.message()).anyMatch(m -> m.contains(text));
    }
}
