package io.coremonitor.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import io.coremonitor.docker.testing.TestImages;
import io.coremonitor.server.internal.ApiClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The deployment story against one real middleware image, through the server's REST API: v1 answers; v2 replaces it
 * while a client polls (what the client saw is measured and, for nginx, must be flawless); a broken artifact ends
 * FAILED with the middleware's reason while v2 still answers; deploying deployment 1 again brings v1 back (app
 * rollback); an APPLY that recreates the container leaves the application answering when it ends.
 */
abstract class DeployScenario {

    /** The image, e.g. {@code tomcat:latest}. */
    abstract String image();

    /** The value of {@code x-coremonitor-deploy.target}. */
    abstract String target();

    /** The HTTP port inside the container. */
    abstract int port();

    /** The two versions: test app file names. */
    abstract String v1File();

    abstract String v2File();

    /** The context path to deploy at (null: the default). */
    abstract Optional<String> path();

    /** The URL path that answers the version text. */
    abstract String versionPath();

    /** What v1 and v2 answer. */
    abstract String v1Body();

    abstract String v2Body();

    /** A broken artifact and a fragment of the middleware's reason for it, when the target has such a thing. */
    abstract Optional<Map.Entry<String, String>> broken();

    /** Whether a client polling during a redeployment must see no failure at all. */
    abstract boolean seamless();

    void run(Path dir, DockerClient docker) throws Exception {
        TestImages.require(docker, image(), "scripts/test-images.sh --all");
        try (DeployFixture f = new DeployFixture("deploy-" + target(), dir, docker, List.of())) {
            String stackId = f.createAndApply(compose("one"));
            String v1 = f.upload(DeployFixture.testApp(v1File()));
            String v2 = f.upload(DeployFixture.testApp(v2File()));
            String url = "http://" + f.address(stackId, "app") + ":" + port() + versionPath();

            // v1
            long first = f.runToEnd(f.deploy(stackId, v1, path().orElse(null)), "DONE").path("command_id").asLong();
            assertThat(f.get(url).body()).as("right after the deployment ended").isEqualTo(v1Body());
            assertThat(f.commandLog(first)).contains("check passed");

            // v2 while a client polls
            Poller.Summary seen;
            try (Poller poller = new Poller(f::get, url, 2)) {
                f.runToEnd(f.deploy(stackId, v2, path().orElse(null)), "DONE");
                assertThat(f.get(url).body()).isEqualTo(v2Body());
                seen = Poller.summarise(poller.stop(), v1Body(), v2Body());
            }
            record(target() + " v1 -> v2: " + seen);
            assertThat(seen.sawNext()).isTrue();
            assertThat(seen.backToOld()).as("v1 answered again after v2 had").isFalse();
            if (seamless()) {
                assertThat(seen.failed()).as("requests that failed during the switch: " + seen).isZero();
            }

            // a broken artifact: FAILED with the middleware's reason, v2 still answers
            if (broken().isPresent()) {
                String bad = f.upload(DeployFixture.testApp(broken().get().getKey()));
                JsonNode failed = f.runToEnd(f.deploy(stackId, bad, path().orElse(null)), "FAILED");
                assertThat(failed.path("error").asText()).contains(broken().get().getValue())
                    .contains("the previous application");
                f.awaitBody(url, v2Body());
            }

            // app rollback: deployment 1 again
            ApiClient.Answer again = f.api.post("/stacks/" + stackId + "/deployments/1/redeploy", null);
            f.runToEnd(again, "DONE");
            assertThat(f.get(url).body()).isEqualTo(v1Body());

            // an APPLY that recreates the container brings the application back before it ends
            ApiClient.Answer v2Version = f.api.post("/stacks/" + stackId + "/versions", ApiClient.json(Map.of("compose",
                compose("two"))));
            assertThat(v2Version.status()).as(v2Version.text()).isEqualTo(201);
            JsonNode plan = f.api.get("/stacks/" + stackId + "/plan/v2").json();
            assertThat(plan.toString()).contains("RECREATE").contains("deploys its application again");
            f.runToEnd(f.api.post("/stacks/" + stackId + "/apply/v2", null), "DONE");
            String newUrl = "http://" + f.address(stackId, "app") + ":" + port() + versionPath();
            assertThat(f.get(newUrl).body()).as("when the APPLY ended").isEqualTo(v1Body());

            // the history, newest first
            JsonNode history = f.api.get("/stacks/" + stackId + "/deployments").json().path("items");
            assertThat(history.get(0).path("status").asText()).isEqualTo("DONE");
            assertThat(history.get(0).path("artifact").asText()).isEqualTo(v1);
            assertThat(history.size()).isEqualTo(broken().isPresent() ? 4 : 3);
        }
    }

    private String compose(String marker) {
        return "services:\n"
            + "  app:\n"
            + "    image: " + image() + "\n"
            + "    environment:\n"
            + "      MARKER: " + marker + "\n"
            + "    x-coremonitor-deploy:\n"
            + "      target: " + target() + "\n";
    }

    /** Appends a measurement to target/deploy-measurements.txt (quoted in docs/DEPLOY.md). */
    static void record(String line) throws IOException {
        System.out.println("measured: " + line);
        Files.writeString(Path.of("target", "deploy-measurements.txt"), line + System.lineSeparator(),
            StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
