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
 * A real Docker daemon stop and restart while the server works: the server talks to a private {@code dockerd}
 * ({@link PrivateDockerd}, never the shared engine) which the test stops with SIGTERM in the middle of an APPLY and
 * starts again. During the outage reads keep answering, writes needing Docker get 503, the server stays up, the
 * APPLY that was running goes back to PENDING with a log line saying why, and the queue says what it waits for.
 * After the restart both commands caught by the outage end DONE and the stack converges again.
 */
@RequiresDocker
class DockerRestartReliabilityIT {

    private static final Set<String> FINAL = Set.of("DONE", "FAILED", "CANCELLED");
    private static final String UNREACHABLE = "Docker is unreachable";

    @Test
    void theServerRidesOutARealDockerdRestart(@TempDir Path dir, DockerClient shared) throws Exception {
        PrivateDockerd.requireAvailable(getClass().getSimpleName());
        TestImages.requireBusybox(shared);
        List<String> stackIds = new ArrayList<>();
        long t0 = System.nanoTime();
        Path docker0 = Path.of("/sys/class/net/docker0");
        boolean sharedBridge = Files.exists(docker0);
        try (PrivateDockerd dockerd = new PrivateDockerd()) {
            RelServer server = null;
            try {
                dockerd.start();
                dockerd.loadImage(shared, TestImages.BUSYBOX);
                server = new RelServer("dockerd-restart", dir.resolve("cm.db"), List.of("--docker-host",
                        dockerd.dockerHost(), "--queue-on-failure", "continue")).start();
                run(server, dockerd, stackIds);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(e.getMessage()
                        + "\n--- server log ---\n" + (server == null ? "(not started)" : server.logTail())
                        + "\n--- private dockerd log (" + dockerd.logFile() + ") ---\n" + dockerd.logTail(), e);
            } finally {
                if (server != null) {
                    server.close();
                }
                cleanUp(dockerd, stackIds);
            }
        } finally {
            System.out.printf("DockerRestartReliabilityIT: took %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        }
        // the private daemon must leave the shared engine's default bridge alone (see PrivateDockerd: its own netns)
        assertThat(Files.exists(docker0)).as("the shared engine's docker0 after the test").isEqualTo(sharedBridge);
    }

    /**
     * Removes the stacks' containers and networks on the private daemon when it runs (when the test left it down,
     * its network namespace is gone already and {@link PrivateDockerd#close()} deletes its data).
     */
    private static void cleanUp(PrivateDockerd dockerd, List<String> stackIds) {
        try {
            if (dockerd.running()) {
                Cleanup.stacks(dockerd.client(), stackIds);
            }
        } catch (Exception e) {
            System.err.println("DockerRestartReliabilityIT: cleanup on the private dockerd failed: " + e);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void run(RelServer server, PrivateDockerd dockerd, List<String> stackIds) throws Exception {
        ApiClient api = server.api();
        assertThat(api.get("/health").json().path("docker").path("status").asText()).isEqualTo("UP");
        ApiClient.Answer created = api.post("/stacks", ApiClient.json(Map.of("name", "rel-dockerd-"
                + UUID.randomUUID().toString().substring(0, 8), "compose", RelServer.sleeper("one"))));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String id = created.json().path("stack_id").asText();
        stackIds.add(id);
        String s = "/stacks/" + id;
        JsonNode v1 = end(api, accepted(api.post(s + "/apply/v1", null)));
        assertThat(v1.path("status").asText()).as("APPLY v1: %s", v1).isEqualTo("DONE");

        // v2 waits for a health check that passes after ~4 s: the daemon goes away while it runs
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
                c -> "RUNNING".equals(c.path("status").asText()), Duration.ofSeconds(30));

        long stopAt = System.nanoTime();
        dockerd.stop();
        System.out.printf("DockerRestartReliabilityIT: private dockerd stopped in %d ms%n",
                (System.nanoTime() - stopAt) / 1_000_000);
        assertThat(server.alive()).as("server process alive after the daemon stopped").isTrue();
        JsonNode health = RelServer.waitFor(() -> api.get("/health"), a -> a.json().path("docker").path("status")
                .asText().equals("DOWN"), Duration.ofSeconds(30)).json();
        assertThat(health.path("status").asText()).as("health %s", health).isEqualTo("DEGRADED");
        assertThat(health.path("database").path("status").asText()).as("health %s", health).isEqualTo("UP");
        for (String read : List.of("/stacks", "/commands", "/queue", s, s + "/versions", s + "/versions/v2",
                "/commands/" + running, "/commands/" + running + "/logs")) {
            ApiClient.Answer a = api.get(read);
            assertThat(a.status()).as("GET %s during the outage: %s", read, a.text()).isEqualTo(200);
        }
        for (String write : List.of(s + "/apply/v1", s + "/rollback/v1", s + "/actions/stop", s + "/delete")) {
            ApiClient.Answer a = api.post(write, null);
            assertThat(a.status()).as("POST %s during the outage: %s", write, a.text()).isEqualTo(503);
            assertThat(a.header("Content-Type").orElse("")).as("POST %s", write).contains("application/problem+json");
            assertThat(a.json().path("detail").asText()).as("POST %s: %s", write, a.text()).contains(UNREACHABLE);
        }
        ApiClient.Answer status = api.get(s + "/status");
        assertThat(status.status()).as("status during the outage: %s", status.text()).isIn(200, 503);
        assertThat(server.alive()).as("server process alive during the outage").isTrue();
        for (long c : List.of(running, queued)) {
            JsonNode cmd = api.get("/commands/" + c).json();
            System.out.println("DockerRestartReliabilityIT: during the outage command " + c + " is "
                    + cmd.path("status").asText() + " error=" + cmd.path("error"));
        }

        // the APPLY caught by the outage goes back to PENDING (not FAILED), saying why in its logs
        JsonNode back = RelServer.waitFor(() -> api.get("/commands/" + running).json(),
                c -> !"RUNNING".equals(c.path("status").asText()), Duration.ofSeconds(30));
        assertThat(back.path("status").asText()).as("the APPLY running when the daemon stopped: %s", back)
                .isEqualTo("PENDING");
        JsonNode logs = api.get("/commands/" + running + "/logs").json();
        assertThat(messages(logs)).as("logs of the APPLY caught by the outage: %s", logs)
                .anyMatch(m -> m.contains(UNREACHABLE));
        // the queue waits for Docker, and says so
        ApiClient.Answer queue = api.get("/queue");
        assertThat(queue.status()).as("GET /queue during the outage: %s", queue.text()).isEqualTo(200);
        JsonNode waitingFor = queue.json().path("waiting_for");
        assertThat(waitingFor.isMissingNode() || waitingFor.isNull()).as("waiting_for in %s", queue.text()).isFalse();
        assertThat(waitingFor.toString()).as("waiting_for in %s", queue.text()).contains(UNREACHABLE);
        Thread.sleep(2000);
        for (long c : List.of(running, queued)) {
            JsonNode cmd = api.get("/commands/" + c).json();
            assertThat(cmd.path("status").asText()).as("command %d while the daemon is down: %s", c, cmd)
                    .isEqualTo("PENDING");
        }
        assertThat(api.get("/health").json().path("status").asText()).isEqualTo("DEGRADED");
        assertThat(server.alive()).as("server process alive at the end of the outage").isTrue();

        long startAt = System.nanoTime();
        dockerd.start();
        System.out.printf("DockerRestartReliabilityIT: private dockerd started again in %d ms; containers: %s%n",
                (System.nanoTime() - startAt) / 1_000_000, containers(dockerd));
        RelServer.waitFor(() -> api.get("/health").json(), h -> h.path("status").asText().equals("UP"),
                Duration.ofSeconds(30));
        for (long c : List.of(running, queued)) {
            JsonNode cmd = end(api, c);
            assertThat(cmd.path("status").asText()).as("command %d after the restart: %s; logs %s", c, cmd,
                    api.get("/commands/" + c + "/logs").text()).isEqualTo("DONE");
        }
        JsonNode after = end(api, accepted(api.post(s + "/apply/v1", null)));
        assertThat(after.path("status").asText()).as("APPLY after the restart: %s; logs %s", after,
                api.get("/commands/" + after.path("command_id").asLong() + "/logs").text()).isEqualTo("DONE");
        JsonNode st = RelServer.waitFor(() -> api.get(s + "/status").json(),
                j -> "RUNNING".equals(j.path("actual").asText()), Duration.ofSeconds(60));
        assertThat(st.path("version").asText()).as("status %s", st).isEqualTo("v1");
    }

    private static List<String> messages(JsonNode logs) {
        List<String> out = new ArrayList<>();
        logs.path("items").forEach(i -> out.add(i.path("message").asText("")));
        return out;
    }

    private static List<String> containers(PrivateDockerd dockerd) {
        List<String> out = new ArrayList<>();
        dockerd.client().listContainersCmd().withShowAll(true).exec()
                .forEach(c -> out.add(String.join(",", c.getNames()) + " " + c.getState() + " (" + c.getStatus() + ")"));
        return out;
    }

    private static long accepted(ApiClient.Answer a) {
        assertThat(a.status()).as(a.text()).isEqualTo(202);
        return a.json().path("command_id").asLong();
    }

    private static JsonNode end(ApiClient api, long id) throws InterruptedException {
        return RelServer.waitFor(() -> api.get("/commands/" + id).json(), c -> FINAL.contains(c.path("status").asText()),
                Duration.ofSeconds(60));
    }
}
