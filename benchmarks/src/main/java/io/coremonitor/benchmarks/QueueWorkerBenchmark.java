package io.coremonitor.benchmarks;

import io.coremonitor.engine.CommandExecutor;
import io.coremonitor.engine.CoreMonitor;
import io.coremonitor.engine.ExecutionContext;
import io.coremonitor.model.Command;
import io.coremonitor.model.CommandStatus;
import io.coremonitor.model.CommandType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Enqueue-to-DONE throughput of no-op commands through the real engine (the {@link CoreMonitor} facade, its queue
 * worker and a no-op APPLY executor registered with {@code builder().executor(...)}) on SQLite, beside the plain JDBC
 * insert + update + update loop of {@link StoreQueueBenchmark}. The commands are enqueued with
 * {@code commands().apply(...)} while the worker runs; the clock stops when the last one is DONE.
 * Run: {@code benchmarks/run.sh}; arguments {@code [commands (10000)] [rounds (3)]}.
 */
public final class QueueWorkerBenchmark {

    private QueueWorkerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int commands = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path dir = Files.createTempDirectory("cm-queue-bench");
        System.out.printf("queue worker benchmark: %d no-op commands per round, %d rounds (+1 warm-up), files in %s%n",
                commands, rounds, dir);
        workerRun(dir.resolve("warm.db"), Math.max(100, commands / 10));
        StoreQueueBenchmark.plainRun(dir.resolve("warm-plain.db"), Math.max(100, commands / 10));
        List<Double> worker = new ArrayList<>();
        List<Double> plain = new ArrayList<>();
        for (int r = 1; r <= rounds; r++) {
            double w = workerRun(dir.resolve("worker-" + r + ".db"), commands);
            double p = StoreQueueBenchmark.plainRun(dir.resolve("plain-" + r + ".db"), commands);
            System.out.printf("round %d: engine worker %,.0f commands/s, plain JDBC %,.0f commands/s, ratio %.3f%n", r, w, p,
                    w / p);
            worker.add(w);
            plain.add(p);
        }
        double w = Stats.median(worker);
        double p = Stats.median(plain);
        System.out.printf("medians: engine worker %,.0f commands/s (enqueue via commands().apply, worker to DONE),"
                + " plain JDBC loop %,.0f commands/s%n", w, p);
        System.out.printf("RESULT name=queue_worker_vs_plain_jdbc ratio=%.3f core_monitor_per_s=%.0f plain_jdbc_per_s=%.0f"
                + " commands=%d rounds=%d%n", w / p, w, p, commands, rounds);
        StoreQueueBenchmark.deleteTree(dir);
    }

    static double workerRun(Path file, int commands) throws InterruptedException {
        CommandExecutor noop = new CommandExecutor() {
            @Override
            public CommandType type() {
                return CommandType.APPLY_STACK_VERSION;
            }

            @Override
            public void execute(Command command, ExecutionContext context) {
                // no-op
            }
        };
        try (CoreMonitor cm = CoreMonitor.builder().sqlite(file).executor(noop).pollInterval(Duration.ofMillis(10)).build()) {
            String stack = cm.stacks().createStack("bench", "services:\n  a:\n    image: coremonitor-test/busybox:latest\n",
                    Map.of(), "bench", null, Optional.of("bench")).stackId();
            cm.startWorker();
            long start = System.nanoTime();
            for (int i = 0; i < commands; i++) {
                cm.commands().apply(stack, "v1", false, "bench");
            }
            while (cm.store().commands().count(CommandStatus.DONE) < commands) {
                if (cm.store().commands().count(CommandStatus.FAILED) > 0) {
                    throw new IllegalStateException("a no-op command failed");
                }
                Thread.sleep(5);
            }
            long nanos = System.nanoTime() - start;
            cm.stopWorker();
            return commands / (nanos / 1e9);
        }
    }
}
