package io.coremonitor.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.coremonitor.server.internal.client.ClientMain;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command-line client in-process against an in-process API whose Docker is unreachable: the outputs, the problem
 * lines and the exit codes of what needs no Docker (the real Docker runs are in {@code CommandLineIT}).
 */
class ClientAgainstApiTest {

    private static final String TOKEN = "client-test-token";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private TestApi api;
    private String server;

    /** One run: exit code, stdout, stderr. */
    record Run(int code, String out, String err) {
        JsonNode json() throws IOException {
            return JSON.readTree(out);
        }
    }

    @BeforeEach
    void start() {
        api = new TestApi(dir, Optional.of(TOKEN), Optional.empty(), Optional.of(io.coremonitor.docker.DockerSettings.defaults()
            .withHost(java.net.URI.create("unix://" + dir.resolve("no-docker.sock")))));
        server = "http://127.0.0.1:" + api.app.port();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private Run run(String... args) {
        return runWith(Map.of("COREMONITOR_TOKEN", TOKEN), "", args);
    }

    private Run runWith(Map<String, String> extraEnv, String stdin, String... args) {
        Map<String, String> env = new HashMap<>(Map.of("HOME", dir.toString(), "COREMONITOR_URL", server));
        env.putAll(extraEnv);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new ClientMain(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), "tester")
            .run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                env);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void aStacksLifeWithoutDocker() throws IOException {
        Path v1 = file("v1.yaml", "services:\n  web:\n    image: nginx:${TAG}\n    environment:\n      A: one\n");
        Run created = runWith(Map.of("COREMONITOR_TOKEN", TOKEN, "TAG", "1.27"), "", "create", "shop", "-f", v1.toString(),
            "-m", "first");
        assertThat(created.code()).as(created.err()).isZero();
        assertThat(created.out()).startsWith("created stack shop (").contains("with v1");
        assertThat(created.err()).as("TAG is set: no warning").isEmpty();
        String id = api.client.get("/stacks?name=shop").json().path("items").get(0).path("stack_id").asText();
        JsonNode version = api.client.get("/stacks/" + id + "/versions/v1").json();
        assertThat(version.path("compose").path("services").path("web").path("image").asText()).isEqualTo("nginx:1.27");
        assertThat(version.path("metadata").path("created_by").asText()).isEqualTo("tester");
        assertThat(version.path("metadata").path("comment").asText()).isEqualTo("first");

        Run unchanged = runWith(Map.of("COREMONITOR_TOKEN", TOKEN), Files.readString(v1), "push", "shop", "-f", "-",
            "--var", "TAG=1.27");
        assertThat(unchanged.code()).as(unchanged.err()).isZero();
        assertThat(unchanged.out()).contains("no new version: <stdin> is the definition of shop's latest version v1");
        Path v2 = file("v2.yaml", "services:\n  web:\n    image: nginx:1.27\n    environment:\n      A: two\n");
        Run pushed = run("--json", "push", "shop", "-f", v2.toString(), "-m", "second");
        assertThat(pushed.code()).as(pushed.err()).isZero();
        assertThat(pushed.json().path("created").asBoolean()).isTrue();
        assertThat(pushed.json().path("version").path("version").asText()).isEqualTo("v2");

        Run stacks = run("stacks");
        assertThat(stacks.code()).isZero();
        assertThat(stacks.out().lines().toList()).hasSize(2).first().asString()
            .matches("NAME +STATE +CURRENT +LATEST +LAST COMMAND +UPDATED");
        assertThat(stacks.out().lines().toList().get(1)).matches("shop +- +- +v2 +- +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
        assertThat(run("stacks", "--json").json().path("items").get(0).path("name").asText()).isEqualTo("shop");

        Run history = run("history", "shop");
        assertThat(history.out().lines().toList()).hasSize(3);
        assertThat(history.out().lines().toList().get(1)).startsWith("v2 ").endsWith("second");
        assertThat(history.out().lines().toList().get(2)).startsWith("v1 ").contains("tester").endsWith("first");
        Run diff = run("diff", "shop", "1", "v2");
        assertThat(diff.out()).isEqualTo("shop: v1 -> v2\nservices:\n  ~ web: environment\n");
        assertThat(run("diff", "shop", "v2", "v2").out()).contains("have the same definition");
        assertThat(run("--json", "diff", "shop", "v1", "v2").json().path("services").path("changed").get(0).path("name")
            .asText()).isEqualTo("web");

        Run commands = run("commands", "--stack", "shop");
        assertThat(commands.code()).isZero();
        assertThat(commands.out().strip()).startsWith("ID").doesNotContain("\n");
    }

    @Test
    void theDefinitionsWarningsAreOnStderrAtTheirPlace() throws IOException {
        Path v1 = file("w.yaml", "services:\n  web:\n    image: nginx:${TAG:-1.27}\n    environment:\n      A: ${UNSET_ONE}\n");
        Run created = run("create", "shop", "-f", v1.toString());
        assertThat(created.code()).as(created.err()).isZero();
        assertThat(created.err()).isEqualTo("coremonitor: warning: " + v1 + ":5:7: services.web.environment.A: variable UNSET_ONE"
            + " is not set; using an empty string\n");
    }

    @Test
    void anInvalidDefinitionIsExit1WithEveryErrorAtItsPlace() throws IOException {
        Path bad = file("bad.yaml", "services:\n  web:\n    image: nginx\n    ports: ['8080:80', '99999:80']\n"
            + "    restart: sometimes\n");
        Run r = run("create", "shop", "-f", bad.toString());
        assertThat(r.code()).isEqualTo(1);
        List<String> lines = r.err().lines().toList();
        assertThat(lines.get(0)).startsWith("coremonitor: 2 errors in the definition: ").endsWith("(HTTP 422 Unprocessable Content)");
        assertThat(lines.subList(1, lines.size())).containsExactly(
            bad + ":4:24: services.web.ports[1]: port 99999 is out of range (1-65535)",
            bad + ":5:5: services.web.restart: 'sometimes' is not a restart policy; use no, always, on-failure[:N] or unless-stopped");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void theTokenRefusedOrMissingIsExit3AndNeverPrinted() {
        Run wrong = runWith(Map.of("COREMONITOR_TOKEN", "wrong-secret-value"), "", "stacks");
        assertThat(wrong.code()).isEqualTo(3);
        assertThat(wrong.err()).startsWith("coremonitor: ").contains("HTTP 401", "the token was refused")
            .doesNotContain("wrong-secret-value").hasLineCount(1);
        Run none = runWith(Map.of(), "", "stacks");
        assertThat(none.code()).isEqualTo(3);
        assertThat(none.err()).contains("no token is set").hasLineCount(1);
    }

    @Test
    void dockerUnreachableIsExit3() throws IOException {
        run("create", "shop", "-f", file("c.yaml", "services:\n  web:\n    image: nginx\n").toString());
        Run apply = run("apply", "shop", "--wait");
        assertThat(apply.code()).isEqualTo(3);
        assertThat(apply.err()).contains("HTTP 503").hasLineCount(1);
    }

    @Test
    void wrongNamesVersionsAndIdsAreExit1Or2() throws IOException {
        Run missing = run("history", "nope");
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("coremonitor: no stack named 'nope'\n");
        run("create", "shop", "-f", file("c.yaml", "services:\n  web:\n    image: nginx\n").toString());
        Run noVersion = run("diff", "shop", "v1", "v9");
        assertThat(noVersion.code()).isEqualTo(1);
        assertThat(noVersion.err()).contains("HTTP 404");
        assertThat(run("cancel", "12345").code()).isEqualTo(1);
        assertThat(run("cancel", "abc").code()).isEqualTo(2);
        assertThat(run("apply", "shop", "latest").code()).isEqualTo(2);
        assertThat(run("create", "shop2", "-f", dir.resolve("none.yaml").toString()).err())
            .isEqualTo("coremonitor: " + dir.resolve("none.yaml") + ": no such file\n");
        Run unknown = run("frobnicate");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).isEqualTo("coremonitor: unknown command 'frobnicate' (coremonitor --help lists them)\n");
        assertThat(run("create", "x").err()).contains("missing -f FILE");
        assertThat(run("logs", "shop", "--tail", "lots").code()).isEqualTo(2);
    }

    @Test
    void anUnreachableServerIsExit3() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Run r = run("--server", "http://127.0.0.1:" + port, "stacks");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).startsWith("coremonitor: cannot reach the server at http://127.0.0.1:" + port + ": ").hasLineCount(1);
    }

    @Test
    void helpIsExit0AndListsEveryCommand() {
        Run help = run("--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("stacks", "create", "push", "diff", "plan", "apply", "rollback", "history", "ps",
            "logs", "start", "stop", "restart", "deploy", "commands", "cancel", "retry", "delete", "exit codes:");
        assertThat(help.out()).containsPattern("\n  apply NAME \\[VERSION\\] +apply a version \\(default: the latest\\)\n")
            .containsPattern("\n  logs NAME \\[SERVICE\\] +the containers' output")
            .containsPattern("\n  --json +print the API's JSON");
        Run one = run("apply", "--help");
        assertThat(one.out()).startsWith("usage: coremonitor apply NAME [VERSION] [--wait] [--auto-rollback]");
        assertThat(run().code()).isEqualTo(2);
    }
}
