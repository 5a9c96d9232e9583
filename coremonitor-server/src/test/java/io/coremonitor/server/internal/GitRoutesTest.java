package io.coremonitor.server.internal;

import static io.coremonitor.server.internal.ApiRoutesTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coremonitor.engine.CoreMonitor;
import io.coremonitor.engine.databases.DatabaseSettings;
import io.coremonitor.engine.git.GitHttpServer;
import io.coremonitor.engine.git.TestGitRepo;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The git routes in process (no Docker): a stack made from a repository, the webhook's signature and token checks,
 * the settings without their credentials, refused commits, and problems for what cannot be used.
 */
class GitRoutesTest {

    static final String WEB = "services:\n  web:\n    image: coremonitor-test/busybox:latest\n"
            + "    command: [httpd, -f, -p, '8080']\n";
    static final String WEB2 = "services:\n  web:\n    image: coremonitor-test/busybox:latest\n"
            + "    command: [httpd, -f, -p, '8081']\n";
    private static final String TOKEN = "api-token-1";
    private static final String WEBHOOK_SECRET = "hook-secret-1";
    private static final String PASSWORD = "Http-Pa55word-for-git";

    @TempDir
    Path dir;
    private CoreMonitor engine;
    private HttpApi api;
    private Javalin app;
    private ApiClient c;
    private ApiClient anonymous;
    private TestGitRepo repo;

