package io.coremonitor.server.reliability;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.coremonitor.server.internal.ApiClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The server jar as a process ({@code java -jar target/coremonitor-server.jar --port P --db DB ...}), restartable on
 * the same database and port (kill -9 included); its output goes to {@code target/reliability-logs/NAME-PORT-N.log}.
 * Used by the reliability ITs and by the end-to-end ITs of {@code io.coremonitor.server.it}.
 */
public final class RelServer implements AutoCloseable {

    static final Path JAR = Path.of("target", "coremonitor-server.jar");
    static final Path LOGS = Path.of("target", "reliability-logs");

    final String db;
    final int port;
    private final List<String> extraArgs;
    private final String name;
    private Process process;
    private Path log;
    private int starts;

    RelServer(String name, Path sqliteFile, List<String> extraArgs) throws IOException {
        this(name, sqliteFile.toString(), extraArgs);
    }

    /**
     * A server on {@code db} (a SQLite file or a {@code jdbc:postgresql:} URL) with extra flags; not started yet.
     */
    public RelServer(String name, String db, List<String> extraArgs) throws IOException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: the jar is made at the package phase");
        }
        this.name = name;
        this.db = db;
        this.extraArgs = List.copyOf(extraArgs);
        this.port = freePort();
        Files.createDirectories(LOGS);
    }

    /** Starts the process and waits until /health answers 200. */
    public RelServer start() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-jar", JAR.toString(), "--port", Integer.toString(port),
                "--db", db));
        cmd.addAll(extraArgs);
        if (extraArgs.stream().noneMatch(a -> a.startsWith("--data-dir"))) {
            // the artifacts beside the SQLite file (a PostgreSQL server: under target/), not in ./data of the module
            Path data = db.startsWith("jdbc:") ? LOGS.resolve(name + "-" + port + "-data")
                    : Path.of(db).toAbsolutePath().getParent().resolve("data");
            cmd.addAll(List.of("--data-dir", data.toString()));
        }
        starts++;
        log = LOGS.resolve(name + "-" + port + "-" + starts + ".log");
        process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ApiClient probe = api();
        try {
            await("the server " + name + " answering /health").atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(100)).pollInSameThread().until(() -> healthy(probe));
        } catch (ConditionTimeoutException e) {
            close();
            throw new IllegalStateException("the server did not answer within 60 s:\n" + logText(), e);
        }
        return this;
    }

    /** True when /health answers 200, false while nothing listens; throws when the process has exited. */
    private boolean healthy(ApiClient probe) {
        if (!process.isAlive()) {
            throw new IllegalStateException("the server exited with " + process.exitValue() + ":\n" + logText());
        }
        try {
            return probe.get("/health").status() == 200;
        } catch (IllegalStateException e) {
            return false; // not listening yet
        }
    }

    /**
     * kill -9: the process dies at once, its command (if any) stays RUNNING in the database and its worker lease stays
     * held until it expires (a test that restarts often passes a short {@code --queue-lease-ttl}). Nothing in the
     * database is touched.
     */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the killed server did not exit");
        }
    }

    /** Whether the server process is running. */
    public boolean alive() {
        return process != null && process.isAlive();
    }

    public ApiClient api() {
        return new ApiClient(base(), Optional.empty());
    }

    public String base() {
        return "http://127.0.0.1:" + port + "/api/v1";
    }

    public String logText() {
        try {
            return log == null ? "(not started)" : Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    String logTail() {
        String t = logText();
        return t.length() > 20_000 ? t.substring(t.length() - 20_000) : t;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Every command (all pages), oldest first. */
    static List<JsonNode> allCommands(ApiClient api, String query) {
        List<JsonNode> out = new ArrayList<>();
        String cursor = null;
        do {
            ApiClient.Answer a = api.get("/commands?limit=500" + query + (cursor == null ? "" : "&cursor=" + cursor));
            if (a.status() != 200) {
                throw new AssertionError("GET /commands answered " + a.status() + ": " + a.text());
            }
            a.json().path("items").forEach(out::add);
            cursor = a.json().path("next_cursor").isNull() ? null : a.json().path("next_cursor").asText();
        } while (cursor != null);
        return out;
    }

    /** Waits until the queue has nothing running or pending. */
    static void awaitDrained(ApiClient api, Duration timeout) throws InterruptedException {
        waitFor(() -> api.get("/queue").json(), q -> q.path("running").isNull() && q.path("pending").asInt() == 0,
                timeout);
    }

    /**
     * Reads every 100 ms until {@code done} holds and returns that value; a timeout names the last value read.
     *
     * @throws ConditionTimeoutException after {@code timeout}
     */
    static <T> T waitFor(Supplier<T> read, Predicate<T> done, Duration timeout) throws InterruptedException {
        return await().atMost(timeout).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100)).pollInSameThread()
                .until(read::get, done);
    }

    /** A tiny stack: one busybox that sleeps and dies at once when stopped. */
    static String sleeper(String marker) {
        return "services:\n"
                + "  app:\n"
                + "    image: coremonitor-test/busybox:latest\n"
                + "    command: [sleep, '3600']\n"
                + "    stop_signal: SIGKILL\n"
                + "    stop_grace_period: 0s\n"
                + "    environment:\n"
                + "      MARKER: '" + marker + "'\n";
    }
}
