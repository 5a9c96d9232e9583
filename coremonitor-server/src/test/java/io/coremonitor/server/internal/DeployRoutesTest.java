package io.coremonitor.server.internal;

import static io.coremonitor.server.internal.ApiRoutesTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
 * The deploy routes in-process on the real Docker engine (a deployment needs a current version, so an applied one):
 * the deploy body (path, check, the deprecated target_path), its refusals, the deployments list and one, redeploy.
 * Whether the deployment itself succeeds is the engine's business (its executor tests); here the service only claims
 * an nginx target on busybox.
 */
@RequiresDocker
class DeployRoutesTest {

    static final String COMPOSE = "services:\n"
            + "  web:\n    image: " + TestImages.BUSYBOX + "\n    command: [sleep, '3600']\n    stop_signal: SIGKILL\n"
            + "  site:\n    image: " + TestImages.BUSYBOX + "\n    command: [sleep, '3600']\n    stop_signal: SIGKILL\n"
            + "    x-coremonitor-deploy:\n      target: nginx\n";

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
    void deployRefusalsTheDeprecatedTargetPathTheHistoryAndRedeploy(DockerClient client, DockerSettings settings)
            throws Exception {
        docker = client;
        TestImages.requireBusybox(client);
        t = new TestApi(dir, Optional.empty(), Optional.of(settings));
        t.engine.startWorker();
        ApiClient c = t.client;
        ApiClient.Answer created = c.post("/stacks", ApiClient.json(Map.of("name", "deploy-" + UUID.randomUUID()
                .toString().substring(0, 8), "compose", COMPOSE)));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        stackId = created.json().path("stack_id").asText();
        String s = "/stacks/" + stackId;
        ApiClient.Answer site = ArtifactRoutesTest.upload(c, "?name=site-v1.tar.gz", ArtifactRoutesTest.SITE);
        assertThat(site.status()).as(site.text()).isEqualTo(201);
        String sha = site.json().path("sha256").asText();

        // before any apply there is no current version to deploy into
        assertProblem(c.post(s + "/deploy", ApiClient.json(Map.of("service", "site", "artifact", sha))), 409, null);
        long apply = c.post(s + "/apply/v1", null).json().path("command_id").asLong();
        Awaitility.await("v1 applied").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> c.get("/commands/" + apply).json().path("status").asText(), "DONE"::equals);

        // refusals: the body (400), the service and the artifact (422), the stack (404)
        assertProblem(c.post(s + "/deploy", "{}"), 400, "service");
        assertProblem(c.post(s + "/deploy", ApiClient.json(Map.of("service", "site"))), 400, "artifact");
        assertProblem(c.post(s + "/deploy", ApiClient.json(Map.of("service", "site", "artifact", sha, "colour", "red"))),
                400, "colour");
        assertProblem(c.post(s + "/deploy", ApiClient.json(Map.of("service", "site", "artifact", sha, "path", "/a",
                "target_path", "/b"))), 400, "target_path");
        assertProblem(c.post(s + "/deploy", ApiClient.json(Map.of("service", "site", "artifact", sha, "check", "/"))),
                400, "check");
        assertProblem(c.post(s + "/deploy", ApiClient.json(Map.of("service", "site", "artifact", sha,
                "check", Map.of("path", "/", "status", 999)))), 400, "check.status");
        assertProblem(c.post(s + "/deploy", ApiClient.json(Map.of("service", "site", "artifact", sha,
                "check", Map.of("path", "health")))), 400, "check.path");
        assertProblem(c.post(s + "/deploy", ApiClient.json(Map.of("service", "site", "artifact", sha,
                "check", Map.of("path", "/", "expect", 200)))), 400, "check.expect");
        ApiClient.Answer noKey = c.post(s + "/deploy", ApiClient.json(Map.of("service", "web", "artifact", sha)));
        assertProblem(noKey, 422, "service");
        assertThat(noKey.json().path("detail").asText()).contains("x-coremonitor-deploy");
        assertProblem(c.post(s + "/deploy", ApiClient.json(Map.of("service", "nope", "artifact", sha))), 422, "service");
        assertProblem(c.post(s + "/deploy", ApiClient.json(Map.of("service", "site", "artifact", "f".repeat(64)))), 422,
                "artifact");
        assertProblem(c.post(s + "/deploy", ApiClient.json(Map.of("service", "site", "artifact", "app.war"))), 422, "artifact");
        assertProblem(c.post("/stacks/nope/deploy", ApiClient.json(Map.of("service", "site", "artifact", sha))), 404, null);

