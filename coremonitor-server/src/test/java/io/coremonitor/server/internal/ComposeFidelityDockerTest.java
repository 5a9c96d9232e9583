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
 * {@code env_file} sent with the definition are in the container's environment; a service of a profile is created
 * only by an APPLY that activates the profile, and removed by one that does not.
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

    @Test
    void aProfiledServiceRunsOnlyWhenItsProfileIsActive() throws InterruptedException {
        String compose = "services:\n"
                + "  web: {image: " + TestImages.BUSYBOX + ", command: [sleep, '3600'], stop_grace_period: 1s}\n"
                + "  debug: {image: " + TestImages.BUSYBOX + ", command: [sleep, '3600'], stop_grace_period: 1s,"
                + " profiles: [debug], depends_on: [web]}\n"
                + "  fixture: {image: " + TestImages.BUSYBOX + ", command: [sleep, '3600'], profiles: [test]}\n"
                + "  runner: {image: " + TestImages.BUSYBOX + ", command: [sleep, '3600'], profiles: [ci],"
                + " depends_on: [fixture]}\n";
        ApiClient.Answer created = t.client.post("/stacks", ApiClient.json(Map.of("name", "profiles-"
                + UUID.randomUUID().toString().substring(0, 8), "compose", compose)));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        stackId = created.json().path("stack_id").asText();
        String s = "/stacks/" + stackId;

        ApiClient.Answer plain = t.client.get(s + "/plan/v1");
        assertThat(plain.status()).as(plain.text()).isEqualTo(200);
        assertThat(plain.json().path("disabled").toString())
                .isEqualTo("{\"debug\":[\"debug\"],\"fixture\":[\"test\"],\"runner\":[\"ci\"]}");
        assertThat(plain.json().path("summary").path("create").asInt()).isEqualTo(1);
        new SchemaCheck(t.client).assertAnswer("get", "/stacks/{id}/plan/{version}", plain);
        assertThat(apply(s + "/apply/v1")).isEqualTo("DONE");
        assertThat(services()).containsExactly("web");

        ApiClient.Answer withDebug = t.client.get(s + "/plan/v1?profiles=debug");
        assertThat(withDebug.json().path("profiles").toString()).isEqualTo("[\"debug\"]");
        assertThat(withDebug.json().path("disabled").has("debug")).isFalse();
        assertThat(withDebug.json().path("summary").path("create").asInt()).isEqualTo(1);
        ApiClient.Answer a = t.client.post(s + "/apply/v1", "{\"profiles\":[\"debug\"]}");
        assertThat(a.status()).as(a.text()).isEqualTo(202);
        assertThat(a.json().path("payload").path("profiles").toString()).isEqualTo("[\"debug\"]");
        long id = a.json().path("command_id").asLong();
        assertThat(ApiRoutesTest.waitFor(() -> t.client.get("/commands/" + id).json().path("status").asText(),
                st -> List.of("DONE", "FAILED").contains(st))).isEqualTo("DONE");
        assertThat(services()).containsExactly("debug", "web");
        assertThat(t.client.get(s + "/versions/v1").json().at("/runtime/profiles").toString()).isEqualTo("[\"debug\"]");
        assertThat(t.client.get("/commands/" + id + "/logs").text()).contains("active profiles: debug; disabled: fixture,"
                + " runner");

        ApiClient.Answer inconsistent = t.client.post(s + "/apply/v1", "{\"profiles\":[\"ci\"]}");
        ApiRoutesTest.assertProblem(inconsistent, 422, "services.runner.depends_on.fixture");
        ApiClient.Answer inconsistentPlan = t.client.get(s + "/plan/v1?profiles=ci");
        assertThat(inconsistentPlan.status()).as(inconsistentPlan.text()).isEqualTo(422);

        ApiClient.Answer withoutPlan = t.client.get(s + "/plan/v1");
        assertThat(withoutPlan.json().path("actions").toString()).contains("service 'debug' is disabled by its profiles"
                + " (debug; no profile active)");
        assertThat(apply(s + "/apply/v1")).isEqualTo("DONE");
        assertThat(services()).containsExactly("web");
    }

    private List<String> services() {
        return containers().stream().map(c -> c.getLabels().get("coremonitor.service")).sorted().toList();
    }
}
