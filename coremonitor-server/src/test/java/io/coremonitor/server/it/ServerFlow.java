package io.coremonitor.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import io.coremonitor.docker.testing.TestImages;
import io.coremonitor.server.internal.ApiClient;
import io.coremonitor.server.internal.SseLines;
import io.coremonitor.server.reliability.RelServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.awaitility.Awaitility;

/** The whole API against a running server and the real Docker engine; shared by the SQLite and PostgreSQL runs. */
final class ServerFlow {

    static final String TOKEN = "it-token-" + UUID.randomUUID();

    private final RelServer server;
    private final DockerClient docker;
    private final ApiClient api;
    private final String name = "it-" + UUID.randomUUID().toString().substring(0, 8);
    private String stackId;

    ServerFlow(RelServer server, DockerClient docker) {
        this.server = server;
        this.docker = docker;
        this.api = new ApiClient(server.base(), Optional.of(TOKEN));
    }

    static String compose(String env) {
        return "services:\n"
                + "  web:\n"
                + "    image: " + TestImages.BUSYBOX + "\n"
                + "    command: [sh, -c, 'echo hello-out; echo hello-err >&2; mkdir -p /www; echo ok > /www/index.html;"
                + " exec httpd -f -p 8080 -h /www']\n"
                + "    environment:\n"
                + "      GREETING: " + env + "\n"
                + "    healthcheck:\n"
                + "      test: [CMD, wget, -q, -O, /dev/null, 'http://127.0.0.1:8080/']\n"
                + "      interval: 1s\n"
                + "      timeout: 2s\n"
                + "      retries: 20\n";
    }

    void run() throws Exception {
        try {
            flow();
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError(e.getMessage() + "\n--- server log ---\n" + tail(server.logText()), e);
        } finally {
            cleanUp();
        }
    }

