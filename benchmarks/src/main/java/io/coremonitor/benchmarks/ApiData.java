package io.coremonitor.benchmarks;

import io.coremonitor.model.CommandStatus;
import io.coremonitor.model.CommandType;
import io.coremonitor.model.LogLevel;
import io.coremonitor.server.CoreMonitorServer;
import io.coremonitor.server.ServerConfig;
import io.coremonitor.store.NewCommand;
import io.coremonitor.store.NewVersion;
import io.coremonitor.store.Store;
import io.coremonitor.store.StoreConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test data for the API benchmarks, written into the store's SQLite file (the real schema, migrated by the store):
 * one template stack with a version and one command with a few log lines made through the store's API, then bulk
 * copies with plain SQL (recursive CTEs, one statement per table) so that 10,000 stacks and 1,000,000 log lines take
 * seconds. Also: an in-process server ({@link CoreMonitorServer#start}) on a free loopback port, and a tiny HTTP client.
 */
final class ApiData {

    static final String TEMPLATE = "bench-template";
    private static final Pattern NEXT = Pattern.compile("\"next_cursor\"\\s*:\\s*\"([^\"]+)\"");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private ApiData() {
    }

    /**
     * Fills a new database: {@code stacks} stacks (the template and copies), {@code logCommands} DONE commands spread
     * over the stacks with {@code linesPerCommand} log lines each, and one command with 3 lines.
     *
     * @return the id of the command with 3 log lines
     */
    static long fill(Path db, int stacks, int logCommands, int linesPerCommand) {
        long small;
        try (Store store = Store.open(StoreConfig.sqlite(db, Clock.systemUTC()))) {
            store.stacks().create(TEMPLATE, TEMPLATE);
            store.versions().create(NewVersion.of(TEMPLATE, "bench", null,
                    "{\"services\":{\"a\":{\"image\":\"coremonitor-test/busybox:latest\"}}}"));
            small = store.commands().enqueue(new NewCommand(TEMPLATE, CommandType.APPLY_STACK_VERSION,
                    "{\"version\":\"v1\"}", "bench")).commandId();
            for (int i = 1; i <= 3; i++) {
                store.commandLogs().append(small, LogLevel.INFO, "line " + i);
            }
            // finished, so that the server's worker does not apply it to Docker
            store.commands().transition(small, CommandStatus.PENDING, CommandStatus.RUNNING, Optional.empty());
            store.commands().transition(small, CommandStatus.RUNNING, CommandStatus.DONE, Optional.empty());
            store.jdbi().useTransaction(h -> {
                h.execute("INSERT INTO stacks (stack_id, name, current_version, latest_version, latest_number, created_at,"
                        + " updated_at) WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)"
                        + " SELECT printf('bench-%06d', i), printf('bench-%06d', i), s.current_version, s.latest_version,"
                        + " s.latest_number, s.created_at + i, s.updated_at + i FROM n, stacks s WHERE s.stack_id = ?",
                        stacks - 1, TEMPLATE);
                h.execute("INSERT INTO stack_versions (stack_id, number, version, parent_version, created_at, created_by,"
                        + " comment, compose, compose_hash) SELECT s.stack_id, v.number, v.version, v.parent_version,"
                        + " v.created_at, v.created_by, v.comment, v.compose, v.compose_hash FROM stacks s, stack_versions v"
                        + " WHERE v.stack_id = ? AND s.stack_id <> ?", TEMPLATE, TEMPLATE);
                if (logCommands > 0) {
                    h.execute("INSERT INTO commands (command_id, stack_id, type, payload, status, attempt, created_at,"
                            + " started_at, ended_at, created_by, log_lines) WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL"
                            + " SELECT i + 1 FROM n WHERE i < ?) SELECT ? + i, printf('bench-%06d', 1 + (i % ?)),"
                            + " 'APPLY_STACK_VERSION', '{\"version\":\"v1\"}', 'DONE', 1, 1000 + i, 1000 + i, 1001 + i,"
                            + " 'bench', ? FROM n", logCommands, small, Math.max(1, stacks - 1), linesPerCommand);
                    h.execute("INSERT INTO command_logs (command_id, line_no, logged_at, level, message)"
                            + " WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)"
                            + " SELECT c.command_id, n.i, c.created_at, 'INFO', 'bulk log line ' || n.i"
                            + " FROM commands c, n WHERE c.command_id > ?", linesPerCommand, small);
                }
            });
        }
        return small;
    }

    static CoreMonitorServer startServer(Path db) {
        return CoreMonitorServer.start(ServerConfig.parse(List.of("--port", "0", "--db", db.toString(),
                "--data-dir", db.toAbsolutePath().getParent().resolve("data").toString()), Map.of()));
    }

    static String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    static String nextCursor(String body) {
        Matcher m = NEXT.matcher(body);
        return m.find() ? m.group(1) : null;
    }
}
