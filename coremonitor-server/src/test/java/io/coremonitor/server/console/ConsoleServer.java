package io.coremonitor.server.console;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.coremonitor.server.internal.ApiClient;
import io.coremonitor.server.reliability.RelServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The server a console test class drives ({@code @RegisterExtension static final ConsoleServer SERVER = ...}): the
 * server jar on a SQLite file of its own, started once the browser is known to be there, before the class's tests;
 * after them, the stacks the tests {@link #track tracked} are deleted (and waited for) and the server is stopped.
 */
final class ConsoleServer implements BeforeAllCallback, AfterAllCallback {

    private final String name;
    private final List<String> args;
    private final List<String> stacks = new ArrayList<>();
    private Path dir;
    private RelServer server;
    private ApiClient api;

    ConsoleServer(String name, String... args) {
        this.name = name;
        this.args = List.of(args);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        ConsoleBrowser.requireAvailable();
        dir = Files.createTempDirectory(name);
        server = new RelServer(name, dir.resolve("cm.db").toString(), args).start();
        api = new ApiClient(server.base(), Optional.empty());
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            for (String id : stacks) {
                ApiClient.Answer a = api.post("/stacks/" + id + "/delete", "{}");
                if (a.status() == 202) {
                    awaitDone(a.json().path("command_id").asText());
                }
            }
        } finally {
            if (server != null) {
                server.close();
            }
            deleteQuietly(dir);
        }
    }

    ApiClient api() {
        return api;
    }

    /** The console's root URL. */
    String root() {
        return ConsoleBrowser.rootOf(server.base());
    }

    /** A stack to delete after the class's tests. */
    void track(String stackId) {
        stacks.add(stackId);
    }

    /** Waits until the command is DONE; fails at once when it ends otherwise. */
    void awaitDone(String commandId) {
        await("command " + commandId + " DONE").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(300))
            .until(() -> {
                JsonNode c = api.get("/commands/" + commandId).json();
                String status = c.path("status").asText();
                if ("FAILED".equals(status) || "CANCELLED".equals(status)) {
                    throw new AssertionError("command " + commandId + " ended " + status + ": " + c);
                }
                return "DONE".equals(status);
            });
    }

    private static void deleteQuietly(Path dir) throws IOException {
        if (dir == null) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
