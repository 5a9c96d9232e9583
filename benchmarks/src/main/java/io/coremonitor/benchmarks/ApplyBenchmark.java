package io.coremonitor.benchmarks;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import io.coremonitor.docker.DockerClients;
import io.coremonitor.docker.StackLabels;
import io.coremonitor.engine.CommandExecutor;
import io.coremonitor.engine.ExecutionContext;
import io.coremonitor.engine.internal.convergence.DockerExecutors;
import io.coremonitor.model.CanonicalJson;
import io.coremonitor.model.Command;
import io.coremonitor.model.CommandStatus;
import io.coremonitor.model.CommandType;
import io.coremonitor.model.ComposeLoader;
import io.coremonitor.model.LogLevel;
import io.coremonitor.store.NewVersion;
import io.coremonitor.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Apply time of 20 independent busybox services through Core Monitor's APPLY executor, beside {@code docker-compose up -d}
 * on the same file (Debian's docker-compose 1.29), and the no-op re-apply time of both. Needs a running engine, the
 * image {@code coremonitor-test/busybox:latest} ({@code scripts/test-images.sh}) and {@code docker-compose} on the PATH.
 *
 * <p>Run: {@code mvn -q -pl benchmarks -am package -DskipTests} then
 * {@code java -cp "benchmarks/target/classes:$(cat cp.txt)" io.coremonitor.benchmarks.ApplyBenchmark [services]}.
 */
public final class ApplyBenchmark {

    private static final String IMAGE = "coremonitor-test/busybox:latest";

    private ApplyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int services = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        StringBuilder yaml = new StringBuilder("services:\n");
        for (int i = 1; i <= services; i++) {
            yaml.append("  s").append(i).append(":\n    image: ").append(IMAGE)
                .append("\n    command: [\"sleep\", \"3600\"]\n    stop_signal: SIGKILL\n");
        }
        Path dir = Files.createTempDirectory("cm-apply-bench");
        Path file = dir.resolve("docker-compose.yml");
        Files.writeString(file, yaml);
        String suffix = Long.toHexString(System.nanoTime());
        String stack = "bench-cm-" + suffix;
        String project = "bench-dc-" + suffix;
        try (DockerClient docker = DockerClients.fromEnvironment(); Store store = Store.openSqlite(dir.resolve("cm.db"))) {
            CommandExecutor apply = DockerExecutors.create(store, docker, Clock.systemUTC()).stream()
                .filter(e -> e.type() == CommandType.APPLY_STACK_VERSION).findFirst().orElseThrow();
            store.stacks().create(stack, stack);
            String canonical = CanonicalJson.toJson(ComposeLoader.load(yaml.toString(), Map.of()));
            String version = store.versions().create(NewVersion.of(stack, "bench", null, canonical)).version();
            System.out.printf("apply benchmark: %d independent services (%s), files in %s%n", services, IMAGE, dir);
            try {
                double first = timeApply(apply, stack, version, 1);
                double again = timeApply(apply, stack, version, 2);
                double composeUp = timeProcess(dir, "docker-compose", "-p", project, "-f", file.toString(), "up", "-d");
                double composeAgain = timeProcess(dir, "docker-compose", "-p", project, "-f", file.toString(), "up", "-d");
                System.out.printf("Core Monitor APPLY: %.2f s; no-op re-apply: %.3f s%n", first, again);
                System.out.printf("docker-compose up -d: %.2f s; no-op re-run: %.3f s%n", composeUp, composeAgain);
                System.out.printf("ratio Core Monitor / docker-compose: apply %.2f, no-op %.2f%n", first / composeUp, again / composeAgain);
            } finally {
                timeProcess(dir, "docker-compose", "-p", project, "-f", file.toString(), "down", "-t", "0");
                for (Container c : docker.listContainersCmd().withShowAll(true)
                    .withLabelFilter(List.of(StackLabels.STACK_ID + "=" + stack)).exec()) {
                    docker.removeContainerCmd(c.getId()).withForce(true).exec();
                }
                docker.listNetworksCmd().withFilter("label", List.of(StackLabels.STACK_ID + "=" + stack)).exec()
                    .forEach(n -> docker.removeNetworkCmd(n.getId()).exec());
            }
        }
    }

    private static double timeApply(CommandExecutor apply, String stack, String version, long id) {
        Command command = new Command(id, stack, CommandType.APPLY_STACK_VERSION, "{\"version\":\"" + version + "\"}",
            CommandStatus.RUNNING, 1, Instant.now(), Optional.of(Instant.now()), Optional.empty(), "bench", Optional.empty());
        long start = System.nanoTime();
        apply.execute(command, new ExecutionContext() {
            @Override
            public void log(LogLevel level, String message) {
                if (System.getenv("BENCH_LOG") != null) {
                    System.out.printf("%6d ms %s%n", (System.nanoTime() - start) / 1_000_000, message);
                }
            }

            @Override
            public boolean cancelRequested() {
                return false;
            }

            @Override
            public Clock clock() {
                return Clock.systemUTC();
            }
        });
        return (System.nanoTime() - start) / 1e9;
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
