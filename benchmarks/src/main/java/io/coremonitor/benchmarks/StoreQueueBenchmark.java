package io.coremonitor.benchmarks;

import io.coremonitor.model.Command;
import io.coremonitor.model.CommandType;
import io.coremonitor.store.NewCommand;
import io.coremonitor.store.Store;
import io.coremonitor.store.StoreConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * How many commands per second the store can enqueue and take through PENDING, RUNNING, DONE on a SQLite file,
 * beside the limit: a plain JDBC insert + update + update loop on the same kind of file (WAL, synchronous=NORMAL,
 * prepared statements reused, auto-commit). Not a test: run {@code benchmarks/store-queue.sh [commands] [rounds]}.
 */
public final class StoreQueueBenchmark {

    /**
     * The highest command id ever used on the store's schema (0 when none): the largest live id, or the floor kept in
     * the {@code commands} row of {@code sequences}; the insert adds one. The store's own statement, written here in
     * plain SQL: the baseline uses no class of the store.
     */
    private static final String HIGHEST_ID = "(SELECT CASE WHEN x.m > x.f THEN x.m ELSE x.f END FROM (SELECT"
            + " COALESCE((SELECT c.command_id FROM commands c ORDER BY c.command_id DESC LIMIT 1), 0) AS m, q.value AS f"
            + " FROM sequences q WHERE q.name = 'commands') x)";

