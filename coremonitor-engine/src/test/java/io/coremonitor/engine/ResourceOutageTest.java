package io.coremonitor.engine;

import static io.coremonitor.engine.EngineTests.assertLogContains;
import static io.coremonitor.engine.EngineTests.awaitEnd;
import static io.coremonitor.engine.EngineTests.awaitStatus;
import static org.assertj.core.api.Assertions.assertThat;

import io.coremonitor.model.Command;
import io.coremonitor.model.CommandLogLine;
import io.coremonitor.model.CommandStatus;
import io.coremonitor.model.CommandType;
import io.coremonitor.model.Stack;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker and an executor whose resource (Docker) is unreachable: the queue waits before starting a command, and a
 * command interrupted by the outage goes back to PENDING by the crash policy or fails with the outage as its reason.
 */
class ResourceOutageTest {

    private static final String DOWN = "Docker is unreachable at unix:///test.sock: Connection refused";

    @TempDir
    Path dir;
    private final List<CoreMonitor> engines = new ArrayList<>();
    private final List<String> events = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        engines.forEach(CoreMonitor::close);
    }

    /** An APPLY executor that is unavailable while {@code down} holds a reason, and runs {@code behaviour} otherwise. */
    private static final class Flaky implements CommandExecutor {
        final AtomicReference<Optional<String>> down = new AtomicReference<>(Optional.empty());
        final List<Integer> attempts = new CopyOnWriteArrayList<>();
        private final Consumer<Flaky> behaviour;

        Flaky(Consumer<Flaky> behaviour) {
            this.behaviour = behaviour;
        }

        @Override
        public CommandType type() {
            return CommandType.APPLY_STACK_VERSION;
        }

        @Override
        public Optional<String> unavailableReason() {
            return down.get();
        }

        @Override
        public void execute(Command command, ExecutionContext context) {
            attempts.add(command.attempt());
            behaviour.accept(this);
        }

        /** The resource goes away in the middle of the run. */
        void goDown() {
            down.set(Optional.of(DOWN));
            throw new ResourceUnavailableException(DOWN, new RuntimeException(new IOException("Broken pipe")));
        }
    }

    private CoreMonitor start(Flaky executor, Consumer<CoreMonitor.Builder> setup) {
        return EngineTests.started(dir, events, engines, setup.andThen(b -> b.executor(executor)));
    }

    @Test
    void theQueueWaitsWhileTheExecutorIsUnavailableAndSaysWhyOnce() {
        Flaky apply = new Flaky(f -> { });
        apply.down.set(Optional.of(DOWN));
        CoreMonitor cm = start(apply, b -> { });
        Stack stack = EngineTests.stack(cm, "shop");
        long first = cm.commands().apply(stack.stackId(), "v1", false, "alice").commandId();
        long second = cm.commands().apply(stack.stackId(), "v1", false, "alice").commandId();

        EngineTests.await("the worker waits", () -> cm.status().waitingFor().isPresent());
        EngineTests.sleep(400); // several polls
        assertThat(cm.status().waitingFor()).contains(DOWN);
        assertThat(cm.meterRegistry().get("coremonitor.queue.waiting").gauge().value()).isEqualTo(1);
        assertThat(cm.commands().get(first).status()).isEqualTo(CommandStatus.PENDING);
        assertThat(cm.commands().get(second).status()).isEqualTo(CommandStatus.PENDING);
        assertThat(apply.attempts).isEmpty();
        assertThat(cm.commands().logs(first)).extracting(CommandLogLine::message)
                .filteredOn(m -> m.startsWith("waiting to start")).containsExactly("waiting to start: " + DOWN
                        + "; it starts when this is over");

        apply.down.set(Optional.empty());
        assertThat(awaitEnd(cm, first).status()).isEqualTo(CommandStatus.DONE);
        assertThat(awaitEnd(cm, second).status()).isEqualTo(CommandStatus.DONE);
        assertThat(cm.status().waitingFor()).isEmpty();
        assertThat(cm.meterRegistry().get("coremonitor.queue.waiting").gauge().value()).isZero();
        assertLogContains(cm, first, "no longer waiting after ");
        assertThat(apply.attempts).containsExactly(1, 1);
    }

    @Test
    void aCommandInterruptedByTheOutageGoesBackToPendingAndRunsAgainWhenItIsOver() {
        Flaky apply = new Flaky(f -> {
            if (f.attempts.size() == 1) {
                f.goDown();
            }
        });
        CoreMonitor cm = start(apply, b -> { });
        Stack stack = EngineTests.stack(cm, "shop");
        long id = cm.commands().apply(stack.stackId(), "v1", false, "alice").commandId();

        EngineTests.await("the worker waits", () -> cm.status().waitingFor().isPresent());
        Command waiting = cm.commands().get(id);
        assertThat(waiting.status()).isEqualTo(CommandStatus.PENDING);
        assertThat(waiting.attempt()).isEqualTo(2);
        assertThat(waiting.error()).isEmpty();
        assertLogContains(cm, id, "interrupted (" + DOWN + "): back to PENDING for attempt 2 of 3");
        assertLogContains(cm, id, "waiting to start: " + DOWN);
        assertThat(events).contains(id + ":RUNNING>PENDING").doesNotContain(id + ":RUNNING>FAILED");

        apply.down.set(Optional.empty());
        Command done = awaitEnd(cm, id);
        assertThat(done.status()).isEqualTo(CommandStatus.DONE);
        assertThat(apply.attempts).containsExactly(1, 2);
    }

    @Test
    void withOnCrashFailTheOutageFailsTheCommandWithAClearReason() {
        Flaky apply = new Flaky(Flaky::goDown);
        CoreMonitor cm = start(apply, b -> b.onCrash(CrashPolicy.FAIL).onFailure(FailurePolicy.CONTINUE));
        Stack stack = EngineTests.stack(cm, "shop");
        long id = cm.commands().apply(stack.stackId(), "v1", false, "alice").commandId();

        Command failed = awaitEnd(cm, id);

        assertThat(failed.status()).isEqualTo(CommandStatus.FAILED);
        assertThat(failed.error()).contains(DOWN);
        assertThat(apply.attempts).containsExactly(1);
    }

    @Test
    void anOutageOnTheLastAttemptFailsTheCommand() {
        Flaky apply = new Flaky(f -> {
            f.down.set(Optional.empty()); // it answers again at once, and goes away again during each run
            f.goDown();
        });
        CoreMonitor cm = start(apply, b -> b.maxAttempts(2));
        Stack stack = EngineTests.stack(cm, "shop");
        long id = cm.commands().apply(stack.stackId(), "v1", false, "alice").commandId();
        EngineTests.await("the first interruption", () -> apply.attempts.size() == 1
                && cm.commands().get(id).status() == CommandStatus.PENDING);

        apply.down.set(Optional.empty());
        Command failed = awaitStatus(cm, id, CommandStatus.FAILED);

        assertThat(failed.error()).contains(DOWN);
        assertThat(failed.attempt()).isEqualTo(2);
        assertThat(apply.attempts).containsExactly(1, 2);
        assertLogContains(cm, id, "FAILED after 2 attempt(s) of 2");
    }
}
