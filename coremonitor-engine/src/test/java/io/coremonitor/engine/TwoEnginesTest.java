package io.coremonitor.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.coremonitor.model.Command;
import io.coremonitor.model.CommandStatus;
import io.coremonitor.model.CommandType;
import io.coremonitor.model.Stack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two engines on one SQLite file, both workers started: one command at a time, in order, across both. */
class TwoEnginesTest {

    @TempDir
    Path dir;

    @Test
    void commandsRunOneAtATimeInOrderAcrossTwoEnginesAndSurviveAHandOver() {
        AtomicInteger active = new AtomicInteger();
        AtomicInteger maxActive = new AtomicInteger();
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        TestExecutor a = new TestExecutor(CommandType.APPLY_STACK_VERSION, (c, ctx) -> {
            order.add("a:" + c.commandId());
            EngineTests.sleep(5);
        }, active, maxActive);
        TestExecutor b = new TestExecutor(CommandType.APPLY_STACK_VERSION, (c, ctx) -> {
            order.add("b:" + c.commandId());
            EngineTests.sleep(5);
        }, active, maxActive);
        Duration ttl = Duration.ofSeconds(2);
        try (CoreMonitor engineA = EngineTests.engine(dir).workerId("engine-a").leaseTtl(ttl).executor(a).build();
                CoreMonitor engineB = EngineTests.engine(dir).workerId("engine-b").leaseTtl(ttl).executor(b).build()) {
            Stack stack = EngineTests.stack(engineA, "shop");
            engineA.startWorker();
            engineB.startWorker();
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                CoreMonitor via = i % 2 == 0 ? engineA : engineB;
                ids.add(via.commands().apply(stack.stackId(), "v1", false, "tester-" + i).commandId());
            }
            EngineTests.await("first 20 ended", () -> ids.stream()
                    .allMatch(id -> engineA.commands().get(id).status() == CommandStatus.DONE));
            String holder = engineA.status().leaseOwner().orElseThrow();
            CoreMonitor active1 = holder.equals("engine-a") ? engineA : engineB;
            CoreMonitor standby = active1 == engineA ? engineB : engineA;

            // the lease holder stops (releasing the lease): the other engine takes over the rest of the queue
            active1.stopWorker();
            for (int i = 0; i < 20; i++) {
                ids.add(active1.commands().apply(stack.stackId(), "v1", false, "tester-" + (20 + i)).commandId());
            }
            EngineTests.await("40 ended", () -> ids.stream()
                    .allMatch(id -> standby.commands().get(id).status() == CommandStatus.DONE));

            List<Long> executedIds = order.stream().map(s -> Long.parseLong(s.substring(2))).toList();
            assertThat(executedIds).containsExactlyElementsOf(ids);
            assertThat(maxActive.get()).isEqualTo(1);
            assertThat(a.executed.size() + b.executed.size()).isEqualTo(40);
            assertThat(a.executed).isNotEmpty();
            assertThat(b.executed).isNotEmpty();
            assertThat(standby.status().leaseOwner()).contains(standby.workerId());
            List<Command> all = QueueWorkerTest.FifoScenario.list(standby);
            QueueWorkerTest.FifoScenario.assertStartsFollowEnds(all);
        }
    }
}