    private void flow() throws Exception {
        // auth and problem bodies
        ApiClient anonymous = new ApiClient(server.base(), Optional.empty());
        ApiClient.Answer refused = anonymous.get("/stacks");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.header("WWW-Authenticate")).isPresent();
        assertThat(new ApiClient(server.base(), Optional.of("wrong")).get("/queue").status()).isEqualTo(401);
        JsonNode health = anonymous.get("/health").json();
        assertThat(health.path("status").asText()).isEqualTo("UP");
        assertThat(api.get("/stacks/" + UUID.randomUUID()).status()).isEqualTo(404);
        ApiClient.Answer invalid = api.post("/stacks", ApiClient.json(Map.of("name", name, "compose",
                "services:\n  web:\n    restart: sometimes\n")));
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.json().path("errors").size()).isGreaterThanOrEqualTo(1);
        assertThat(api.post("/stacks", "{not json").json().path("errors").get(0).path("path").asText()).isEqualTo("$");

        // create, version, plan
        ApiClient.Answer created = api.post("/stacks", ApiClient.json(Map.of("name", name, "compose", compose("one"),
                "author", "it", "comment", "first")));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        stackId = created.json().path("stack_id").asText();
        String s = "/stacks/" + stackId;
        ApiClient.Answer v2 = api.post(s + "/versions", ApiClient.json(Map.of("compose", compose("two"), "parent_version",
                "v1")));
        assertThat(v2.status()).as(v2.text()).isEqualTo(201);
        assertThat(api.post(s + "/versions", ApiClient.json(Map.of("compose", compose("two")))).status()).isEqualTo(200);
        JsonNode diff = api.get(s + "/versions/v2/diff?against=v1").json();
        assertThat(diff.path("services").path("changed").get(0).path("fields").toString()).contains("environment");
        JsonNode plan = api.get(s + "/plan/v1").json();
        assertThat(plan.path("actions").toString()).contains("\"CREATE\"");

        // apply v1, followed to its end over SSE
        JsonNode apply = accepted(api.post(s + "/apply/v1", "{\"auto_rollback\":false}"));
        try (SseLines sse = new SseLines(api, "/commands/" + apply.path("command_id").asLong() + "/logs?follow=true")) {
            List<SseLines.Event> events = sse.until("end", Duration.ofSeconds(120));
            assertThat(events).extracting(SseLines.Event::name).contains("log").endsWith("end");
            assertThat(events.get(events.size() - 1).data().path("status").asText()).isEqualTo("DONE");
            assertThat(sse.ended(Duration.ofSeconds(5))).isTrue();
        }
        assertThat(api.get(s).json().path("current_version").asText()).isEqualTo("v1");
        JsonNode status = waitFor(() -> api.get(s + "/status").json(),
                j -> "RUNNING".equals(j.path("actual").asText()) && "healthy".equals(j.path("services").path("web")
                        .path("health").asText()));
        assertThat(status.path("version").asText()).isEqualTo("v1");
        assertThat(status.path("services").path("web").path("state").asText()).isEqualTo("running");
        JsonNode containers = api.get(s + "/containers").json().path("items");
        assertThat(containers.size()).isEqualTo(1);
        assertThat(containers.get(0).path("service").asText()).isEqualTo("web");
        assertThat(containers.get(0).path("image").asText()).isEqualTo(TestImages.BUSYBOX);
        JsonNode logs = waitFor(() -> api.get(s + "/services/web/logs?tail=50").json(),
                j -> j.path("items").toString().contains("hello-err"));
        assertThat(logs.path("items").toString()).contains("{\"stream\":\"stdout\",\"message\":\"hello-out\"}")
                .contains("{\"stream\":\"stderr\",\"message\":\"hello-err\"}");
        assertThat(api.get(s + "/services/nope/logs").status()).isEqualTo(404);
        try (SseLines follow = new SseLines(api, s + "/services/web/logs?follow=true&tail=5")) {
            assertThat(follow.until("log", Duration.ofSeconds(10))).isNotEmpty();
        }

        // apply v2, rollback to v1
        runToEnd(accepted(api.post(s + "/apply/v2", null)), "DONE");
        assertThat(api.get(s).json().path("current_version").asText()).isEqualTo("v2");
        runToEnd(accepted(api.post(s + "/rollback/v1", null)), "DONE");
        assertThat(api.get(s).json().path("current_version").asText()).isEqualTo("v1");

        // runtime actions
        runToEnd(accepted(api.post(s + "/actions/stop", "{\"services\":[\"web\"]}")), "DONE");
        assertThat(api.get(s + "/status").json().path("services").path("web").path("state").asText()).isNotEqualTo("running");
        runToEnd(accepted(api.post(s + "/actions/start", null)), "DONE");
        assertThat(api.post(s + "/actions/restart", "{\"services\":[\"nope\"]}").status()).isEqualTo(409);

        // cancel a pending command queued behind a running one
        JsonNode restart = accepted(api.post(s + "/actions/restart", null));
        JsonNode queued = accepted(api.post(s + "/apply/v2", null));
        ApiClient.Answer cancel = api.post("/commands/" + queued.path("command_id").asLong() + "/cancel", null);
        assertThat(cancel.status()).as(cancel.text()).isIn(200, 202);
        runToEnd(restart, "DONE");
        JsonNode cancelled = waitFor(() -> api.get("/commands/" + queued.path("command_id").asLong()).json(),
                j -> !j.path("ended_at").isNull());
        assertThat(cancelled.path("status").asText()).isIn("CANCELLED", "DONE");
        if (cancelled.path("status").asText().equals("DONE")) {
            runToEnd(accepted(api.post(s + "/rollback/v1", null)), "DONE");
        }
        assertThat(api.post("/commands/" + restart.path("command_id").asLong() + "/cancel", null).status()).isEqualTo(409);

        // a deployment needs an uploaded artifact (and a service with x-coremonitor-deploy): refused, nothing queued
        ApiClient.Answer noArtifact = api.post(s + "/deploy", "{\"service\":\"web\",\"artifact\":\"app.war\","
                + "\"target_path\":\"/srv/app.war\"}");
        assertThat(noArtifact.status()).as(noArtifact.text()).isEqualTo(422);

        // a command that fails (its image is missing and pull_policy is never: nothing changes) halts the queue;
        // retry, then cancel it
        ApiClient.Answer v3 = api.post(s + "/versions", ApiClient.json(Map.of("compose", "services:\n  web:\n"
                + "    image: coremonitor-test/missing:never\n    pull_policy: never\n")));
        assertThat(v3.status()).as(v3.text()).isEqualTo(201);
        JsonNode failing = accepted(api.post(s + "/apply/v3", null));
        long failingId = failing.path("command_id").asLong();
        JsonNode failed = runToEnd(failing, "FAILED");
        assertThat(failed.path("error").asText()).contains("pull_policy is never");
        assertThat(api.get("/queue").json().path("halted_by").asLong()).isEqualTo(failingId);
        ApiClient.Answer retried = api.post("/commands/" + failingId + "/retry", null);
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.json().path("attempt").asInt()).isEqualTo(2);
        runToEnd(failing, "FAILED");
        ApiClient.Answer unhalt = api.post("/commands/" + failingId + "/cancel", null);
        assertThat(unhalt.json().path("status").asText()).isEqualTo("CANCELLED");
        assertThat(api.get("/queue").json().path("halted_by").isNull()).isTrue();
        assertThat(api.get(s).json().path("current_version").asText()).isEqualTo("v1");

        // pagination over the commands of the stack
        List<Long> ids = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = api.get("/commands?stack_id=" + stackId + "&limit=2" + (cursor == null ? "" : "&cursor=" + cursor))
                    .json();
            page.path("items").forEach(c -> ids.add(c.path("command_id").asLong()));
            cursor = page.path("next_cursor").isNull() ? null : page.path("next_cursor").asText();
        } while (cursor != null);
        assertThat(ids).isSorted().hasSizeGreaterThanOrEqualTo(8).doesNotHaveDuplicates();
        assertThat(api.get("/commands?stack_id=" + stackId + "&status=CANCELLED&type=APPLY_STACK_VERSION").json()
                .path("items").size()).isGreaterThanOrEqualTo(1);
        assertThat(api.get("/commands?stack_id=" + stackId + "&type=DEPLOY_ARTIFACT").json().path("items").size()).isZero();

        // delete
        runToEnd(accepted(api.post(s + "/delete", "{\"remove_volumes\":true}")), "DONE");
        assertThat(managedContainers()).isEmpty();
        assertThat(api.get(s).json().path("deleted_at").isNull()).isFalse();
        assertThat(api.post(s + "/apply/v1", null).status()).isEqualTo(409);
    }

    private JsonNode accepted(ApiClient.Answer a) {
        assertThat(a.status()).as(a.text()).isEqualTo(202);
        long id = a.json().path("command_id").asLong();
        assertThat(a.header("Location")).contains("/api/v1/commands/" + id);
        return a.json();
    }

    private JsonNode runToEnd(JsonNode command, String expected) throws InterruptedException {
        long id = command.path("command_id").asLong();
        JsonNode end = waitFor(() -> api.get("/commands/" + id).json(), j -> List.of("DONE", "FAILED", "CANCELLED")
                .contains(j.path("status").asText()));
        if (!end.path("status").asText().equals(expected)) {
            throw new AssertionError("command " + id + " ended " + end + "; logs: " + api.get("/commands/" + id + "/logs").text());
        }
        return end;
    }

    private List<Container> managedContainers() {
        return docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of("coremonitor.stack_id", stackId == null ? "none" : stackId)).exec();
    }

    private void cleanUp() {
        if (stackId == null) {
            return;
        }
        for (Container c : managedContainers()) {
            docker.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec();
        }
        docker.listNetworksCmd().withFilter("label", List.of("coremonitor.stack_id=" + stackId)).exec()
                .forEach(n -> docker.removeNetworkCmd(n.getId()).exec());
    }

    static <T> T waitFor(java.util.function.Supplier<T> read, java.util.function.Predicate<T> done)
            throws InterruptedException {
        return Awaitility.await().atMost(Duration.ofSeconds(120)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(200)).pollInSameThread().until(read::get, done);
    }

    private static String tail(String text) {
        return text.length() > 20_000 ? text.substring(text.length() - 20_000) : text;
    }
}
