package io.coremonitor.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import io.coremonitor.docker.DockerSettings;
import io.coremonitor.docker.testing.RequiresDocker;
import io.coremonitor.docker.testing.TestImages;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streams that hold Docker callbacks, in-process on the real engine: container events on {@code /events} (the Docker
 * subscription opens with the first client and closes with the last), a followed service log that ends when
 * its client leaves, and the answers that need Docker against their OpenAPI schemas.
 */
@RequiresDocker
class DockerStreamsTest {

    static final String LOGGER = "services:\n  talk:\n    image: " + TestImages.BUSYBOX + "\n"
            + "    command: [sh, -c, 'i=0; while true; do i=$$((i+1)); echo out-$$i; echo err-$$i >&2; sleep 0.2; done']\n"
            + "    stop_grace_period: 1s\n";

    @TempDir
    Path dir;
    TestApi t;
    DockerClient docker;
    String stackId;

    @AfterEach
    void cleanUp() {
        if (t != null) {
            t.close();
        }
        if (docker != null && stackId != null) {
            List<Container> left = docker.listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of("coremonitor.stack_id", stackId)).exec();
            left.forEach(c -> docker.removeContainerCmd(c.getId()).withForce(true).exec());
            docker.listNetworksCmd().withFilter("label", List.of("coremonitor.stack_id=" + stackId)).exec()
                    .forEach(n -> docker.removeNetworkCmd(n.getId()).exec());
        }
    }

    @Test
    void containerEventsAndFollowedLogsWithoutLeaks(DockerClient client, DockerSettings settings) throws Exception {
        docker = client;
        TestImages.requireBusybox(client);
        t = new TestApi(dir, Optional.empty(), Optional.of(settings));
        t.engine.startWorker();
        ApiClient c = t.client;
        String name = "sse-" + UUID.randomUUID().toString().substring(0, 8);
        ApiClient.Answer created = c.post("/stacks", ApiClient.json(Map.of("name", name, "compose", LOGGER)));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        stackId = created.json().path("stack_id").asText();
        String s = "/stacks/" + stackId;

        try (SseLines events = new SseLines(c, "/events")) {
            assertThat(events.next(Duration.ofSeconds(5)).name()).isEqualTo("hello");
            assertThat(t.api.watchingDockerEvents()).isTrue();
            long id = c.post(s + "/apply/v1", null).json().path("command_id").asLong();
            // other stacks on this engine (other test runs) have events too: wait for one of ours
            List<SseLines.Event> seen = new java.util.ArrayList<>();
            SseLines.Event container = null;
            while (container == null) {
                List<SseLines.Event> more = events.until("container", Duration.ofSeconds(60));
                seen.addAll(more);
                SseLines.Event last = more.get(more.size() - 1);
                if (last.name().equals("container") && last.data().path("stack_id").asText().equals(stackId)) {
                    container = last;
                }
            }
            assertThat(container.data().path("service").asText()).isEqualTo("talk");
            assertThat(seen).anyMatch(e -> e.name().equals("command") && e.data().path("command_id").asLong() == id);
            ApiRoutesTest.waitFor(() -> c.get("/commands/" + id).json().path("status").asText(), "DONE"::equals);
        }
        ApiRoutesTest.waitFor(t.api::watchingDockerEvents, w -> !w);

        ApiClient.Answer lines = ApiRoutesTest.waitFor(() -> c.get(s + "/services/talk/logs?tail=20"),
                a -> a.json().path("items").size() >= 6);
        assertThat(lines.json().path("items").toString()).contains("\"stream\":\"stdout\"").contains("\"stream\":\"stderr\"");
        assertThat(lines.json().path("items").get(0).path("message").asText()).matches("(out|err)-[0-9]+");
        assertThat(c.get(s + "/services/talk/logs?tail=2").json().path("items").size()).isEqualTo(2);
        assertThat(c.get(s + "/services/talk/logs?tail=-1").status()).isEqualTo(400);

        // the answers that need Docker match the schemas of the OpenAPI document too
        SchemaCheck schemas = new SchemaCheck(c);
        schemas.assertAnswer("get", "/stacks/{id}/services/{service}/logs", lines);
        schemas.assertAnswer("get", "/stacks/{id}/status", c.get(s + "/status"));
        schemas.assertAnswer("get", "/stacks/{id}/status", c.get(s + "/status?detail=true"));
        schemas.assertAnswer("get", "/stacks/{id}/plan/{version}", c.get(s + "/plan/v1"));
        schemas.assertAnswer("get", "/stacks/{id}/containers", c.get(s + "/containers"));

        int threads = Thread.activeCount();
        for (int i = 0; i < 3; i++) {
            try (SseLines follow = new SseLines(c, s + "/services/talk/logs?follow=true&tail=0")) {
                SseLines.Event first = follow.next(Duration.ofSeconds(10));
                assertThat(first.name()).isEqualTo("log");
                assertThat(first.data().path("message").asText()).matches("(out|err)-[0-9]+");
            }
            ApiRoutesTest.waitFor(t.api::openStreams, n -> n == 0);
        }
        Awaitility.await("the follow threads ending").atMost(Duration.ofMillis(500)).pollDelay(Duration.ZERO)
            .pollInterval(Duration.ofMillis(50)).pollInSameThread()
            .untilAsserted(() -> assertThat(Thread.activeCount()).as("live threads").isLessThanOrEqualTo(threads + 4));

        long del = c.post(s + "/delete", null).json().path("command_id").asLong();
        ApiRoutesTest.waitFor(() -> c.get("/commands/" + del).json().path("status").asText(), "DONE"::equals);
    }
}