        // the old body (target_path) still works: 202 with the command
        ApiClient.Answer old = c.post(s + "/deploy", ApiClient.json(Map.of("service", "site", "artifact", sha,
                "target_path", "/")));
        assertThat(old.status()).as(old.text()).isEqualTo(202);
        assertThat(old.json().path("type").asText()).isEqualTo("DEPLOY_ARTIFACT");
        assertThat(old.header("Location")).contains("/api/v1/commands/" + old.json().path("command_id").asLong());
        ApiClient.Answer second = c.send(c.request(s + "/deploy").header("X-Actor", "bob")
                .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        ApiClient.json(Map.of("service", "site", "artifact", sha, "path", "/", "target_path", "/",
                                "check", Map.of("path", "/index.html", "status", 200))))));
        assertThat(second.status()).as(second.text()).isEqualTo(202);

        // the history, newest first
        JsonNode page = c.get(s + "/deployments").json();
        assertThat(page.path("items").size()).as(page.toString()).isEqualTo(2);
        JsonNode newest = page.path("items").get(0);
        assertThat(newest.path("number").asInt()).isEqualTo(2);
        assertThat(newest.path("service").asText()).isEqualTo("site");
        assertThat(newest.path("artifact").asText()).isEqualTo(sha);
        assertThat(newest.path("artifact_name").asText()).isEqualTo("site-v1.tar.gz");
        assertThat(newest.path("path").asText()).isEqualTo("/");
        assertThat(newest.path("check").path("path").asText()).isEqualTo("/index.html");
        assertThat(newest.path("check").path("status").asInt()).isEqualTo(200);
        assertThat(newest.path("command_id").asLong()).isEqualTo(second.json().path("command_id").asLong());
        assertThat(newest.path("actor").asText()).isEqualTo("bob");
        assertThat(newest.path("status").asText()).isIn("PENDING", "RUNNING", "DONE", "FAILED");
        assertThat(newest.has("error") && newest.has("finished_at") && newest.has("created_at")).isTrue();
        assertThat(page.path("items").get(1).path("check").path("status").asInt()).isZero();
        JsonNode one = c.get(s + "/deployments/1").json();
        assertThat(one.path("number").asInt()).isEqualTo(1);
        assertThat(one.path("command_id").asLong()).isEqualTo(old.json().path("command_id").asLong());
        JsonNode paged = c.get(s + "/deployments?limit=1").json();
        assertThat(paged.path("items").size()).isEqualTo(1);
        assertThat(paged.path("next_cursor").isTextual()).isTrue();
        assertThat(c.get(s + "/deployments?limit=1&cursor=" + paged.path("next_cursor").asText()).json()
                .path("items").get(0).path("number").asInt()).isEqualTo(1);
        assertProblem(c.get(s + "/deployments/9"), 404, null);
        assertProblem(c.get(s + "/deployments/zero"), 400, "number");
        assertProblem(c.get(s + "/deployments/0"), 400, "number");
        assertProblem(c.get("/stacks/nope/deployments"), 404, null);

        // an artifact a deployment references is kept
        assertProblem(c.send("DELETE", "/artifacts/" + sha, null), 409, null);

        // redeploy
        ApiClient.Answer redeploy = c.post(s + "/deployments/1/redeploy", null);
        assertThat(redeploy.status()).as(redeploy.text()).isEqualTo(202);
        assertThat(redeploy.json().path("type").asText()).isEqualTo("DEPLOY_ARTIFACT");
        JsonNode third = c.get(s + "/deployments/3").json();
        assertThat(third.path("artifact").asText()).isEqualTo(sha);
        assertThat(third.path("path").asText()).isEqualTo("/");
        assertProblem(c.post(s + "/deployments/42/redeploy", null), 404, null);
        assertProblem(c.post(s + "/deployments/-1/redeploy", null), 400, "number");

        SchemaCheck schemas = new SchemaCheck(c);
        schemas.assertAnswer("get", "/stacks/{id}/deployments", c.get(s + "/deployments"));
        schemas.assertAnswer("get", "/stacks/{id}/deployments/{number}", c.get(s + "/deployments/2"));
        schemas.assertAnswer("post", "/stacks/{id}/deployments/{number}/redeploy", redeploy);
        schemas.assertAnswer("post", "/stacks/{id}/deploy", old);
        schemas.assertAnswer("post", "/stacks/{id}/deploy", noKey);
    }
}
