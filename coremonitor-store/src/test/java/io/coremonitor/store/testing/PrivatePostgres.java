package io.coremonitor.store.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL 15 server of the test's own (initdb into a temporary directory, run as the {@code postgres} OS user on
 * a free port of 127.0.0.1, trust authentication), so that a test may stop and start it without touching the shared
 * server. Needs root and {@code /usr/lib/postgresql/15/bin}: without them the test is skipped with a WARN line, or
 * fails when {@code CI=true}.
 */
public final class PrivatePostgres implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PrivatePostgres.class);
    private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
    private static final String OS_USER = "postgres";

    private final Path dir;
    private final Path data;
    private final int port;
    private boolean running;

    private PrivatePostgres(Path dir, int port) {
        this.dir = dir;
        this.data = dir.resolve("data");
        this.port = port;
    }

    /** Creates the cluster and starts it. */
    public static PrivatePostgres start() throws IOException {
        if (!Files.isExecutable(BIN.resolve("initdb"))) {
            unavailable("no PostgreSQL 15 binaries in " + BIN);
        }
        Path dir = Files.createTempDirectory("coremonitor-pg");
        List<String> failure = Tmpfs.run("chown", OS_USER, dir.toString());
        if (!failure.isEmpty()) {
            Files.deleteIfExists(dir);
            unavailable("cannot hand a directory to the postgres user (root needed): " + failure);
        }
        PrivatePostgres pg = new PrivatePostgres(dir, freePort());
        try {
            pg.check(pg.asPostgres(BIN.resolve("initdb").toString(), "-D", pg.data.toString(), "-U", "postgres",
                    "--auth=trust", "-E", "UTF8", "--no-sync"));
            pg.startServer();
        } catch (IOException | RuntimeException e) {
            pg.close();
            throw e;
        }
        return pg;
    }

    private static void unavailable(String reason) {
        if (TestPostgres.onCi()) {
            Assertions.fail("CI=true and " + reason + ": the PostgreSQL restart tests must run on CI");
        }
        LOG.warn("SKIPPING private PostgreSQL test: {}", reason);
        Assumptions.abort("SKIPPED (private PostgreSQL): " + reason);
    }

    /** The JDBC URL of its {@code postgres} database (superuser {@code postgres}, no password). */
    public String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
    }

    public int port() {
        return port;
    }

    /** Starts the server again (after {@link #stop}), on the same port and data. */
    public void startServer() throws IOException {
        check(asPostgres(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-t", "60", "-l",
                dir.resolve("server.log").toString(), "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1"
                        + " -c fsync=off", "start"));
        running = true;
    }

    /** Stops the server the way an administrator's restart does ({@code pg_ctl stop -m fast}). */
    public void stop() throws IOException {
        check(asPostgres(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-t", "60", "-m", "fast",
                "stop"));
        running = false;
    }

    @Override
    public void close() throws IOException {
        if (running) {
            stop();
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private List<String> asPostgres(String... command) throws IOException {
        String[] full = new String[command.length + 4];
        full[0] = "runuser";
        full[1] = "-u";
        full[2] = OS_USER;
        full[3] = "--";
        System.arraycopy(command, 0, full, 4, command.length);
        return Tmpfs.run(full);
    }

    private void check(List<String> failure) throws IOException {
        if (!failure.isEmpty()) {
            String log = Files.exists(dir.resolve("server.log")) ? Files.readString(dir.resolve("server.log")) : "";
            throw new IllegalStateException(String.join("\n", failure) + "\n" + log);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
