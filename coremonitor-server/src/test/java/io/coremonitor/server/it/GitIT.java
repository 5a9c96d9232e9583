package io.coremonitor.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import io.coremonitor.docker.testing.RequiresDocker;
import io.coremonitor.docker.testing.TestImages;
import io.coremonitor.engine.git.TestGitRepo;
import io.coremonitor.server.internal.ApiClient;
import io.coremonitor.server.reliability.RelServer;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stack that follows a git repository, end to end: the server jar as a process on SQLite, a real repository on disk
 * (file://) and the real Docker engine with the local nginx stand-in. The signed webhook makes the next version and,
 * with auto_apply, the stack runs it; the poller finds commits without a webhook.
 */
@RequiresDocker
class GitIT {

    private static final String TOKEN = "it-token-" + UUID.randomUUID();
    private static final String WEBHOOK_SECRET = "it-hook-" + UUID.randomUUID();

    private final String suffix = UUID.randomUUID().toString().substring(0, 6);
    private final List<String> stacks = new ArrayList<>();
    private DockerClient docker;

    @AfterEach
    void removeWhatTheStacksMade() {
        if (docker == null) {
            return;
        }
        for (String stackId : stacks) {
            for (Container c : docker.listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of("coremonitor.stack_id", stackId)).exec()) {
                docker.removeContainerCmd(c.getId()).withForce(true).exec();
            }
            docker.listNetworksCmd().withFilter("label", List.of("coremonitor.stack_id=" + stackId)).exec()
                    .forEach(n -> docker.removeNetworkCmd(n.getId()).exec());
        }
    }

    private static String compose(String colour) {
        return "services:\n  web:\n    image: nginx:latest\n    environment:\n      COLOUR: " + colour + "\n";
    }

    @Test
    void theSignedWebhookMakesTheNextVersionAndAutoApplyRunsIt(@TempDir Path dir, DockerClient client) throws Exception {
        docker = client;
        TestImages.require(docker, "nginx:latest", "scripts/test-images.sh");
        try (TestGitRepo repo = TestGitRepo.init(dir.resolve("repos/shop"));
                RelServer server = new RelServer("it-git", dir.resolve("cm.db").toString(), List.of("--token", TOKEN,
                        "--git-webhook-secret", WEBHOOK_SECRET, "--git-poll-interval", "0")).start()) {
            ApiClient api = new ApiClient(server.base(), Optional.of(TOKEN));
            RevCommit first = repo.commit("compose.yaml", compose("green"), "Green shop", "Alice");
            ApiClient.Answer created = api.post("/stacks", ApiClient.json(Map.of("name", "it-git-" + suffix,
                    "git", Map.of("url", repo.url(), "auto_apply", true))));
            assertThat(created.status()).as(created.text()).isEqualTo(201);
            String stackId = created.json().path("stack_id").asText();
            stacks.add(stackId);
            String s = "/stacks/" + stackId;
            awaitRunning(api, s, "v1");
            assertThat(api.get(s + "/versions/v1").text()).contains("Alice <alice@example.org>")
                    .contains("git commit " + first.name());

            RevCommit second = repo.commit("compose.yaml", compose("blue"), "Blue shop", "Bob");
            String body = "{\"ref\":\"refs/heads/main\",\"after\":\"" + second.name() + "\"}";
            ApiClient anonymous = new ApiClient(server.base(), Optional.empty());
            ApiClient.Answer refused = webhook(anonymous, s, body, sign("not-the-secret", body));
            assertThat(refused.status()).as(refused.text()).isEqualTo(403);
            assertThat(api.get(s).json().path("latest_version").asText()).isEqualTo("v1");

            ApiClient.Answer synced = webhook(anonymous, s, body, sign(WEBHOOK_SECRET, body));
            assertThat(synced.status()).as(synced.text()).isEqualTo(200);
            assertThat(synced.json().path("version").asText()).isEqualTo("v2");
            long applyId = synced.json().path("apply_command_id").asLong();
            JsonNode apply = ServerFlow.waitFor(() -> api.get("/commands/" + applyId).json(),
                    j -> List.of("DONE", "FAILED", "CANCELLED").contains(j.path("status").asText()));
            assertThat(apply.path("status").asText()).as(api.get("/commands/" + applyId + "/logs").text()).isEqualTo("DONE");
            assertThat(apply.path("created_by").asText()).isEqualTo("git-webhook");
            awaitRunning(api, s, "v2");
            String containerId = docker.listContainersCmd().withLabelFilter(Map.of("coremonitor.stack_id", stackId)).exec()
                    .get(0).getId();
            assertThat(docker.inspectContainerCmd(containerId).exec().getConfig().getEnv()).contains("COLOUR=blue");

            JsonNode git = api.get(s + "/git").json();
            assertThat(git.path("last_commit").asText()).isEqualTo(second.name());
            assertThat(git.path("commits")).extracting(c -> c.path("version").asText()).containsExactly("v2", "v1");
            assertThat(server.logText()).doesNotContain(WEBHOOK_SECRET);
        }
    }

    @Test
    void thePollerFindsANewCommitWithoutAWebhook(@TempDir Path dir, DockerClient client) throws Exception {
        docker = client;
        try (TestGitRepo repo = TestGitRepo.init(dir.resolve("repos/shop"));
                RelServer server = new RelServer("it-git-poll", dir.resolve("cm.db").toString(), List.of("--token", TOKEN,
                        "--git-poll-interval", "1s")).start()) {
            ApiClient api = new ApiClient(server.base(), Optional.of(TOKEN));
            repo.commit("compose.yaml", compose("green"), "Green", "Alice");
            ApiClient.Answer created = api.post("/stacks", ApiClient.json(Map.of("name", "it-git-poll-" + suffix,
                    "git", Map.of("url", repo.url()))));
            assertThat(created.status()).as(created.text()).isEqualTo(201);
            String stackId = created.json().path("stack_id").asText();
            stacks.add(stackId);
            repo.commit("compose.yaml", compose("blue"), "Blue", "Bob");

            JsonNode stack = ServerFlow.waitFor(() -> api.get("/stacks/" + stackId).json(),
                    j -> "v2".equals(j.path("latest_version").asText()));
            assertThat(stack.path("current_version").isNull()).as("auto_apply is off: nothing applied").isTrue();
            assertThat(api.get("/stacks/" + stackId + "/versions/v2").text()).contains("Bob <bob@example.org>");
        }
    }

    @Test
    void theEnvFileOfTheRepositoryReachesTheContainerAndACommitChangingOnlyItIsApplied(@TempDir Path dir,
            DockerClient client) throws Exception {
        docker = client;
        TestImages.require(docker, "nginx:latest", "scripts/test-images.sh");
        try (TestGitRepo repo = TestGitRepo.init(dir.resolve("repos/shop"));
                RelServer server = new RelServer("it-git-env", dir.resolve("cm.db").toString(), List.of("--token", TOKEN,
                        "--git-poll-interval", "0")).start()) {
            ApiClient api = new ApiClient(server.base(), Optional.of(TOKEN));
            repo.commit(Map.of("deploy/compose.yaml", "services:\n  web:\n    image: nginx:latest\n"
                    + "    env_file: ../shared/shop.env\n", "shared/shop.env", "COLOUR=green\n"), "Green shop", "Alice");
            ApiClient.Answer created = api.post("/stacks", ApiClient.json(Map.of("name", "it-git-env-" + suffix,
                    "git", Map.of("url", repo.url(), "path", "deploy/compose.yaml", "auto_apply", true))));
            assertThat(created.status()).as(created.text()).isEqualTo(201);
            String stackId = created.json().path("stack_id").asText();
            stacks.add(stackId);
            String s = "/stacks/" + stackId;
            awaitRunning(api, s, "v1");
            assertThat(api.get(s + "/versions/v1").json().path("files").path("../shared/shop.env").asText())
                    .isEqualTo("COLOUR=green\n");
            assertThat(env(stackId)).contains("COLOUR=green");

            RevCommit blue = repo.commit("shared/shop.env", "COLOUR=blue\n", "Blue shop", "Bob");
            ApiClient.Answer synced = api.post(s + "/git/sync", "{}");
            assertThat(synced.status()).as(synced.text()).isEqualTo(200);
            assertThat(synced.json().path("version").asText()).isEqualTo("v2");
            awaitRunning(api, s, "v2");
            assertThat(env(stackId)).contains("COLOUR=blue");
            JsonNode v2 = api.get(s + "/versions/v2").json();
            assertThat(v2.path("files").path("../shared/shop.env").asText()).isEqualTo("COLOUR=blue\n");
            assertThat(v2.path("metadata").path("comment").asText()).contains("git commit " + blue.name());

            repo.commit("README.md", "# shop\n", "Docs", "Bob");
            ApiClient.Answer unrelated = api.post(s + "/git/sync", "{}");
            assertThat(unrelated.status()).as(unrelated.text()).isEqualTo(200);
            assertThat(unrelated.json().path("version").isNull()).as(unrelated.text()).isTrue();
            assertThat(api.get(s).json().path("latest_version").asText()).isEqualTo("v2");
        }
    }

    private List<String> env(String stackId) {
        String containerId = docker.listContainersCmd().withLabelFilter(Map.of("coremonitor.stack_id", stackId)).exec()
                .get(0).getId();
        return List.of(docker.inspectContainerCmd(containerId).exec().getConfig().getEnv());
    }

    private static void awaitRunning(ApiClient api, String s, String version) throws InterruptedException {
        JsonNode status = ServerFlow.waitFor(() -> api.get(s + "/status").json(),
                j -> "RUNNING".equals(j.path("actual").asText()) && version.equals(j.path("version").asText()));
        assertThat(status.path("services").path("web").path("state").asText()).isEqualTo("running");
    }

    private static ApiClient.Answer webhook(ApiClient anonymous, String s, String body, String signature) {
        return anonymous.send(anonymous.request(s + "/git/sync").header("Content-Type", "application/json")
                .header("X-GitHub-Event", "push").header("X-Hub-Signature-256", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static String sign(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }
}
