package io.coremonitor.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.coremonitor.docker.DockerSettings;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Docker configured but not answering: reads of the database work, Docker reads and Docker writes are 503. */
class DockerDownTest {

    @Test
    void writesThatNeedDockerAreRefusedAndNothingIsEnqueued(@TempDir Path dir) {
        URI nowhere = URI.create("unix://" + dir.resolve("no-docker.sock"));
        try (TestApi t = new TestApi(dir, Optional.empty(), Optional.of(DockerSettings.defaults().withHost(nowhere)))) {
            ApiClient c = t.client;
            ApiClient.Answer created = c.post("/stacks", ApiClient.json(Map.of("name", "down", "compose", ApiRoutesTest.WEB)));
            assertThat(created.status()).isEqualTo(201);
            String s = "/stacks/" + created.json().path("stack_id").asText();
            for (String write : List.of("/apply/v1", "/rollback/v1", "/delete", "/actions/restart")) {
                ApiClient.Answer a = c.post(s + write, null);
                ApiRoutesTest.assertProblem(a, 503, null);
                assertThat(a.json().path("detail").asText()).startsWith("Docker is unreachable at " + nowhere);
            }
            for (String read : List.of("/status", "/containers", "/plan/v1", "/services/web/logs")) {
                ApiClient.Answer a = c.get(s + read);
                ApiRoutesTest.assertProblem(a, 503, null);
                assertThat(a.json().path("detail").asText()).contains("Docker is unreachable");
            }
            assertThat(c.get("/commands").json().path("items").size()).isZero();
            assertThat(c.get(s).status()).isEqualTo(200);
            assertThat(c.get(s + "/versions/v1").status()).isEqualTo(200);
            assertThat(c.get("/health").json().path("docker").path("status").asText()).isEqualTo("DOWN");
            assertThat(c.get("/health").json().path("status").asText()).isEqualTo("DEGRADED");
        }
    }
}
