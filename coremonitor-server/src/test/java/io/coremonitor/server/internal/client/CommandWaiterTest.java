package io.coremonitor.server.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code --wait} against a scripted SSE server: lines printed once across reconnects, the end's status, giving up. */
class CommandWaiterTest {

    private HttpServer server;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<String> authorizations = new ArrayList<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static String log(int n) {
        return "event: log\ndata: {\"line\":" + n + ",\"timestamp\":\"2026-12-02T10:00:0" + n + "Z\",\"level\":\"INFO\","
            + "\"message\":\"step " + n + "\"}\n\n";
    }

    private static String end(String status, String error) {
        return "event: end\ndata: {\"command_id\":7,\"type\":\"APPLY_STACK_VERSION\",\"status\":\"" + status + "\",\"error\":"
            + (error == null ? "null" : "\"" + error + "\"") + "}\n\n";
    }

    /** Answers the n-th connection (from 0) with {@code bodies[n]} (the last one again after that). */
    private Session serve(int status, String... bodies) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/commands/7/logs", (HttpExchange ex) -> {
            synchronized (authorizations) {
                authorizations.add(ex.getRequestHeaders().getFirst("Authorization"));
            }
            int n = connections.getAndIncrement();
            byte[] body = bodies[Math.min(n, bodies.length - 1)].getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", status == 200 ? "text/event-stream" : "application/problem+json");
            ex.sendResponseHeaders(status, body.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(body);
            }
        });
        server.start();
        ClientSettings settings = new ClientSettings(URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
            Optional.of("tok"), "tester", Optional.empty(), List.of());
        return new Session(new RestClient(settings), new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false, Map.of(),
            new ByteArrayInputStream(new byte[0]));
    }

    @Test
    void linesArePrintedOnceAcrossAStreamThatBrokeAndTheEndDecides() throws IOException {
        Session s = serve(200, ": keep-alive\n\n" + log(1) + log(2), log(1) + log(2) + log(3) + end("DONE", null));
        assertThat(new CommandWaiter(s, Duration.ofSeconds(30)).follow(7)).isEqualTo(ExitCodes.DONE);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(
            "2026-12-02T10:00:01Z INFO  step 1\n2026-12-02T10:00:02Z INFO  step 2\n2026-12-02T10:00:03Z INFO  step 3\n"
            + "command 7 APPLY_STACK_VERSION DONE\n");
        assertThat(connections.get()).isEqualTo(2);
        assertThat(authorizations).containsOnly("Bearer tok");
    }

    @Test
    void aFailedCommandIsExit1WithItsError() throws IOException {
        Session s = serve(200, log(1) + end("FAILED", "image missing"));
        assertThatThrownBy(() -> new CommandWaiter(s, Duration.ofSeconds(30)).follow(7))
            .isInstanceOfSatisfying(CliException.class, e -> {
                assertThat(e.exitCode()).isEqualTo(ExitCodes.FAILED);
                assertThat(e.getMessage()).isEqualTo("command 7 APPLY_STACK_VERSION ended FAILED: image missing");
            });
    }

    @Test
    void aStreamThatKeepsEndingWithoutItsEndIsExit3AfterTheGiveUpTime() throws IOException {
        Session s = serve(200, "");
        assertThatThrownBy(() -> new CommandWaiter(s, Duration.ofSeconds(2)).follow(7))
            .isInstanceOfSatisfying(CliException.class, e -> {
                assertThat(e.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
                assertThat(e.getMessage()).startsWith("lost the server while following command 7 (its log stream closed)");
            });
        assertThat(connections.get()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void anUnknownCommandIsExit1AtOnce() throws IOException {
        Session s = serve(404, "{\"title\":\"Not Found\",\"status\":404,\"detail\":\"no command 7\"}");
        assertThatThrownBy(() -> new CommandWaiter(s, Duration.ofSeconds(30)).follow(7))
            .isInstanceOfSatisfying(CliException.class, e -> {
                assertThat(e.exitCode()).isEqualTo(ExitCodes.FAILED);
                assertThat(e.getMessage()).isEqualTo("no command 7 (HTTP 404 Not Found)");
            });
        assertThat(connections.get()).isEqualTo(1);
    }
}
