package io.coremonitor.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedding API: a server started in this JVM answers on its port, with its engine's worker running, until closed. */
class CoreMonitorServerTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void startsOnAFreePortAnswersAndStops(@TempDir Path dir) throws Exception {
        ServerConfig config = ServerConfig.parse(List.of("--port", "0", "--db", dir.resolve("cm.db").toString(),
                "--data-dir", dir.toString(), "--token", "embed-token"), Map.of());
        URI queue;
        try (CoreMonitorServer server = CoreMonitorServer.start(config)) {
            assertThat(server.port()).isPositive();
            assertThat(server.baseUrl()).isEqualTo(URI.create("http://127.0.0.1:" + server.port()));
            assertThat(server.apiUrl()).isEqualTo(URI.create("http://127.0.0.1:" + server.port() + "/api/v1"));
            assertThat(server.engine().status().workerRunning()).isTrue();
            queue = URI.create(server.apiUrl() + "/queue");
            assertThat(get(queue, "embed-token").statusCode()).isEqualTo(200);
            assertThat(get(queue, "wrong-token").statusCode()).isEqualTo(401);
        }
        URI stopped = queue;
        assertThatThrownBy(() -> get(stopped, "embed-token")).isInstanceOf(ConnectException.class);
    }

    @Test
    void aWildcardHostIsReachedThroughLoopback(@TempDir Path dir) {
        ServerConfig config = ServerConfig.parse(List.of("--host", "0.0.0.0", "--port", "0", "--db",
                dir.resolve("cm.db").toString(), "--data-dir", dir.toString(), "--token", "embed-token"), Map.of());
        try (CoreMonitorServer server = CoreMonitorServer.start(config)) {
            assertThat(server.baseUrl()).isEqualTo(URI.create("http://127.0.0.1:" + server.port()));
        }
    }

    private HttpResponse<String> get(URI uri, String token) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