    @BeforeEach
    void start() {
        engine = CoreMonitor.builder().sqlite(dir.resolve("cm.db"))
                .meterRegistry(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)).build();
        api = new HttpApi(engine, Optional.empty(), Optional.of(TOKEN), Optional.empty(), Duration.ofMillis(100),
                CatalogHolder.load(Optional.empty()), HostPorts.unknown(), DatabaseSettings.defaults(),
                Optional.of(WEBHOOK_SECRET));
        app = api.create().start("127.0.0.1", 0);
        c = new ApiClient("http://127.0.0.1:" + app.port() + "/api/v1", Optional.of(TOKEN));
        anonymous = new ApiClient("http://127.0.0.1:" + app.port() + "/api/v1", Optional.empty());
        repo = TestGitRepo.init(dir.resolve("repos/shop"));
    }

    @AfterEach
    void stop() {
        repo.close();
        api.close();
        app.stop();
        engine.close();
    }

    private String createFromGit(Map<String, Object> git) {
        ApiClient.Answer a = c.post("/stacks", ApiClient.json(Map.of("name", "shop", "git", git)));
        assertThat(a.status()).as(a.text()).isEqualTo(201);
        return a.json().path("stack_id").asText();
    }

    private ApiClient.Answer webhook(String stackId, String body, Optional<String> signature) {
        HttpRequest.Builder b = anonymous.request("/stacks/" + stackId + "/git/sync")
                .header("Content-Type", "application/json").header("X-GitHub-Event", "push")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        signature.ifPresent(s -> b.header("X-Hub-Signature-256", s));
        return anonymous.send(b);
    }

    static String sign(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aStackMadeFromARepositoryFollowsItAndTheSignedWebhookMakesTheNextVersion() throws Exception {
        RevCommit first = repo.commit("deploy/compose.yaml", WEB, "First shop", "Alice");
        String id = createFromGit(Map.of("url", repo.url(), "path", "deploy/compose.yaml"));

        JsonNode v1 = c.get("/stacks/" + id + "/versions/v1").json();
        assertThat(v1.path("created_by").asText() + v1.path("metadata").path("created_by").asText())
                .contains("Alice <alice@example.org>");
        assertThat(v1.toString()).contains("git commit " + first.name());
        JsonNode git = c.get("/stacks/" + id + "/git").json();
        assertThat(git.path("url").asText()).isEqualTo(repo.url());
        assertThat(git.path("branch").asText()).isEqualTo("main");
        assertThat(git.path("path").asText()).isEqualTo("deploy/compose.yaml");
        assertThat(git.path("auto_apply").asBoolean()).isFalse();
        assertThat(git.path("credentials").asBoolean()).isFalse();
        assertThat(git.path("last_commit").asText()).isEqualTo(first.name());
        assertThat(git.path("commits").get(0).path("outcome").asText()).isEqualTo("VERSION");

        RevCommit second = repo.commit("deploy/compose.yaml", WEB2, "Port 8081", "Bob");
        String body = "{\"ref\":\"refs/heads/main\",\"after\":\"" + second.name() + "\"}";
        assertProblem(webhook(id, body, Optional.of(sign("wrong-secret", body))), 403, null);
        assertProblem(webhook(id, body, Optional.of(sign(WEBHOOK_SECRET, body + " "))), 403, null);
        assertProblem(webhook(id, body, Optional.of("sha1=abc")), 403, null);
        assertProblem(webhook(id, body, Optional.empty()), 401, null);
        assertThat(c.get("/stacks/" + id).json().path("latest_version").asText()).isEqualTo("v1");

        ApiClient.Answer synced = webhook(id, body, Optional.of(sign(WEBHOOK_SECRET, body)));
        assertThat(synced.status()).as(synced.text()).isEqualTo(200);
        assertThat(synced.json().path("head").asText()).isEqualTo(second.name());
        assertThat(synced.json().path("version").asText()).isEqualTo("v2");
        assertThat(synced.json().path("commits").get(0).path("author").asText()).isEqualTo("Bob <bob@example.org>");
        assertThat(c.get("/stacks/" + id + "/versions/v2").text()).contains("Port 8081");

        // with the API token and no signature, a user syncs too (nothing new here)
        ApiClient.Answer byUser = c.post("/stacks/" + id + "/git/sync", "");
        assertThat(byUser.status()).as(byUser.text()).isEqualTo(200);
        assertThat(byUser.json().path("commits")).isEmpty();
        assertThat(byUser.json().path("version").isNull()).isTrue();
    }

    @Test
    void anInvalidCommitIsRefusedAndShownWithItsErrors() {
        repo.commit("compose.yaml", WEB, "ok", "Alice");
        String id = createFromGit(Map.of("url", repo.url()));
        RevCommit bad = repo.commit("compose.yaml", WEB + "    links: [db]\n", "links", "Mallory");

        ApiClient.Answer synced = c.post("/stacks/" + id + "/git/sync", "");

        assertThat(synced.status()).as(synced.text()).isEqualTo(200);
        JsonNode refused = c.get("/stacks/" + id + "/git").json().path("refused");
        assertThat(refused).hasSize(1);
        assertThat(refused.get(0).path("commit").asText()).isEqualTo(bad.name());
        assertThat(refused.get(0).path("outcome").asText()).isEqualTo("REFUSED");
        assertThat(refused.get(0).path("errors").get(0).path("path").asText()).isEqualTo("services.web.links[0]");
        assertThat(refused.get(0).path("errors").get(0).path("line").asInt()).isEqualTo(5);
        assertThat(c.get("/stacks/" + id).json().path("latest_version").asText()).isEqualTo("v1");
    }

    @Test
    void credentialsAreNeverAnsweredAndAFailedSyncSaysWhyWithoutThem() throws Exception {
        repo.commit("compose.yaml", WEB, "ok", "Alice");
        try (GitHttpServer http = GitHttpServer.start(dir.resolve("repos"), "deploy", PASSWORD)) {
            Map<String, Object> git = new LinkedHashMap<>();
            git.put("url", http.url("shop"));
            git.put("credentials", Map.of("username", "deploy", "password", PASSWORD));
            String id = createFromGit(git);
            ApiClient.Answer shown = c.get("/stacks/" + id + "/git");
            assertThat(shown.json().path("credentials").asBoolean()).isTrue();
            assertThat(shown.text()).doesNotContain(PASSWORD).doesNotContain("deploy\"");

            String wrong = "Wrong-" + PASSWORD;
            ApiClient.Answer put = c.send("PUT", "/stacks/" + id + "/git", ApiClient.json(Map.of("url", http.url("shop"),
                    "credentials", Map.of("username", "deploy", "token", wrong))));
            assertThat(put.status()).as(put.text()).isEqualTo(200);
            assertThat(put.json().path("last_error").asText()).contains("not authorized");
            assertThat(put.text()).doesNotContain(wrong);

            ApiClient.Answer failed = c.post("/stacks/" + id + "/git/sync", "");
            assertProblem(failed, 502, null);
            assertThat(failed.json().path("detail").asText()).contains(http.url("shop")).contains("not authorized");
            assertThat(failed.text()).doesNotContain(wrong).doesNotContain(PASSWORD);
            assertThat(c.get("/stacks/" + id + "/git").text()).doesNotContain(wrong);
        }
    }

    @Test
    void settingsThatCannotBeUsedAreProblemsNamingTheField() {
        repo.commit("compose.yaml", WEB, "ok", "Alice");
        assertProblem(c.post("/stacks", ApiClient.json(Map.of("name", "x", "git", Map.of("url",
                "https://bob:pw@example.org/r.git")))), 422, "git.url");
        assertProblem(c.post("/stacks", ApiClient.json(Map.of("name", "x", "git", Map.of("url", repo.url(),
                "branch", "a..b")))), 422, "git.branch");
        assertProblem(c.post("/stacks", ApiClient.json(Map.of("name", "x", "git", Map.of("url", repo.url(),
                "credentials", Map.of("username", "u", "password", "p", "token", "t"))))), 400, "git.credentials.password");
        assertProblem(c.post("/stacks", ApiClient.json(Map.of("name", "x", "git", Map.of("url", repo.url(),
                "colour", "blue")))), 400, "git.colour");
        assertProblem(c.post("/stacks", ApiClient.json(Map.of("name", "x", "git", Map.of("url", repo.url(),
                "branch", "missing")))), 502, null);
        assertProblem(c.post("/stacks", ApiClient.json(Map.of("name", "x"))), 400, "compose");
        assertThat(c.get("/stacks?include_deleted=true").json().path("items")).isEmpty();
    }

    @Test
    void followingAndUnfollowingAStackMadeByHand() {
        ApiClient.Answer created = c.post("/stacks", ApiClient.json(Map.of("name", "shop", "compose", WEB)));
        String id = created.json().path("stack_id").asText();
        assertProblem(c.get("/stacks/" + id + "/git"), 404, null);
        assertProblem(c.post("/stacks/" + id + "/git/sync", ""), 404, null);
        repo.commit("compose.yaml", WEB2, "from git", "Alice");

        ApiClient.Answer put = c.send("PUT", "/stacks/" + id + "/git", ApiClient.json(Map.of("url", repo.url(),
                "auto_apply", true)));

        assertThat(put.status()).as(put.text()).isEqualTo(200);
        assertThat(put.json().path("auto_apply").asBoolean()).isTrue();
        assertThat(c.get("/stacks/" + id).json().path("latest_version").asText()).isEqualTo("v2");
        assertThat(c.get("/commands?stack_id=" + id).text()).contains("APPLY_STACK_VERSION");
        assertThat(c.send("DELETE", "/stacks/" + id + "/git", null).status()).isEqualTo(204);
        assertProblem(c.get("/stacks/" + id + "/git"), 404, null);
        assertProblem(c.send("DELETE", "/stacks/" + id + "/git", null), 404, null);
        assertProblem(anonymous.get("/stacks/" + id + "/git"), 401, null);
    }
}
