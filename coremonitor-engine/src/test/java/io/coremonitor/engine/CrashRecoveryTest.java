package io.coremonitor.engine;

import static io.coremonitor.engine.EngineTests.assertLogContains;
import static io.coremonitor.engine.EngineTests.awaitEnd;
import static org.assertj.core.api.Assertions.assertThat;

import io.coremonitor.model.Command;
import io.coremonitor.model.CommandStatus;
import io.coremonitor.model.CommandType;
import io.coremonitor.model.Stack;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real crash: a child JVM runs the engine until a command is RUNNING, the test kills it with SIGKILL, and a new
 * engine on the same SQLite file resolves the interrupted command by the crash policy.
 */
class CrashRecoveryTest {

    private static final Duration LEASE_TTL = Duration.ofSeconds(1);

    @TempDir
    Path dir;
    private Process child;
    private CoreMonitor engine;

    @AfterEach
    void cleanUp() {
        if (child != null && child.isAlive()) {
            child.destroyForcibly();
        }
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void retryPolicyRunsTheInterruptedCommandAgainAsAttemptTwoThenTheOthersInOrder() throws Exception {
        long[] ids = enqueueThreeAndCrashWhileTheFirstRuns();

        engine = EngineTests.engine(dir).leaseTtl(LEASE_TTL).executor(recordingExecutor()).build();
        engine.startWorker();
        // the interrupted command goes RUNNING -> PENDING (attempt 2) -> RUNNING -> DONE
        for (long id : ids) {
            EngineTests.awaitStatus(engine, id, CommandStatus.DONE);
        }

        Command first = engine.commands().get(ids[0]);
        assertThat(first.attempt()).isEqualTo(2);
        assertLogContains(engine, ids[0], "interrupted (worker child-");
        assertLogContains(engine, ids[0], "on-crash=retry): back to PENDING for attempt 2 of 3");
        assertLogContains(engine, ids[0], "started APPLY_STACK_VERSION attempt 2");
        assertThat(engine.commands().get(ids[1]).attempt()).isEqualTo(1);
        assertThat(executions()).containsExactly(
                "child " + ids[0] + " 1",
                "parent " + ids[0] + " 2",
                "parent " + ids[1] + " 1",
                "parent " + ids[2] + " 1");
    }

    @Test
    void failPolicyFailsTheInterruptedCommandWithTheReasonAndHaltsTheQueue() throws Exception {
        long[] ids = enqueueThreeAndCrashWhileTheFirstRuns();

        engine = EngineTests.engine(dir).leaseTtl(LEASE_TTL).onCrash(CrashPolicy.FAIL).executor(recordingExecutor())
                .build();
        engine.startWorker();

        Command first = EngineTests.awaitStatus(engine, ids[0], CommandStatus.FAILED);
        assertThat(first.attempt()).isEqualTo(1);
        assertThat(first.error()).hasValueSatisfying(e -> assertThat(e).contains("interrupted").contains("on-crash=fail"));
        assertLogContains(engine, ids[0], "on-crash=fail: FAILED");
        EngineTests.sleep(300);
        QueueState state = engine.status();
        assertThat(state.haltedBy()).contains(ids[0]);
        assertThat(state.pending()).isEqualTo(2);
        assertThat(state.onCrash()).isEqualTo(CrashPolicy.FAIL);

        engine.commands().cancel(ids[0], "operator");
        assertThat(awaitEnd(engine, ids[1]).status()).isEqualTo(CommandStatus.DONE);
        assertThat(awaitEnd(engine, ids[2]).status()).isEqualTo(CommandStatus.DONE);
        assertThat(executions()).containsExactly(
                "child " + ids[0] + " 1",
                "parent " + ids[1] + " 1",
                "parent " + ids[2] + " 1");
    }

    /** Three APPLY commands; a child engine starts the first one and is killed while it runs. */
    private long[] enqueueThreeAndCrashWhileTheFirstRuns() throws Exception {
        long[] ids = new long[3];
        try (CoreMonitor setup = EngineTests.engine(dir).build()) {
            Stack stack = EngineTests.stack(setup, "shop");
            for (int i = 0; i < ids.length; i++) {
                ids[i] = setup.commands().apply(stack.stackId(), "v1", false, "tester").commandId();
            }
        }
        child = startChild();
        Path running = dir.resolve("running-" + ids[0]);
        EngineTests.await("the child to run command " + ids[0], Duration.ofSeconds(60),
                () -> Files.exists(running) || !child.isAlive());
        assertThat(child.isAlive()).as("child alive; its output: " + childOutput()).isTrue();

        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(137);

        try (CoreMonitor look = EngineTests.engine(dir).build()) {
            assertThat(look.commands().get(ids[0]).status()).isEqualTo(CommandStatus.RUNNING);
            assertThat(look.commands().get(ids[1]).status()).isEqualTo(CommandStatus.PENDING);
            // the dead child's lease row is still there (expired by now, or soon)
            assertThat(look.store().leases().current()).hasValueSatisfying(l -> assertThat(l.owner()).startsWith("child-"));
        }
        return ids;
    }

    private Process startChild() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                CrashChild.class.getName(), dir.resolve("coremonitor.db").toString(), dir.toString(),
                Long.toString(LEASE_TTL.toMillis())));
        File log = dir.resolve("child.log").toFile();
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
    }

    private String childOutput() {
        try {
            return Files.readString(dir.resolve("child.log"));
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    private TestExecutor recordingExecutor() {
        return new TestExecutor(CommandType.APPLY_STACK_VERSION, (c, ctx) -> CrashChild.record(dir, "parent", c));
    }

    private List<String> executions() throws IOException {
        return Files.readAllLines(dir.resolve("executions.log"));
    }
}
