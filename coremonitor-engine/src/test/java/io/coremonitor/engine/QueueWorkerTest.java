package io.coremonitor.engine;

import static io.coremonitor.engine.EngineTests.assertLogContains;
import static io.coremonitor.engine.EngineTests.awaitEnd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coremonitor.model.Command;
import io.coremonitor.model.CommandLogLine;
import io.coremonitor.model.CommandStatus;
import io.coremonitor.model.CommandType;
import io.coremonitor.model.IllegalTransitionException;
import io.coremonitor.model.Stack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker: dispatch, logs, listeners, the transitions it makes, halt/continue, cancel, FIFO under contention. */
class QueueWorkerTest {

    @TempDir
    Path dir;
    private final List<CoreMonitor> engines = new ArrayList<>();
    private final List<String> events = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        engines.forEach(CoreMonitor::close);
    }

    private CoreMonitor start(Consumer<CoreMonitor.Builder> setup) {
        return EngineTests.started(dir, events, engines, setup);
    }

    @Test
    void runsACommandToDoneWithItsLogAndEvents() {
        TestExecutor apply = TestExecutor.ok(CommandType.APPLY_STACK_VERSION);
        CoreMonitor cm = start(b -> b.executor(apply));
        Stack stack = EngineTests.stack(cm, "shop");

        Command c = awaitEnd(cm, cm.commands().apply(stack.stackId(), "v1", false, "alice").commandId());

        assertThat(c.status()).isEqualTo(CommandStatus.DONE);
        assertThat(c.startedAt()).isPresent();
        assertThat(c.endedAt()).isPresent();
        assertThat(c.error()).isEmpty();
        assertThat(apply.executed).containsExactly(c.commandId());
        assertThat(cm.commands().logs(c.commandId())).extracting(CommandLogLine::message).satisfiesExactly(
                m -> assertThat(m).startsWith("enqueued by alice"),
                m -> assertThat(m).isEqualTo("started APPLY_STACK_VERSION attempt 1 on worker " + cm.workerId()),
                m -> assertThat(m).isEqualTo("did APPLY_STACK_VERSION"),
                m -> assertThat(m).matches("ended DONE in \\d+ ms"));
        EngineTests.await("events", () -> events.size() == 3);
        long id = c.commandId();
        assertThat(events).containsExactly(id + ":NONE>PENDING", id + ":PENDING>RUNNING", id + ":RUNNING>DONE");
        assertThat(cm.status().running()).isEmpty();
        assertThat(cm.status().leaseOwner()).contains(cm.workerId());
        assertThat(cm.status().workerRunning()).isTrue();
    }

    @Test
    void aFailingExecutorFailsTheCommandWithItsReason() {
        CoreMonitor cm = start(b -> b
                .executor(new TestExecutor(CommandType.APPLY_STACK_VERSION, (c, ctx) -> {
                    throw new CommandFailedException("image not found");
                }))
                .executor(new TestExecutor(CommandType.DELETE_STACK, (c, ctx) -> {
                    throw new IllegalStateException("bug");
                })));
        Stack stack = EngineTests.stack(cm, "shop");

        Command apply = awaitEnd(cm, cm.commands().apply(stack.stackId(), "v1", false, "alice").commandId());
        assertThat(apply.status()).isEqualTo(CommandStatus.FAILED);
        assertThat(apply.error()).contains("image not found");
        assertLogContains(cm, apply.commandId(), "ended FAILED in");
        cm.commands().cancel(apply.commandId(), "alice");

        Command delete = awaitEnd(cm, cm.commands().delete(stack.stackId(), false, "alice").commandId());
        assertThat(delete.status()).isEqualTo(CommandStatus.FAILED);
        assertThat(delete.error()).contains("IllegalStateException: bug");
    }

    @Test
    void aCommandWithoutExecutorFails() {
        CoreMonitor cm = start(b -> { });
        Stack stack = EngineTests.stack(cm, "shop");

        Command c = awaitEnd(cm, cm.commands().apply(stack.stackId(), "v1", false, "alice").commandId());

        assertThat(c.status()).isEqualTo(CommandStatus.FAILED);
        assertThat(c.error()).contains("no executor for APPLY_STACK_VERSION");
        assertLogContains(cm, c.commandId(), "no executor for APPLY_STACK_VERSION");
    }

    @Test
    void anExecutorMayEndItsCommandCancelled() {
        CoreMonitor cm = start(b -> b.executor(new TestExecutor(CommandType.APPLY_STACK_VERSION, (c, ctx) -> {
            throw new CommandCancelledException("gave up");
        })));
        Stack stack = EngineTests.stack(cm, "shop");

        Command c = awaitEnd(cm, cm.commands().apply(stack.stackId(), "v1", false, "alice").commandId());

        assertThat(c.status()).isEqualTo(CommandStatus.CANCELLED);
        assertThat(c.error()).contains("gave up");
    }

    @Test
    void aFailedCommandHaltsTheQueueUntilRetried() {
        AtomicInteger runs = new AtomicInteger();
        TestExecutor apply = new TestExecutor(CommandType.APPLY_STACK_VERSION, (c, ctx) -> {
            if (runs.incrementAndGet() == 1) {
                throw new CommandFailedException("first run fails");
            }
        });
        TestExecutor delete = TestExecutor.ok(CommandType.DELETE_STACK);
        CoreMonitor cm = start(b -> b.executor(apply).executor(delete));
        Stack stack = EngineTests.stack(cm, "shop");
        cm.stopWorker();
        long first = cm.commands().apply(stack.stackId(), "v1", false, "alice").commandId();
        long second = cm.commands().delete(stack.stackId(), false, "alice").commandId();
        cm.startWorker();

        assertThat(awaitEnd(cm, first).status()).isEqualTo(CommandStatus.FAILED);
        EngineTests.sleep(300);
        assertThat(cm.commands().get(second).status()).isEqualTo(CommandStatus.PENDING);
        QueueState state = cm.status();
        assertThat(state.halted()).isTrue();
        assertThat(state.haltedBy()).contains(first);
        assertThat(state.haltReason()).contains("first run fails");
        assertThat(state.pending()).isEqualTo(1);
        assertThat(state.onFailure()).isEqualTo(FailurePolicy.HALT);

        cm.commands().retry(first, "bob");

        assertThat(awaitEnd(cm, second).status()).isEqualTo(CommandStatus.DONE);
        Command retried = cm.commands().get(first);
        assertThat(retried.status()).isEqualTo(CommandStatus.DONE);
        assertThat(retried.attempt()).isEqualTo(2);
        assertThat(apply.attempts).containsExactly(1, 2);
        assertLogContains(cm, first, "started APPLY_STACK_VERSION attempt 2");
        assertThat(cm.status().halted()).isFalse();
    }

    @Test
    void cancellingTheFailedCommandUnblocksTheQueue() {
        TestExecutor apply = new TestExecutor(CommandType.APPLY_STACK_VERSION, (c, ctx) -> {
            throw new CommandFailedException("fails");
        });
        TestExecutor delete = TestExecutor.ok(CommandType.DELETE_STACK);
        CoreMonitor cm = start(b -> b.executor(apply).executor(delete));
        Stack stack = EngineTests.stack(cm, "shop");
        long first = cm.commands().apply(stack.stackId(), "v1", false, "alice").commandId();
        assertThat(awaitEnd(cm, first).status()).isEqualTo(CommandStatus.FAILED);
        long second = cm.commands().delete(stack.stackId(), false, "alice").commandId();
        EngineTests.sleep(300);
        assertThat(cm.commands().get(second).status()).isEqualTo(CommandStatus.PENDING);

        cm.commands().cancel(first, "bob");

        assertThat(awaitEnd(cm, second).status()).isEqualTo(CommandStatus.DONE);
        assertThat(cm.commands().get(first).status()).isEqualTo(CommandStatus.CANCELLED);
    }

    @Test
    void withContinueTheNextCommandRunsAfterAFailure() {
        TestExecutor apply = new TestExecutor(CommandType.APPLY_STACK_VERSION, (c, ctx) -> {
            throw new CommandFailedException("fails");
        });
        TestExecutor delete = TestExecutor.ok(CommandType.DELETE_STACK);
        CoreMonitor cm = start(b -> b.executor(apply).executor(delete).onFailure(FailurePolicy.CONTINUE));
        Stack stack = EngineTests.stack(cm, "shop");
        cm.stopWorker();
        long first = cm.commands().apply(stack.stackId(), "v1", false, "alice").commandId();
        long second = cm.commands().delete(stack.stackId(), false, "alice").commandId();
        cm.startWorker();

        assertThat(awaitEnd(cm, second).status()).isEqualTo(CommandStatus.DONE);
        assertThat(cm.commands().get(first).status()).isEqualTo(CommandStatus.FAILED);
        assertThat(cm.status().halted()).isFalse();
        assertThat(cm.status().onFailure()).isEqualTo(FailurePolicy.CONTINUE);
    }

    @Test
    void aRunningCommandIsCancelledCooperatively() {
        CountDownLatch running = new CountDownLatch(1);
        // The executor honours the request only once cancel() has answered, so that answer is always RUNNING.
        CountDownLatch cancelAnswered = new CountDownLatch(1);
        AtomicInteger loops = new AtomicInteger();
        CoreMonitor cm = start(b -> b.executor(new TestExecutor(CommandType.APPLY_STACK_VERSION, (c, ctx) -> {
            while (true) {
                if (cancelAnswered.getCount() == 0) {
                    ctx.checkCancelled();
                }
                loops.incrementAndGet();
                running.countDown();
                EngineTests.sleep(5);
            }
        })).executor(TestExecutor.ok(CommandType.DELETE_STACK)));
        Stack stack = EngineTests.stack(cm, "shop");
        long id = cm.commands().apply(stack.stackId(), "v1", false, "alice").commandId();
        long next = cm.commands().delete(stack.stackId(), false, "alice").commandId();
        await(running);
        assertThat(cm.status().running()).map(Command::commandId).contains(id);

        Command requested = cm.commands().cancel(id, "bob");
        cancelAnswered.countDown();

        assertThat(requested.status()).isEqualTo(CommandStatus.RUNNING);
        Command cancelled = awaitEnd(cm, id);
        assertThat(cancelled.status()).isEqualTo(CommandStatus.CANCELLED);
        assertThat(cancelled.error()).contains("cancelled on request");
        assertThat(loops.get()).isPositive();
        assertLogContains(cm, id, "cancel requested by bob");
        assertLogContains(cm, id, "ended CANCELLED");
        assertThat(awaitEnd(cm, next).status()).isEqualTo(CommandStatus.DONE);
    }

    @Test
    void anExecutorThatIgnoresTheCancelRequestEndsDone() {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch requested = new CountDownLatch(1);
        CoreMonitor cm = start(b -> b.executor(new TestExecutor(CommandType.APPLY_STACK_VERSION, (c, ctx) -> {
            running.countDown();
            await(requested);
        })));
        Stack stack = EngineTests.stack(cm, "shop");
        long id = cm.commands().apply(stack.stackId(), "v1", false, "alice").commandId();
        await(running);

        assertThat(cm.commands().cancel(id, "bob").status()).isEqualTo(CommandStatus.RUNNING);
        requested.countDown();

        Command done = EngineTests.awaitEnd(cm, id);
        assertThat(done.status()).isEqualTo(CommandStatus.DONE);
        assertThatThrownBy(() -> cm.commands().cancel(id, "bob")).isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void aCancelRequestPersistedByAnotherProcessIsSeenByTheExecutor() {
        CountDownLatch running = new CountDownLatch(1);
        CoreMonitor cm = start(b -> b.executor(new TestExecutor(CommandType.APPLY_STACK_VERSION, (c, ctx) -> {
            running.countDown();
            while (true) {
                ctx.checkCancelled();
                EngineTests.sleep(5);
            }
        })));
        Stack stack = EngineTests.stack(cm, "shop");
        long id = cm.commands().apply(stack.stackId(), "v1", false, "alice").commandId();
        await(running);

        // what CommandService.cancel writes when the command runs in another engine
        cm.store().commandLogs().append(id, io.coremonitor.model.LogLevel.WARN, "cancel requested by remote");

        assertThat(awaitEnd(cm, id).status()).isEqualTo(CommandStatus.CANCELLED);
    }

    @Test
    void aListenerThatThrowsNeverBreaksTheWorker() {
        CoreMonitor cm = start(b -> b.executor(TestExecutor.ok(CommandType.APPLY_STACK_VERSION))
                .listener((before, after) -> {
                    throw new IllegalStateException("listener bug");
                }));
        Stack stack = EngineTests.stack(cm, "shop");

        for (int i = 0; i < 3; i++) {
            long id = cm.commands().apply(stack.stackId(), "v1", false, "alice").commandId();
            assertThat(awaitEnd(cm, id).status()).isEqualTo(CommandStatus.DONE);
        }
    }

    @Test
    void thirtyTwoThreadsEnqueuingAtOnceAreRunInIdOrderOneAtATime() throws Exception {
        AtomicInteger active = new AtomicInteger();
        AtomicInteger maxActive = new AtomicInteger();
        List<Long> order = Collections.synchronizedList(new ArrayList<>());
        List<String> overlaps = new CopyOnWriteArrayList<>();
        CoreMonitor[] holder = new CoreMonitor[1];
        TestExecutor apply = new TestExecutor(CommandType.APPLY_STACK_VERSION, (c, ctx) -> {
            order.add(c.commandId());
            long runningInDb = holder[0].store().commands().count(CommandStatus.RUNNING);
            if (runningInDb != 1) {
                overlaps.add(c.commandId() + " saw " + runningInDb + " RUNNING");
            }
            EngineTests.sleep(2);
        }, active, maxActive);
        CoreMonitor cm = start(b -> b.executor(apply));
        holder[0] = cm;
        Stack stack = EngineTests.stack(cm, "shop");

        FifoScenario.enqueueConcurrently(cm, stack, 32, 4);

        List<Command> all = FifoScenario.awaitAll(cm, 128);
        assertThat(all).allSatisfy(c -> assertThat(c.status()).isEqualTo(CommandStatus.DONE));
        List<Long> ids = all.stream().map(Command::commandId).toList();
        assertThat(order).containsExactlyElementsOf(ids);
        assertThat(apply.maxConcurrency()).isEqualTo(1);
        assertThat(overlaps).isEmpty();
        FifoScenario.assertStartsFollowEnds(all);
    }

    static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).as("latch").isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** The FIFO scenario, shared with the PostgreSQL variant. */
    static final class FifoScenario {

        private FifoScenario() {
        }

        /** {@code threads} threads start together, each enqueuing {@code perThread} commands. */
        static void enqueueConcurrently(CoreMonitor cm, Stack stack, int threads, int perThread) throws Exception {
            CyclicBarrier barrier = new CyclicBarrier(threads);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<Void>> futures = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    String actor = "thread-" + t;
                    Callable<Void> task = () -> {
                        barrier.await(30, TimeUnit.SECONDS);
                        for (int i = 0; i < perThread; i++) {
                            cm.commands().apply(stack.stackId(), "v1", false, actor);
                        }
                        return null;
                    };
                    futures.add(pool.submit(task));
                }
                for (Future<Void> f : futures) {
                    f.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
        }

        static List<Command> awaitAll(CoreMonitor cm, int count) {
            EngineTests.await(count + " commands ended", Duration.ofSeconds(120), () -> {
                List<Command> all = list(cm);
                return all.size() == count && all.stream().allMatch(c -> EngineTests.ENDED.contains(c.status()));
            });
            return list(cm);
        }

        static List<Command> list(CoreMonitor cm) {
            return cm.commands().list(io.coremonitor.store.CommandFilter.all(),
                    io.coremonitor.store.PageRequest.first(500)).items();
        }

        /** Each command started no earlier than the previous one ended: never two RUNNING at once. */
        static void assertStartsFollowEnds(List<Command> all) {
            for (int i = 1; i < all.size(); i++) {
                Command previous = all.get(i - 1);
                Command current = all.get(i);
                assertThat(current.startedAt().orElseThrow()).as("start of " + current.commandId())
                        .isAfterOrEqualTo(previous.endedAt().orElseThrow());
            }
        }
    }
}
