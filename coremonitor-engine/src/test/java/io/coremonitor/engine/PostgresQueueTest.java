package io.coremonitor.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.coremonitor.model.Command;
import io.coremonitor.model.CommandStatus;
import io.coremonitor.model.CommandType;
import io.coremonitor.model.Stack;
import io.coremonitor.store.StoreConfig;
import io.coremonitor.store.testing.PostgresRequired;
import io.coremonitor.store.testing.TestPostgres;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The worker FIFO test and the two-engine test on PostgreSQL (skipped visibly when no server is reachable). */
@ExtendWith(PostgresRequired.class)
class PostgresQueueTest {

    private final StoreConfig config = TestPostgres.freshConfig(Clock.systemUTC());

    @AfterEach
    void dropSchema() {
        config.schema().ifPresent(TestPostgres::dropSchema);
    }

    private CoreMonitor.Builder engine() {
        return CoreMonitor.builder().store(config).pollInterval(Duration.ofMillis(50));
    }

    @Test
    void thirtyTwoThreadsEnqueuingAtOnceAreRunInIdOrderOneAtATime() throws Exception {
        List<Long> order = Collections.synchronizedList(new ArrayList<>());
        TestExecutor apply = new TestExecutor(CommandType.APPLY_STACK_VERSION, (c, ctx) -> order.add(c.commandId()));
        try (CoreMonitor cm = engine().executor(apply).build()) {
            cm.startWorker();
            Stack stack = EngineTests.stack(cm, "shop");

            QueueWorkerTest.FifoScenario.enqueueConcurrently(cm, stack, 32, 4);

            List<Command> all = QueueWorkerTest.FifoScenario.awaitAll(cm, 128);
            assertThat(all).allSatisfy(c -> assertThat(c.status()).isEqualTo(CommandStatus.DONE));
            assertThat(order).containsExactlyElementsOf(all.stream().map(Command::commandId).toList());
            assertThat(apply.maxConcurrency()).isEqualTo(1);
            QueueWorkerTest.FifoScenario.assertStartsFollowEnds(all);
        }
    }

    @Test
    void twoEnginesOnOneDatabaseRunOneCommandAtATimeInOrder() {
        AtomicInteger active = new AtomicInteger();
        AtomicInteger maxActive = new AtomicInteger();
        List<Long> order = Collections.synchronizedList(new ArrayList<>());
        TestExecutor a = new TestExecutor(CommandType.APPLY_STACK_VERSION, (c, ctx) -> order.add(c.commandId()), active,
                maxActive);
        TestExecutor b = new TestExecutor(CommandType.APPLY_STACK_VERSION, (c, ctx) -> order.add(c.commandId()), active,
                maxActive);
        try (CoreMonitor engineA = engine().executor(a).build(); CoreMonitor engineB = engine().executor(b).build()) {
            Stack stack = EngineTests.stack(engineA, "shop");
            engineA.startWorker();
            engineB.startWorker();
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                ids.add((i % 2 == 0 ? engineA : engineB).commands().apply(stack.stackId(), "v1", false, "t").commandId());
            }
            EngineTests.await("30 ended", () -> ids.stream()
                    .allMatch(id -> engineA.commands().get(id).status() == CommandStatus.DONE));
            assertThat(order).containsExactlyElementsOf(ids);
            assertThat(maxActive.get()).isEqualTo(1);
        }
    }
}