    private StoreQueueBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int commands = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path dir = Files.createTempDirectory("coremonitor-bench");
        try {
            System.out.printf("store queue benchmark: %d commands per round, %d rounds (+1 warm-up), files in %s%n",
                    commands, rounds, dir);
            // warm-up (JIT, page cache)
            storeRun(dir.resolve("warm-store.db"), commands / 4);
            plainRun(dir.resolve("warm-plain.db"), commands / 4);
            plainOnStoreSchemaRun(dir.resolve("warm-schema.db"), commands / 4);
            double bestStore = 0;
            double bestPlain = 0;
            double bestSchema = 0;
            for (int r = 1; r <= rounds; r++) {
                double s = storeRun(dir.resolve("store-" + r + ".db"), commands);
                double p = plainRun(dir.resolve("plain-" + r + ".db"), commands);
                double q = plainOnStoreSchemaRun(dir.resolve("schema-" + r + ".db"), commands);
                System.out.printf("round %d: store %,.0f commands/s, plain JDBC %,.0f commands/s (ratio %.2f),"
                        + " plain JDBC on the store's schema %,.0f commands/s (ratio %.2f)%n", r, s, p, s / p, q, s / q);
                bestStore = Math.max(bestStore, s);
                bestPlain = Math.max(bestPlain, p);
                bestSchema = Math.max(bestSchema, q);
            }
            double ratio = bestStore / bestPlain;
            System.out.printf("best: store %,.0f commands/s (enqueue + next pending + RUNNING + DONE)%n", bestStore);
            System.out.printf("best: plain JDBC limit %,.0f commands/s (insert + update + update, one index)%n", bestPlain);
            System.out.printf("best: plain JDBC on the store's schema %,.0f commands/s (same statements as the store,"
                    + " prepared once, no checks, no mapping)%n", bestSchema);
            System.out.printf("ratio store/limit: %.2f (target >= 0.50: %s); store/plain-on-same-schema: %.2f%n", ratio,
                    ratio >= 0.5 ? "met" : "NOT met", bestStore / bestSchema);
            System.out.printf("RESULT name=store_queue_vs_plain_jdbc ratio=%.3f store_per_s=%.0f plain_jdbc_per_s=%.0f"
                    + " commands=%d rounds=%d%n", ratio, bestStore, bestPlain, commands, rounds);
        } finally {
            deleteTree(dir);
        }
    }

    /** The store's queue path, as the API (enqueue) and the worker (take, run, finish) use it. */
    static double storeRun(Path file, int commands) {
        try (Store store = Store.open(StoreConfig.sqlite(file, Clock.systemUTC()))) {
            store.stacks().create("bench", "bench");
            long[] phase = new long[4];
            long start = System.nanoTime();
            for (int i = 0; i < commands; i++) {
                long t0 = System.nanoTime();
                store.commands().enqueue(new NewCommand("bench", CommandType.APPLY_STACK_VERSION, "{\"version\":\"v1\"}",
                        "bench"));
                long t1 = System.nanoTime();
                Command next = store.commands().nextPending().orElseThrow();
                long t2 = System.nanoTime();
                store.commands().markRunning(next.commandId());
                long t3 = System.nanoTime();
                store.commands().markDone(next.commandId());
                long t4 = System.nanoTime();
                phase[0] += t1 - t0;
                phase[1] += t2 - t1;
                phase[2] += t3 - t2;
                phase[3] += t4 - t3;
            }
            long nanos = System.nanoTime() - start;
            System.out.printf("  store per command: enqueue %.1f us, next pending %.1f us, RUNNING %.1f us, DONE %.1f us"
                    + " (WAL file %,d bytes)%n", phase[0] / 1e3 / commands, phase[1] / 1e3 / commands,
                    phase[2] / 1e3 / commands, phase[3] / 1e3 / commands, walSize(file));
            if (store.commands().countPending() != 0) {
                throw new IllegalStateException("commands left pending");
            }
            return commands / (nanos / 1e9);
        }
    }

    /** The limit: the same three writes with plain JDBC, no checks, no mapping. */
    static double plainRun(Path file, int commands) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=NORMAL");
                s.execute("PRAGMA foreign_keys=ON");
                s.execute("PRAGMA busy_timeout=30000");
                s.execute("CREATE TABLE commands (command_id INTEGER PRIMARY KEY, stack_id TEXT NOT NULL, type TEXT NOT NULL,"
                        + " payload TEXT NOT NULL, status TEXT NOT NULL, attempt INTEGER NOT NULL, created_at BIGINT NOT NULL,"
                        + " started_at BIGINT, ended_at BIGINT, created_by TEXT NOT NULL)");
                s.execute("CREATE INDEX ix_commands_status ON commands (status, command_id)");
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO commands (command_id, stack_id, type, payload,"
                    + " status, attempt, created_at, created_by) VALUES (?, 'bench', 'APPLY_STACK_VERSION', '{\"version\":\"v1\"}',"
                    + " 'PENDING', 1, ?, 'bench')");
                    PreparedStatement running = c.prepareStatement(
                            "UPDATE commands SET status = 'RUNNING', started_at = ? WHERE command_id = ?");
                    PreparedStatement done = c.prepareStatement(
                            "UPDATE commands SET status = 'DONE', ended_at = ? WHERE command_id = ?")) {
                long start = System.nanoTime();
                for (int i = 1; i <= commands; i++) {
                    insert.setLong(1, i);
                    insert.setLong(2, System.currentTimeMillis());
                    insert.executeUpdate();
                    running.setLong(1, System.currentTimeMillis());
                    running.setLong(2, i);
                    running.executeUpdate();
                    done.setLong(1, System.currentTimeMillis());
                    done.setLong(2, i);
                    done.executeUpdate();
                }
                long nanos = System.nanoTime() - start;
                return commands / (nanos / 1e9);
            }
        }
    }

    /**
     * The store's own statements on the store's own schema (sequence row, foreign key, status and stack indexes) with
     * plain JDBC: what the layers above SQLite (Jdbi, mapping, checks, gate) cost, apart from the schema.
     */
    static double plainOnStoreSchemaRun(Path file, int commands) throws SQLException {
        try (Store store = Store.open(StoreConfig.sqlite(file, Clock.systemUTC()))) {
            store.stacks().create("bench", "bench");
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA synchronous=NORMAL");
                s.execute("PRAGMA foreign_keys=ON");
                s.execute("PRAGMA busy_timeout=30000");
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO commands (command_id, stack_id, type, payload,"
                            + " status, attempt, created_at, created_by) VALUES (" + HIGHEST_ID + " + 1, 'bench',"
                            + " 'APPLY_STACK_VERSION', '{\"version\":\"v1\"}', 'PENDING', 1, ?, 'bench') RETURNING command_id");
                    PreparedStatement next = c.prepareStatement("SELECT command_id FROM commands WHERE status = 'PENDING'"
                            + " AND status IN ('PENDING', 'RUNNING', 'FAILED') ORDER BY command_id LIMIT 1");
                    PreparedStatement running = c.prepareStatement(
                            "UPDATE commands SET status = 'RUNNING', started_at = ? WHERE command_id = ? AND status = 'PENDING'");
                    PreparedStatement done = c.prepareStatement(
                            "UPDATE commands SET status = 'DONE', ended_at = ? WHERE command_id = ? AND status = 'RUNNING'")) {
                long start = System.nanoTime();
                for (int i = 1; i <= commands; i++) {
                    insert.setLong(1, System.currentTimeMillis());
                    long id;
                    try (var rs = insert.executeQuery()) {
                        rs.next();
                        id = rs.getLong(1);
                    }
                    try (var rs = next.executeQuery()) {
                        rs.next();
                        id = rs.getLong(1);
                    }
                    running.setLong(1, System.currentTimeMillis());
                    running.setLong(2, id);
                    running.executeUpdate();
                    done.setLong(1, System.currentTimeMillis());
                    done.setLong(2, id);
                    done.executeUpdate();
                }
                long nanos = System.nanoTime() - start;
                return commands / (nanos / 1e9);
            }
        }
    }

    private static long walSize(Path db) {
        try {
            Path wal = db.resolveSibling(db.getFileName() + "-wal");
            return Files.exists(wal) ? Files.size(wal) : 0;
        } catch (IOException e) {
            return -1;
        }
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
