package io.coremonitor.engine;

import static io.coremonitor.engine.EngineTests.assertLogContains;
import static org.assertj.core.api.Assertions.assertThat;

import io.coremonitor.model.Command;
import io.coremonitor.model.CommandStatus;
import io.coremonitor.model.CommandType;
import io.coremonitor.model.LogLevel;
import io.coremonitor.model.Stack;
import io.coremonitor.store.LeaseRepository;
import io.coremonitor.store.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lease and crash policy with a moved clock: a "dead" worker is simulated by a lease row and a RUNNING command
 * written directly in the store.
 */
class LeaseRecoveryTest {

    private static final Duration DEAD_TTL = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    private final MutableClock clock = MutableClock.atEpochOfTests();
    private CoreMonitor setup;
    private CoreMonitor engine;
    private Stack stack;

    @BeforeEach
    void open() {
        setup = EngineTests.engine(dir).clock(clock).build();
        stack = EngineTests.stack(setup, "shop");
    }

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
        setup.close();
    }

    /** A command RUNNING (at this attempt) under the lease of a worker that then died. */
    private long runningUnderADeadWorker(int attempt) {
        long id = setup.commands().apply(stack.stackId(), "v1", false, "tester").commandId();
        for (int a = 1; a < attempt; a++) {
            setup.store().commands().markRunning(id);
            setup.store().commands().markFailed(id, "earlier attempt");
            setup.store().commands().retry(id);
        }
        assertThat(setup.store().leases().tryAcquire(LeaseRepository.QUEUE_WORKER, "dead-worker", DEAD_TTL)).isPresent();
        setup.store().commands().markRunning(id);
        return id;
    }

    private CoreMonitor startEngine(CoreMonitor.Builder builder) {
        engine = builder.build();
        engine.startWorker();
        return engine;
    }

    @Test
    void aLiveLeaseOfAnotherWorkerIsRespectedThenTheInterruptedCommandIsRetried() {
        long id = runningUnderADeadWorker(1);
        TestExecutor apply = TestExecutor.ok(CommandType.APPLY_STACK_VERSION);
        startEngine(EngineTests.engine(dir).clock(clock).executor(apply));

        EngineTests.sleep(400);
        assertThat(engine.commands().get(id).status()).isEqualTo(CommandStatus.RUNNING);
        assertThat(engine.status().leaseOwner()).contains("dead-worker");
        assertThat(apply.executed).isEmpty();

        clock.advance(DEAD_TTL);

        Command done = EngineTests.awaitStatus(engine, id, CommandStatus.DONE);
        assertThat(done.status()).isEqualTo(CommandStatus.DONE);
        assertThat(done.attempt()).isEqualTo(2);
        assertThat(apply.attempts).containsExactly(2);
        assertLogContains(engine, id, "interrupted (worker dead-worker (its lease expired at 2026-01-01T00:00:10Z)");
        assertThat(engine.status().leaseOwner()).contains(engine.workerId());
    }

    @Test
    void afterTheLastAttemptTheInterruptedCommandFails() {
        long id = runningUnderADeadWorker(3);
        TestExecutor apply = TestExecutor.ok(CommandType.APPLY_STACK_VERSION);
        startEngine(EngineTests.engine(dir).clock(clock).maxAttempts(3).executor(apply));
        clock.advance(DEAD_TTL);

        Command failed = EngineTests.awaitStatus(engine, id, CommandStatus.FAILED);

        assertThat(failed.attempt()).isEqualTo(3);
        assertThat(failed.error()).hasValueSatisfying(e -> assertThat(e).contains("no attempt left of 3"));
        assertLogContains(engine, id, "attempt 3 was the last of 3: FAILED");
        assertThat(apply.executed).isEmpty();
        EngineTests.await("halted", () -> engine.status().haltedBy().isPresent());
    }

    @Test
    void anInterruptedCommandWhoseCancelWasRequestedEndsCancelled() {
        long id = runningUnderADeadWorker(1);
        setup.commands().cancel(id, "bob");
        TestExecutor apply = TestExecutor.ok(CommandType.APPLY_STACK_VERSION);
        startEngine(EngineTests.engine(dir).clock(clock).executor(apply));
        clock.advance(DEAD_TTL);

        Command cancelled = EngineTests.awaitStatus(engine, id, CommandStatus.CANCELLED);

        assertThat(cancelled.error()).hasValueSatisfying(e -> assertThat(e).contains("cancel requested"));
        assertThat(apply.executed).isEmpty();
    }

    @Test
    void stoppingTheWorkerLetsTheRunningCommandFinishAndReleasesTheLease() {
        CountDownLatch started = new CountDownLatch(1);
        startEngine(EngineTests.engine(dir).clock(clock).executor(new TestExecutor(CommandType.APPLY_STACK_VERSION,
                (c, ctx) -> {
                    started.countDown();
                    EngineTests.sleep(300);
                })));
        long id = engine.commands().apply(stack.stackId(), "v1", false, "tester").commandId();
        QueueWorkerTest.await(started);

        engine.stopWorker();

        assertThat(engine.commands().get(id).status()).isEqualTo(CommandStatus.DONE);
        assertThat(engine.store().leases().current()).isEmpty();
        assertThat(engine.status().workerRunning()).isFalse();
    }

    @Test
    void aCommandStillRunningAfterTheStopTimeoutIsLeftRunningForTheCrashPolicy() {
        CountDownLatch started = new CountDownLatch(1);
        startEngine(EngineTests.engine(dir).clock(clock)
                .settings(io.coremonitor.engine.QueueSettings.defaults().withPollInterval(Duration.ofMillis(50))
                        .withStopTimeout(Duration.ofMillis(100)))
                .executor(new TestExecutor(CommandType.APPLY_STACK_VERSION, (c, ctx) -> {
                    started.countDown();
                    // the first attempt runs until the worker gives up on it (its context then says so)
                    while (c.attempt() == 1 && !ctx.cancelRequested()) {
                        Thread.onSpinWait();
                    }
                })));
        long id = engine.commands().apply(stack.stackId(), "v1", false, "tester").commandId();
        QueueWorkerTest.await(started);

        engine.stopWorker();

        assertThat(engine.commands().get(id).status()).isEqualTo(CommandStatus.RUNNING);
        assertLogContains(engine, id, "left RUNNING for the crash policy");
        engine.startWorker();
        // recovery goes RUNNING -> PENDING (attempt 2), then the command runs again
        Command again = EngineTests.awaitStatus(engine, id, CommandStatus.DONE);
        assertThat(again.attempt()).isEqualTo(2);
        assertThat(engine.commands().logs(id)).anyMatch(l -> l.level() == LogLevel.WARN
                && l.message().contains("on-crash=retry"));
    }
}
