package io.coremonitor.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import io.coremonitor.docker.testing.RequiresDocker;
import io.coremonitor.docker.testing.TestImages;
import io.coremonitor.server.internal.ApiClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Docker unreachable while the server works: the server talks to Docker through a UNIX socket relay that the test
 * cuts and restores (the shared daemon is never stopped; {@link DockerRestartReliabilityIT} stops a private one).
 * Reads keep answering, writes needing Docker get 503, the command cut by the outage goes back to PENDING and the
 * queue waits ({@code waiting_for}), and both commands end DONE after the restore.
 */
@RequiresDocker
class DockerOutageReliabilityIT {

    private static final Set<String> FINAL = Set.of("DONE", "FAILED", "CANCELLED");

    @Test
    void theServerRidesOutADockerOutage(@TempDir Path dir, DockerClient docker) throws Exception {
        TestImages.requireBusybox(docker);
        // a short path: UNIX socket paths are limited to ~100 bytes
        Path sockDir = Files.createTempDirectory(Path.of("/tmp"), "cmrel");
        List<String> stackIds = new ArrayList<>();
        try (UnixSocketRelay relay = new UnixSocketRelay(sockDir.resolve("d.sock"), Path.of("/var/run/docker.sock"))) {
            RelServer server = new RelServer("outage", dir.resolve("cm.db"), List.of("--docker-host", relay.dockerHost(),
                    "--queue-on-failure", "continue")).start();
            try {
                run(server.api(), relay, stackIds);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(e.getMessage() + "\n--- server log ---\n" + server.logTail(), e);
            } finally {
                server.close();
            }
        } finally {
            Cleanup.stacks(docker, stackIds);
            Files.deleteIfExists(sockDir.resolve("d.sock"));
            Files.deleteIfExists(sockDir);
        }
    }

    private static void run(ApiClient api, UnixSocketRelay relay, List<String> stackIds) throws Exception {
        assertThat(api.get("/health").json().path("docker").path("status").asText()).isEqualTo("UP");
        ApiClient.Answer created = api.post("/stacks", ApiClient.json(Map.of("name", "rel-outage-"
                + UUID.randomUUID().toString().substring(0, 8), "compose", RelServer.sleeper("one"))));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String id = created.json().path("stack_id").asText();
        stackIds.add(id);
        String s = "/stacks/" + id;
        assertThat(end(api, accepted(api.post(s + "/apply/v1", null))).path("status").asText()).isEqualTo("DONE");

        // v2 waits for a health check that passes after ~4 s: the outage comes while it runs
        String slow = "services:\n"
                + "  app:\n"
                + "    image: " + TestImages.BUSYBOX + "\n"
                + "    command: [sh, -c, 'sleep 4; touch /tmp/ready; exec sleep 3600']\n"
                + "    stop_signal: SIGKILL\n"
                + "    stop_grace_period: 0s\n"
                + "    healthcheck:\n"
                + "      test: [CMD, test, -f, /tmp/ready]\n"
                + "      interval: 1s\n"
                + "      timeout: 1s\n"
                + "      retries: 30\n";
        ApiClient.Answer v2 = api.post(s + "/versions", ApiClient.json(Map.of("compose", slow)));
        assertThat(v2.status()).as(v2.text()).isEqualTo(201);
        long running = accepted(api.post(s + "/apply/v2", null));
        long queued = accepted(api.post(s + "/actions/restart", null));
        RelServer.waitFor(() -> api.get("/commands/" + running).json(),
                c -> !"PENDING".equals(c.path("status").asText()), Duration.ofSeconds(30));

        relay.cut();
        JsonNode health = RelServer.waitFor(() -> api.get("/health"), a -> a.json().path("docker").path("status")
                .asText().equals("DOWN"), Duration.ofSeconds(30)).json();
        assertThat(health.path("status").asText()).isEqualTo("DEGRADED");
        assertThat(health.path("database").path("status").asText()).isEqualTo("UP");
        for (String read : List.of("/stacks", "/commands", "/queue", s, s + "/versions", s + "/versions/v2",
                "/commands/" + running, "/commands/" + running + "/logs")) {
            ApiClient.Answer a = api.get(read);
            assertThat(a.status()).as("GET %s during the outage: %s", read, a.text()).isEqualTo(200);
        }
        for (String write : List.of(s + "/apply/v1", s + "/rollback/v1", s + "/actions/stop", s + "/delete")) {
            ApiClient.Answer a = api.post(write, null);
            assertThat(a.status()).as("POST %s during the outage: %s", write, a.text()).isEqualTo(503);
            assertThat(a.header("Content-Type").orElse("")).contains("application/problem+json");
            assertThat(a.json().path("detail").asText()).contains("Docker is unreachable");
        }
        ApiClient.Answer status = api.get(s + "/status");
        assertThat(status.status()).as("status during the outage: %s", status.text()).isIn(200, 503);
        // the commands caught by the outage wait for Docker: the running one went back to PENDING, saying why
        JsonNode back = RelServer.waitFor(() -> api.get("/commands/" + running).json(),
                c -> !"RUNNING".equals(c.path("status").asText()), Duration.ofSeconds(30));
        assertThat(back.path("status").asText()).as("the APPLY cut by the outage: %s", back).isEqualTo("PENDING");
        assertThat(api.get("/commands/" + running + "/logs").text()).contains("Docker is unreachable");
        assertThat(api.get("/commands/" + queued).json().path("status").asText()).isEqualTo("PENDING");
        assertThat(api.get("/queue").json().path("waiting_for").asText("")).contains("Docker is unreachable");
        assertThat(api.get("/health").json().path("status").asText()).isEqualTo("DEGRADED");

        relay.restore();
        RelServer.waitFor(() -> api.get("/health").json(), h -> h.path("status").asText().equals("UP"),
                Duration.ofSeconds(30));
        for (long c : List.of(running, queued)) {
            JsonNode cmd = end(api, c);
            assertThat(cmd.path("status").asText()).as("command %d after the restore: %s", c, cmd).isEqualTo("DONE");
        }
        assertThat(api.get("/queue").json().path("waiting_for").isNull()).isTrue();
        JsonNode after = end(api, accepted(api.post(s + "/apply/v1", null)));
        assertThat(after.path("status").asText()).as("APPLY after the restore: %s; logs %s", after,
                api.get("/commands/" + after.path("command_id").asLong() + "/logs").text()).isEqualTo("DONE");
        JsonNode st = RelServer.waitFor(() -> api.get(s + "/status").json(),
                j -> "RUNNING".equals(j.path("actual").asText()), Duration.ofSeconds(60));
        assertThat(st.path("version").asText()).isEqualTo("v1");
    }

    private static long accepted(ApiClient.Answer a) {
        assertThat(a.status()).as(a.text()).isEqualTo(202);
        return a.json().path("command_id").asLong();
    }

    private static JsonNode end(ApiClient api, long id) throws InterruptedException {
        return RelServer.waitFor(() -> api.get("/commands/" + id).json(), c -> FINAL.contains(c.path("status").asText()),
                Duration.ofSeconds(120));
    }
}
