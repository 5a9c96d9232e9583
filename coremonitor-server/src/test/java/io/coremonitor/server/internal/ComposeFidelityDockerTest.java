package io.coremonitor.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import io.coremonitor.docker.DockerSettings;
import io.coremonitor.docker.testing.RequiresDocker;
import io.coremonitor.docker.testing.TestImages;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compose keys that need the real engine to be believed, through the in-process API and its worker: the values of an
 * {@code env_file} sent with the definition are in the container's environment.
 */
@RequiresDocker
class ComposeFidelityDockerTest {

    @TempDir
    Path dir;
    TestApi t;
    DockerClient docker;
    String stackId;

    @BeforeEach
    void start(DockerClient client, DockerSettings settings) {
        docker = client;
        TestImages.requireBusybox(client);
        t = new TestApi(dir, Optional.empty(), Optional.of(settings));
        t.engine.startWorker();
    }

    @AfterEach
    void cleanUp() {
        if (t != null) {
            t.close();
        }
        if (stackId != null) {
            containers().forEach(c -> docker.removeContainerCmd(c.getId()).withForce(true).exec());
            docker.listNetworksCmd().withFilter("label", List.of("coremonitor.stack_id=" + stackId)).exec()
                    .forEach(n -> docker.removeNetworkCmd(n.getId()).exec());
        }
    }

    private List<Container> containers() {
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of("coremonitor.stack_id", stackId)).exec();
    }

    private List<String> envOf(String service) {
        Container c = containers().stream().filter(x -> service.equals(x.getLabels().get("coremonitor.service")))
                .findFirst().orElseThrow(() -> new AssertionError("no container for " + service));
        return Arrays.asList(docker.inspectContainerCmd(c.getId()).exec().getConfig().getEnv());
    }

    private String apply(String path) throws InterruptedException {
        ApiClient.Answer a = t.client.post(path, null);
        assertThat(a.status()).as(a.text()).isEqualTo(202);
        long id = a.json().path("command_id").asLong();
        return ApiRoutesTest.waitFor(() -> t.client.get("/commands/" + id).json().path("status").asText(),
                s -> List.of("DONE", "FAILED", "CANCELLED").contains(s));
    }

    @Test
    void theEnvFileSentWithTheDefinitionIsTheContainersEnvironment() throws InterruptedException {
        String compose = "services:\n  web:\n    image: " + TestImages.BUSYBOX + "\n    command: [sleep, '3600']\n"
                + "    stop_grace_period: 1s\n"
                + "    env_file: [./app.env, {path: conf/local.env, required: false}]\n"
                + "    environment: {OVERRIDDEN: by-environment}\n";
        ApiClient.Answer created = t.client.post("/stacks", ApiClient.json(Map.of("name", "envfile-"
                + UUID.randomUUID().toString().substring(0, 8), "compose", compose, "variables", Map.of("TAG", "t1"),
                "files", Map.of("app.env", "# app\nexport GREETING=\"hello\\tworld\"\nOVERRIDDEN=by-file\nWITH_VAR=${TAG}-x\n"
                        + "LITERAL='${TAG}'\n"))));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        stackId = created.json().path("stack_id").asText();
        assertThat(apply("/stacks/" + stackId + "/apply/v1")).isEqualTo("DONE");
        assertThat(envOf("web")).contains("GREETING=hello\tworld", "OVERRIDDEN=by-environment", "WITH_VAR=t1-x",
                "LITERAL=${TAG}");
    }
}
