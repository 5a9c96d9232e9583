package io.coremonitor.benchmarks;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import io.coremonitor.docker.ContainerRequest;
import io.coremonitor.docker.DockerClients;
import io.coremonitor.docker.DockerSettings;
import io.coremonitor.docker.ServiceTranslator;
import io.coremonitor.docker.StackLabels;
import io.coremonitor.engine.CoreMonitor;
import io.coremonitor.model.Command;
import io.coremonitor.model.CommandLogLine;
import io.coremonitor.model.CommandStatus;
import io.coremonitor.model.ComposeDefinition;
import io.coremonitor.model.ComposeLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Apply time of N independent busybox services through Core Monitor's APPLY executor, beside {@code docker-compose up -d}
 * on the same file and engine (Debian's docker-compose 1.29), and the no-op re-apply time of both. Needs a running
 * engine, the image {@code coremonitor-test/busybox:latest} ({@code scripts/test-images.sh}) and {@code docker-compose}
 * on the PATH.
 *
 * <p>Method: one warm-up round of each tool (excluded: JVM class loading and JIT, compose's Python start), then
 * {@code runs} rounds; each round applies a fresh stack with Core Monitor (first apply, then the no-op re-apply of the
 * same version), removes it, then runs {@code docker-compose up -d} twice on a fresh project and {@code down -t 0}
 * (removals are not timed). Rounds interleave both tools so that load from other processes hits both alike. The
 * figures are medians of the rounds and ratios measured in the same run.
 *
 * <p>Core Monitor runs embedded as an application would run it: a {@link CoreMonitor} on a SQLite file with the
 * built-in Docker executors and its queue worker; each APPLY is enqueued and timed from its start (PENDING to
 * RUNNING) to its end (RUNNING to DONE) as the engine's command listeners hear them, so the queue's wake-up is not
 * counted and the recording of the outcome is.
 *
 * <p>Run: {@code benchmarks/apply.sh [services (20)] [runs (5)]}; {@code BENCH_LOG=1} prints Core Monitor's log lines
 * of each apply with their time since the start of the command.
 */
public final class ApplyBenchmark {

    private static final String IMAGE = "coremonitor-test/busybox:latest";

    private ApplyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int services = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        StringBuilder yaml = new StringBuilder("services:\n");
        for (int i = 1; i <= services; i++) {
            yaml.append("  s").append(i).append(":\n    image: ").append(IMAGE)
                .append("\n    command: [\"sleep\", \"3600\"]\n    stop_signal: SIGKILL\n");
        }
        Path dir = Files.createTempDirectory("cm-apply-bench");
        Path file = dir.resolve("docker-compose.yml");
        Files.writeString(file, yaml);
        ComposeDefinition definition = ComposeLoader.load(yaml.toString(), Map.of());
        System.out.printf("apply benchmark: %d independent services (%s), 1 warm-up round excluded, %d rounds, medians;"
            + " files in %s%n", services, IMAGE, runs, dir);
        CommandStopwatch stopwatch = new CommandStopwatch();
        try (DockerClient docker = DockerClients.fromEnvironment();
            CoreMonitor cm = CoreMonitor.builder().sqlite(dir.resolve("cm.db")).docker(DockerSettings.fromEnvironment())
                .listener(stopwatch).build()) {
            cm.startWorker();
            List<Double> cmFirst = new ArrayList<>();
            List<Double> cmNoop = new ArrayList<>();
            List<Double> dcFirst = new ArrayList<>();
            List<Double> dcNoop = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            List<Double> floor = new ArrayList<>();
            for (int round = 0; round <= runs; round++) {
                boolean warmUp = round == 0;
                String suffix = Long.toHexString(System.nanoTime());
                String stack = cm.stacks().createStack("bench-cm-" + suffix, yaml.toString(), Map.of(), "bench", "bench",
                    Optional.empty()).stackId();
                String project = "bench-dc-" + suffix;
                try {
                    double first = timeApply(cm, stopwatch, stack);
                    double noop = timeApply(cm, stopwatch, stack);
                    removeStack(docker, stack);
                    double direct = timeFloor(docker, definition, "bench-floor-" + suffix, services);
                    removeStack(docker, "bench-floor-" + suffix);
                    double up = timeProcess(dir, "docker-compose", "-p", project, "-f", file.toString(), "up", "-d");
                    double upAgain = timeProcess(dir, "docker-compose", "-p", project, "-f", file.toString(), "up", "-d");
                    System.out.printf("%s: Core Monitor apply %.2f s, no-op %.0f ms | docker-compose up %.2f s, no-op %.0f ms"
                        + " | floor (direct docker-java) %.2f s | ratio apply %.2f%n", warmUp ? "warm-up (excluded)" : "round " + round,
                        first, noop * 1000, up, upAgain * 1000, direct, first / up);
                    if (!warmUp) {
                        cmFirst.add(first);
                        cmNoop.add(noop);
                        dcFirst.add(up);
                        dcNoop.add(upAgain);
                        ratios.add(first / up);
                        floor.add(direct);
                    }
                } finally {
                    timeProcess(dir, "docker-compose", "-p", project, "-f", file.toString(), "down", "-t", "0");
                    removeStack(docker, stack);
                    removeStack(docker, "bench-floor-" + suffix);
                }
            }
            System.out.printf("medians of %d rounds (%d services, %d cores):%n", runs, services,
                Runtime.getRuntime().availableProcessors());
            System.out.printf("  first apply: Core Monitor %.2f s, docker-compose up -d %.2f s; ratio Core Monitor / docker-compose %.2f"
                + " (target < 1); median of the rounds' ratios %.2f, worst round %.2f%n", median(cmFirst), median(dcFirst),
                median(cmFirst) / median(dcFirst), median(ratios), ratios.stream().mapToDouble(Double::doubleValue).max().orElse(0));
            System.out.printf("  no-op re-apply: Core Monitor %.0f ms (target < 100 ms), docker-compose %.0f ms;"
                + " ratio %.2f; worst round %.0f ms%n", median(cmNoop) * 1000, median(dcNoop) * 1000, median(cmNoop) / median(dcNoop),
                cmNoop.stream().mapToDouble(Double::doubleValue).max().orElse(0) * 1000);
            System.out.printf("  floor (network + %d creates in parallel + %d starts in parallel, docker-java only): %.2f s;"
                + " ratio Core Monitor / floor %.2f%n", services, services, median(floor), median(cmFirst) / median(floor));
            System.out.printf("RESULT name=apply_vs_compose ratio=%.3f core_monitor_s=%.3f compose_s=%.3f services=%d rounds=%d%n",
                median(cmFirst) / median(dcFirst), median(cmFirst), median(dcFirst), services, runs);
            System.out.printf("RESULT name=apply_vs_floor ratio=%.3f core_monitor_s=%.3f floor_s=%.3f services=%d rounds=%d%n",
                median(cmFirst) / median(floor), median(cmFirst), median(floor), services, runs);
            System.out.printf("RESULT name=noop_reapply_vs_compose ratio=%.3f core_monitor_ms=%.1f compose_ms=%.1f services=%d"
                + " rounds=%d%n", median(cmNoop) / median(dcNoop), median(cmNoop) * 1000, median(dcNoop) * 1000, services, runs);
        }
    }

    /**
     * The floor: what the same containers cost when nothing but the Docker calls is done. The create requests are the
     * ones Core Monitor's translator makes ({@link ServiceTranslator}); the stack's network is created first (one call,
     * as Core Monitor does), then every container is created in parallel, then every container is started in parallel,
     * through the same docker-java client. No store, no plan, no image check, no verification.
     */
    private static double timeFloor(DockerClient docker, ComposeDefinition definition, String stack, int services)
        throws Exception {
        ServiceTranslator.Context ctx = new ServiceTranslator.Context(stack, stack, "v1", "0");
        List<ContainerRequest> requests = new ArrayList<>();
        for (String s : definition.services().keySet()) {
            requests.add(ServiceTranslator.translate(ctx, definition, s));
        }
        String network = requests.get(0).applyTo(docker.createContainerCmd(IMAGE)).getHostConfig().getNetworkMode();
        ExecutorService pool = Executors.newFixedThreadPool(services);
        try {
            long start = System.nanoTime();
            docker.createNetworkCmd().withName(network).withLabels(Map.of(StackLabels.STACK_ID, stack)).exec();
            List<Future<String>> created = new ArrayList<>();
            for (ContainerRequest r : requests) {
                created.add(pool.submit(() -> r.applyTo(docker.createContainerCmd(r.image())).exec().getId()));
            }
            List<Future<?>> started = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (Future<String> f : created) {
                ids.add(f.get());
            }
            for (String id : ids) {
                started.add(pool.submit(() -> docker.startContainerCmd(id).exec()));
            }
            for (Future<?> f : started) {
                f.get();
            }
            return (System.nanoTime() - start) / 1e9;
        } finally {
            pool.shutdown();
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static void removeStack(DockerClient docker, String stack) {
        for (Container c : docker.listContainersCmd().withShowAll(true)
            .withLabelFilter(List.of(StackLabels.STACK_ID + "=" + stack)).exec()) {
            docker.removeContainerCmd(c.getId()).withForce(true).exec();
        }
        docker.listNetworksCmd().withFilter("label", List.of(StackLabels.STACK_ID + "=" + stack)).exec()
            .forEach(n -> docker.removeNetworkCmd(n.getId()).exec());
    }

    /** Enqueues APPLY of v1, waits for it to end DONE; its time from start to end in seconds. */
    private static double timeApply(CoreMonitor cm, CommandStopwatch stopwatch, String stack) throws Exception {
        Command command = cm.commands().apply(stack, "v1", false, "bench");
        double elapsed = stopwatch.watch(command.commandId()).get(10, TimeUnit.MINUTES).seconds();
        Command ended = cm.commands().get(command.commandId());
        if (System.getenv("BENCH_LOG") != null) {
            for (CommandLogLine line : cm.commands().logs(command.commandId())) {
                long offset = ended.startedAt().map(t -> Duration.between(t, line.timestamp()).toMillis()).orElse(0L);
                System.out.printf("%6d ms %s%n", offset, line.message());
            }
        }
        if (ended.status() != CommandStatus.DONE) {
            throw new IllegalStateException("apply of " + stack + " ended " + ended.status() + ": "
                + ended.error().orElse(""));
        }
        return elapsed;
    }

    private static double timeProcess(Path dir, String... command) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
            .redirectOutput(dir.resolve("compose.log").toFile()).start();
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed; see " + dir.resolve("compose.log"));
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
