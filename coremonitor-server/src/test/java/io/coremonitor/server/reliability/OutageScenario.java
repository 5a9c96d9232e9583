package io.coremonitor.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coremonitor.docker.testing.TestImages;
import io.coremonitor.engine.monitoring.PrometheusScrape;
import io.coremonitor.server.internal.ApiClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.awaitility.Awaitility;

/**
 * Docker going away in the middle of an APPLY, then coming back, seen through the REST API of a running server: the
 * scenario both outage ITs share ({@link DockerOutageReliabilityIT} cuts a socket relay, {@link
 * DockerRestartReliabilityIT} stops a real daemon).
 *
 * <ol>
 *   <li>A stack is created and v1 applied (DONE); v2, whose health check passes after ~4 s, is applied and a restart
 *       action queued behind it; the outage begins while the APPLY runs.</li>
 *   <li>During the outage: the server stays up; {@code /health} says Docker DOWN, DEGRADED, database UP; every read
 *       answers 200; every write needing Docker answers 503 problem+json "Docker is unreachable"; the APPLY goes back
 *       to PENDING (not FAILED) with a log line saying why, the restart stays PENDING, {@code GET /queue} says what
 *       the queue waits for and {@code /metrics} has {@code coremonitor_queue_waiting 1.0}.</li>
 *   <li>After the outage: both commands end DONE, {@code waiting_for} is null again, a new APPLY v1 ends DONE and the
 *       stack is RUNNING v1.</li>
 * </ol>
 */
final class OutageScenario {

    /** How the test takes Docker away and gives it back. */
    interface Outage {
        void begin() throws Exception;

        void end() throws Exception;
    }

    static final String UNREACHABLE = "Docker is unreachable";
    private static final Set<String> FINAL = Set.of("DONE", "FAILED", "CANCELLED");
    /** A service whose health check passes after ~4 s: an APPLY of it is still running when the outage begins. */
    private static final String SLOW = "services:\n"
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

    private OutageScenario() {
    }

    /** Runs the scenario; the ids of the stacks it creates go to {@code stackIds} (for the caller's clean-up). */
    static void run(String name, RelServer server, Outage outage, List<String> stackIds) throws Exception {
        ApiClient api = server.api();
        assertThat(api.get("/health").json().path("docker").path("status").asText()).isEqualTo("UP");
        ApiClient.Answer created = api.post("/stacks", ApiClient.json(Map.of("name", "rel-" + name + "-"
                + UUID.randomUUID().toString().substring(0, 8), "compose", RelServer.sleeper("one"))));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String id = created.json().path("stack_id").asText();
        stackIds.add(id);
        String s = "/stacks/" + id;
        JsonNode v1 = end(api, accepted(api.post(s + "/apply/v1", null)));
        assertThat(v1.path("status").asText()).as("APPLY v1: %s", v1).isEqualTo("DONE");
        ApiClient.Answer v2 = api.post(s + "/versions", ApiClient.json(Map.of("compose", SLOW)));
        assertThat(v2.status()).as(v2.text()).isEqualTo(201);
        long running = accepted(api.post(s + "/apply/v2", null));
        long queued = accepted(api.post(s + "/actions/restart", null));
        RelServer.waitFor(() -> api.get("/commands/" + running).json(),
                c -> "RUNNING".equals(c.path("status").asText()), Duration.ofSeconds(30));

        outage.begin();
        assertThat(server.alive()).as("server process alive once Docker is gone").isTrue();
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

        // the APPLY caught by the outage goes back to PENDING (not FAILED), saying why in its logs
        JsonNode back = RelServer.waitFor(() -> api.get("/commands/" + running).json(),
                c -> !"RUNNING".equals(c.path("status").asText()), Duration.ofSeconds(30));
        assertThat(back.path("status").asText()).as("the APPLY running when Docker went away: %s", back)
                .isEqualTo("PENDING");
        JsonNode logs = api.get("/commands/" + running + "/logs").json();
        assertThat(messages(logs)).as("logs of the APPLY caught by the outage: %s", logs)
                .anyMatch(m -> m.contains(UNREACHABLE));
        // the queue waits for Docker, and says so
        ApiClient.Answer queue = api.get("/queue");
        assertThat(queue.status()).as("GET /queue during the outage: %s", queue.text()).isEqualTo(200);
        assertThat(queue.json().path("waiting_for").asText("")).as("waiting_for in %s", queue.text()).contains(UNREACHABLE);
        assertThat(PrometheusScrape.parse(api.get("/metrics").text()).value("coremonitor_queue_waiting")).isEqualTo(1);
        // both stay PENDING for 2 s of the outage
        Awaitility.await("both commands PENDING for 2 s while Docker is away").during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
                .pollInSameThread().untilAsserted(() -> {
                    for (long c : List.of(running, queued)) {
                        JsonNode cmd = api.get("/commands/" + c).json();
                        assertThat(cmd.path("status").asText()).as("command %d while Docker is away: %s", c, cmd)
                                .isEqualTo("PENDING");
                    }
                });
        assertThat(api.get("/health").json().path("status").asText()).isEqualTo("DEGRADED");
        assertThat(server.alive()).as("server process alive at the end of the outage").isTrue();

        outage.end();
        RelServer.waitFor(() -> api.get("/health").json(), h -> h.path("status").asText().equals("UP"),
                Duration.ofSeconds(30));
        for (long c : List.of(running, queued)) {
            JsonNode cmd = end(api, c);
            assertThat(cmd.path("status").asText()).as("command %d after the outage: %s; logs %s", c, cmd,
                    api.get("/commands/" + c + "/logs").text()).isEqualTo("DONE");
        }
        assertThat(api.get("/queue").json().path("waiting_for").isNull()).as("waiting_for after the outage").isTrue();
        assertThat(PrometheusScrape.parse(api.get("/metrics").text()).value("coremonitor_queue_waiting")).isZero();
        JsonNode after = end(api, accepted(api.post(s + "/apply/v1", null)));
        assertThat(after.path("status").asText()).as("APPLY after the outage: %s; logs %s", after,
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

    private static long accepted(ApiClient.Answer a) {
        assertThat(a.status()).as(a.text()).isEqualTo(202);
        return a.json().path("command_id").asLong();
    }

    private static JsonNode end(ApiClient api, long id) throws InterruptedException {
        return RelServer.waitFor(() -> api.get("/commands/" + id).json(), c -> FINAL.contains(c.path("status").asText()),
                Duration.ofSeconds(60));
    }
}
