package io.coremonitor.benchmarks;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import io.coremonitor.docker.DockerClients;
import io.coremonitor.docker.DockerSettings;
import io.coremonitor.engine.CoreMonitor;
import io.coremonitor.engine.catalog.CatalogLoader;
import io.coremonitor.engine.catalog.ValueGenerator;
import io.coremonitor.engine.databases.CreatedDatabase;
import io.coremonitor.engine.databases.DatabaseKind;
import io.coremonitor.engine.databases.DatabaseRequest;
import io.coremonitor.engine.databases.DatabaseService;
import io.coremonitor.engine.databases.DatabaseSettings;
import io.coremonitor.model.PortRange;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Time to a ready managed PostgreSQL (issue 15): {@code DatabaseService.create} (stack and secrets stored, APPLY queued
 * and run by the worker, then a JDBC login loop over the published port until one succeeds) beside the floor: bare
 * docker-java calls creating and starting a {@code postgres:15} container with the same environment, limits and port
 * binding (the password as a plain variable, no secret file), then the same login loop. Both loops pause 250 ms
 * between attempts, as the engine's does. Needs a running engine and {@code postgres:15} (the offline stand-in of
 * {@code scripts/test-images.sh --all}).
 *
 * <p>Method: one warm-up round of each (excluded), then {@code runs} rounds that alternate which side goes first; each
 * side gets a fresh data volume (PostgreSQL's initdb is in both), removal is not timed. Medians of the rounds.
 *
 * <p>Run: {@code benchmarks/database.sh [rounds (5)]}.
 */
public final class DatabaseBenchmark {

    private static final String IMAGE = "postgres:15";
    private static final Duration PAUSE = Duration.ofMillis(250);
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    private DatabaseBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path dir = Files.createTempDirectory("cm-database-bench");
        int base = freeRange();
        System.out.printf("database benchmark: a managed PostgreSQL (%s) until a login succeeds, 1 warm-up round excluded,"
            + " %d rounds, medians; ports from %d; files in %s%n", IMAGE, runs, base, dir);
        try (DockerClient docker = DockerClients.fromEnvironment();
             CoreMonitor cm = CoreMonitor.builder().sqlite(dir.resolve("cm.db")).docker(DockerSettings.fromEnvironment()).build()) {
            cm.startWorker();
            DatabaseService databases = new DatabaseService(cm, new DatabaseSettings("127.0.0.1", new PortRange(base, base + 4),
                TIMEOUT), CatalogLoader::builtIn, ValueGenerator.secure());
            List<Double> core = new ArrayList<>();
            List<Double> floor = new ArrayList<>();
            for (int round = 0; round <= runs; round++) {
                boolean warmUp = round == 0;
                String suffix = Long.toHexString(System.nanoTime()).substring(6);
                double c;
                double f;
                if (round % 2 == 0) {
                    c = timeCoreMonitor(databases, "bench-" + suffix);
                    f = timeFloor(docker, "bench-floor-" + suffix, base + 4);
                } else {
                    f = timeFloor(docker, "bench-floor-" + suffix, base + 4);
                    c = timeCoreMonitor(databases, "bench-" + suffix);
                }
                System.out.printf("%s: Core Monitor %.2f s | floor (docker-java create + start + login loop) %.2f s | ratio %.2f%n",
                    warmUp ? "warm-up (excluded)" : "round " + round, c, f, c / f);
                if (!warmUp) {
                    core.add(c);
                    floor.add(f);
                }
            }
            System.out.printf("medians of %d rounds: Core Monitor %.2f s, floor %.2f s; ratio %.2f%n", runs, Stats.median(core),
                Stats.median(floor), Stats.median(core) / Stats.median(floor));
            System.out.printf("RESULT name=database_ready_vs_floor ratio=%.3f core_monitor_s=%.3f floor_s=%.3f rounds=%d%n",
                Stats.median(core) / Stats.median(floor), Stats.median(core), Stats.median(floor), runs);
        }
    }

    /** From the call until it returns (a login succeeded); the database is then deleted with its volume (not timed). */
    private static double timeCoreMonitor(DatabaseService databases, String project) {
        DatabaseRequest request = DatabaseRequest.of(project, DatabaseKind.POSTGRESQL).withVersion("15");
        long start = System.nanoTime();
        CreatedDatabase created = databases.create(request, Map.of(), Set.of(), "bench");
        double seconds = (System.nanoTime() - start) / 1e9;
        databases.delete(created.database().project(), true, "bench");
        return seconds;
    }

    /** Create + start + login loop, through docker-java only; the container and its volume are removed (not timed). */
    private static double timeFloor(DockerClient docker, String name, int port) throws Exception {
        String password = UUID.randomUUID().toString();
        String id = null;
        long start = System.nanoTime();
        try {
            id = docker.createContainerCmd(IMAGE).withName(name)
                .withEnv("POSTGRES_PASSWORD=" + password, "POSTGRES_USER=bench", "POSTGRES_DB=bench")
                .withHostConfig(HostConfig.newHostConfig().withPortBindings(PortBinding.parse(port + ":5432"))
                    .withMemory(512L * 1024 * 1024).withNanoCPUs(1_000_000_000L))
                .exec().getId();
            docker.startContainerCmd(id).exec();
            String url = "jdbc:postgresql://127.0.0.1:" + port + "/bench";
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!login(url, password)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the floor's PostgreSQL did not answer a login in " + TIMEOUT);
                }
                Thread.sleep(PAUSE.toMillis());
            }
            return (System.nanoTime() - start) / 1e9;
        } finally {
            if (id != null) {
                docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
            }
        }
    }

    private static boolean login(String url, String password) {
        try (Connection c = DriverManager.getConnection(url, "bench", password); Statement s = c.createStatement()) {
            s.execute("SELECT 1");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** The first of five free ports in a row above 30000. */
    private static int freeRange() {
        for (int base = 30000; base < 60000; base += 5) {
            boolean free = true;
            for (int p = base; p < base + 5 && free; p++) {
                try (ServerSocket s = new ServerSocket(p)) {
                    s.setReuseAddress(true);
                } catch (Exception e) {
                    free = false;
                }
            }
            if (free) {
                return base;
            }
        }
        throw new IllegalStateException("no five free ports in a row");
    }
}
