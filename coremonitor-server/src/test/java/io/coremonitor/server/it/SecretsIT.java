package io.coremonitor.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import io.coremonitor.docker.DockerOps;
import io.coremonitor.docker.ExecResult;
import io.coremonitor.docker.testing.RequiresDocker;
import io.coremonitor.docker.testing.TestImages;
import io.coremonitor.server.internal.ApiClient;
import io.coremonitor.server.internal.SseLines;
import io.coremonitor.server.reliability.RelServer;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compose secrets and configs end to end, the server jar as a process on SQLite and the real Docker engine: a secret
 * stored through the API is a file in the container, and its value is searched for, and not found, in the version's
 * JSON, the command's logs, the server log and the events stream.
 */
@RequiresDocker
class SecretsIT {

    private static final String TOKEN = "it-token-" + UUID.randomUUID();

    @Test
    void aStoredSecretIsAFileInTheContainerAndItsValueIsNowhereElse(@TempDir Path dir, DockerClient docker) throws Exception {
        TestImages.requireBusybox(docker);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String secretName = "it-db-password-" + suffix;
        String value = "Given-Secret-Value-" + UUID.randomUUID();
        String stackId = null;
        try (RelServer server = new RelServer("it-secrets", dir.resolve("cm.db").toString(), List.of("--token", TOKEN)).start()) {
            ApiClient api = new ApiClient(server.base(), Optional.of(TOKEN));
            try (SseLines events = new SseLines(api, "/events")) {
                ApiClient.Answer created = api.post("/secrets", ApiClient.json(Map.of("name", secretName, "value", value)));
                assertThat(created.status()).as(created.text()).isEqualTo(201);
                assertThat(created.json().path("value").isNull()).isTrue();
                assertThat(created.header("Location")).contains("/api/v1/secrets/" + secretName);

                ApiClient.Answer stack = api.post("/stacks", ApiClient.json(Map.of("name", "it-secrets-" + suffix,
                        "compose", compose(secretName))));
                assertThat(stack.status()).as(stack.text()).isEqualTo(201);
                stackId = stack.json().path("stack_id").asText();
                String s = "/stacks/" + stackId;
                ApiClient.Answer apply = api.post(s + "/apply/v1", "{\"auto_rollback\":false}");
                assertThat(apply.status()).as(apply.text()).isEqualTo(202);
                long commandId = apply.json().path("command_id").asLong();
                JsonNode end = ServerFlow.waitFor(() -> api.get("/commands/" + commandId).json(),
                        j -> List.of("DONE", "FAILED", "CANCELLED").contains(j.path("status").asText()));
                String commandLogs = api.get("/commands/" + commandId + "/logs").text();
                assertThat(end.path("status").asText()).as(commandLogs).isEqualTo("DONE");

                String containerId = containers(docker, stackId).get(0).getId();
                DockerOps ops = DockerOps.of(docker);
                assertThat(exec(ops, containerId, "cat", "/run/secrets/db_password")).isEqualTo(value);
                assertThat(exec(ops, containerId, "stat", "-c", "%a", "/run/secrets/db_password")).isEqualTo("400");
                assertThat(exec(ops, containerId, "cat", "/etc/motd")).isEqualTo("hello from a config");

                assertThat(commandLogs).contains("wrote secret db to /run/secrets/db_password, config motd to /etc/motd")
                        .doesNotContain(value);
                assertThat(api.get(s + "/versions/v1").text()).contains(secretName).doesNotContain(value);
                assertThat(api.get("/secrets/" + secretName).text()).doesNotContain(value);
                assertThat(api.get("/secrets").text()).contains(secretName).doesNotContain(value);
                assertThat(api.get("/commands/" + commandId).text()).doesNotContain(value);

                ApiClient.Answer revealed = api.send(api.request("/secrets/" + secretName + "/reveal")
                        .header("X-Actor", "it-admin").POST(HttpRequest.BodyPublishers.noBody()));
                assertThat(revealed.json().path("value").asText()).isEqualTo(value);

                List<SseLines.Event> seen = events.received();
                assertThat(seen).as("the events stream saw the apply").isNotEmpty();
                assertThat(seen.toString()).doesNotContain(value);
            }
            String log = server.logText();
            assertThat(log).contains("secret " + secretName + " created by api").contains("secret " + secretName
                    + " revealed by it-admin").doesNotContain(value);
        } finally {
            if (stackId != null) {
                for (Container c : containers(docker, stackId)) {
                    docker.removeContainerCmd(c.getId()).withForce(true).exec();
                }
                docker.listNetworksCmd().withFilter("label", List.of("coremonitor.stack_id=" + stackId)).exec()
                        .forEach(n -> docker.removeNetworkCmd(n.getId()).exec());
            }
        }
    }

    private static String compose(String secretName) {
        return "services:\n"
                + "  web:\n"
                + "    image: " + TestImages.BUSYBOX + "\n"
                + "    command: [sleep, '3600']\n"
                + "    secrets:\n"
                + "      - {source: db, target: db_password, mode: 0400}\n"
                + "    configs:\n"
                + "      - {source: motd, target: /etc/motd}\n"
                + "secrets:\n"
                + "  db: {external: true, name: " + secretName + "}\n"
                + "configs:\n"
                + "  motd: {content: hello from a config}\n";
    }

    private static List<Container> containers(DockerClient docker, String stackId) {
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of("coremonitor.stack_id", stackId)).exec();
    }

    private static String exec(DockerOps ops, String containerId, String... command) {
        ExecResult r = ops.exec(containerId, List.of(command), Duration.ofSeconds(10));
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        return r.stdout().strip();
    }
}
