package io.coremonitor.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.coremonitor.server.internal.cli.ConfigCommand;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code env_file} through the API ({@code "files"} of validate, stack creation and new versions; the version keeps
 * them) and through {@code config} (the same files on disk): every fixture gives the same result both ways.
 */
class EnvFileRoutesTest extends InProcessApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String IMAGE = "coremonitor-test/busybox:latest";

    /** A fixture: the definition, its files (relative path → content) and the variables. */
    record Fixture(String name, String compose, Map<String, String> files, Map<String, String> variables) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> fixtures() {
        return Stream.of(
            new Fixture("every form", String.join("\n",
                "services:",
                "  one:",
                "    image: " + IMAGE,
                "    env_file: ./app.env",
                "  many:",
                "    image: " + IMAGE,
                "    env_file: [app.env, conf/over.env]",
                "    environment: {WINS: environment}",
                "  long:",
                "    image: " + IMAGE,
                "    env_file:",
                "      - path: conf/../app.env",
                "      - {path: ./absent.env, required: false}",
                "      - {path: conf/raw.env, format: raw}",
                ""), Map.of(
                    "app.env", "# settings\nexport A=1\nWINS=app\nQ=\"x\\ty ${TAG}\"\nS='$$lit ${TAG}'\nML=\"l1\nl2\"\n",
                    "conf/over.env", "A=2 # overridden\nB=${A}-${TAG:-none}\nTAG\n",
                    "conf/raw.env", "R=\"as is\" ${TAG} # kept\nTAG\n"),
                Map.of("TAG", "t1")),
            new Fixture("missing required file", String.join("\n",
                "services:",
                "  web:",
                "    image: " + IMAGE,
                "    env_file: [app.env, {path: gone.env}]",
                ""), Map.of("app.env", "A=1\n"), Map.of()),
            new Fixture("syntax error", String.join("\n",
                "services:",
                "  web:",
                "    image: " + IMAGE,
                "    env_file: app.env",
                ""), Map.of("app.env", "A=1\nB=\"open\nC=3\n"), Map.of()),
            new Fixture("required variable", String.join("\n",
                "services:",
                "  web:",
                "    image: " + IMAGE,
                "    env_file: [{path: app.env, format: raw}, other.env]",
                ""), Map.of("app.env", "A=${NOT_EXPANDED:?x}\n", "other.env", "B=${NEEDED:?set it}\n"), Map.of()))
            .map(Arguments::of);
    }

    /** What {@code config} prints: the canonical JSON when valid, else the {@code path: message} lines. */
    private record ConfigResult(int code, String out, List<String> errors) {
    }

    private ConfigResult config(Fixture f) throws IOException {
        Path project = Files.createTempDirectory(dir, "project");
        Path compose = project.resolve("compose.yaml");
        Files.writeString(compose, f.compose());
        for (Map.Entry<String, String> e : f.files().entrySet()) {
            Path file = project.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new ConfigCommand(new ByteArrayInputStream(new byte[0])).run(List.of("-f", compose.toString()),
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
            f.variables());
        List<String> errors = err.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.startsWith("warning: ")).toList();
        return new ConfigResult(code, out.toString(StandardCharsets.UTF_8), errors);
    }

    /** The errors of a validate answer as {@code path: message}, the message cut before the part that says where. */
    private static List<String> comparable(List<String> lines) {
        return lines.stream().map(l -> l.replaceAll(" not found: .*", " not found")).toList();
    }

    private Map<String, Object> body(Fixture f) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("compose", f.compose());
        body.put("files", f.files());
        body.put("variables", f.variables());
        return body;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void theApiAndConfigAgree(Fixture f) throws IOException {
        ConfigResult config = config(f);
        ApiClient.Answer validate = c.post("/validate", ApiClient.json(body(f)));
        assertThat(validate.status()).as(validate.text()).isEqualTo(200);
        List<String> apiErrors = new ArrayList<>();
        validate.json().path("errors").forEach(e -> apiErrors.add(e.path("path").asText() + ": " + e.path("message").asText()));
        assertThat(validate.json().path("valid").asBoolean()).as(validate.text()).isEqualTo(config.code() == 0);
        assertThat(comparable(apiErrors)).as(config.errors().toString()).isEqualTo(comparable(config.errors()));

        Map<String, Object> create = body(f);
        create.put("name", "envfiles");
        ApiClient.Answer created = c.post("/stacks", ApiClient.json(create));
        if (config.code() != 0) {
            ApiRoutesTest.assertProblem(created, 422, null);
            List<String> problems = new ArrayList<>();
            created.json().path("errors").forEach(e -> problems.add(e.path("path").asText() + ": "
                + e.path("message").asText()));
            assertThat(comparable(problems)).isEqualTo(comparable(config.errors()));
            return;
        }
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String id = created.json().path("stack_id").asText();
        JsonNode version = c.get("/stacks/" + id + "/versions/v1").json();
        assertThat(version.path("compose")).isEqualTo(JSON.readTree(config.out()));
        assertThat(JSON.convertValue(version.path("files"), Map.class)).isEqualTo(Map.of("app.env", f.files().get("app.env"),
            "conf/over.env", f.files().get("conf/over.env"), "conf/raw.env", f.files().get("conf/raw.env")));
        JsonNode env = version.path("compose").path("services");
        assertThat(env.at("/one/environment")).isEqualTo(JSON.readTree(
            "{\"A\":\"1\",\"WINS\":\"app\",\"Q\":\"x\\ty t1\",\"S\":\"$$$$lit $${TAG}\",\"ML\":\"l1\\nl2\"}"));
        assertThat(env.at("/many/environment/A").asText()).isEqualTo("2");
        assertThat(env.at("/many/environment/B").asText()).isEqualTo("2-t1");
        assertThat(env.at("/many/environment/TAG").asText()).isEqualTo("t1");
        assertThat(env.at("/many/environment/WINS").asText()).isEqualTo("environment");
        assertThat(env.at("/long/environment/R").asText()).isEqualTo("\"as is\" $${TAG} # kept");
        assertThat(env.at("/long/environment/TAG").asText()).isEqualTo("t1");
    }

    @Test
    void filesAreNormalizedKeptWithTheVersionAndMakeANewVersionWhenTheyChange() {
        String compose = "services:\n  web:\n    image: " + IMAGE + "\n    env_file: ./app.env\n";
        ApiClient.Answer created = c.post("/stacks", ApiClient.json(Map.of("name", "files", "compose", compose,
            "files", Map.of("./app.env", "A=1\n"))));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String id = created.json().path("stack_id").asText();
        JsonNode v1 = c.get("/stacks/" + id + "/versions/v1").json();
        assertThat(v1.path("files").toString()).isEqualTo("{\"app.env\":\"A=1\\n\"}");

        ApiClient.Answer same = c.post("/stacks/" + id + "/versions", ApiClient.json(Map.of("compose", compose,
            "files", Map.of("app.env", "A=1\n"))));
        assertThat(same.status()).as("identical definition and files: no new version").isEqualTo(200);
        ApiClient.Answer comment = c.post("/stacks/" + id + "/versions", ApiClient.json(Map.of("compose", compose,
            "files", Map.of("app.env", "# changed\nA=1\n"))));
        assertThat(comment.status()).as("a file changed: a new version").isEqualTo(201);
        assertThat(comment.json().path("compose_hash").asText()).isNotEqualTo(v1.path("compose_hash").asText());
        assertThat(comment.json().path("compose")).isEqualTo(v1.path("compose"));
        JsonNode diff = c.get("/stacks/" + id + "/versions/v2/diff?against=v1").json();
        assertThat(diff.path("files").path("changed").toString()).isEqualTo("[{\"name\":\"app.env\",\"fields\":[]}]");
        assertThat(diff.path("identical").asBoolean(true)).isFalse();
        assertThat(diff.path("services").path("changed").isEmpty()).isTrue();

        ApiClient.Answer none = c.post("/stacks/" + id + "/versions", ApiClient.json(Map.of("compose", compose)));
        ApiRoutesTest.assertProblem(none, 422, "services.web.env_file");
        assertThat(none.text()).contains("no files were sent with the definition").contains("\\\"files\\\"");
    }

    @Test
    void badFilesAreRefusedWithTheirPaths() {
        String compose = "services:\n  web:\n    image: " + IMAGE + "\n";
        ApiClient.Answer absolute = c.post("/validate", ApiClient.json(Map.of("compose", compose,
            "files", Map.of("/etc/app.env", "A=1"))));
        ApiRoutesTest.assertProblem(absolute, 422, "files[\"/etc/app.env\"]");
        ApiClient.Answer big = c.post("/stacks", ApiClient.json(Map.of("name", "big", "compose", compose,
            "files", Map.of("big.env", "x".repeat(300 * 1024)))));
        ApiRoutesTest.assertProblem(big, 422, "files[\"big.env\"]");
        assertThat(big.text()).contains("at most 262144");
        ApiClient.Answer number = c.post("/validate", "{\"compose\": \"services: {}\", \"files\": {\"a.env\": 1}}");
        ApiRoutesTest.assertProblem(number, 400, "files[\"a.env\"]");
        ApiClient.Answer list = c.post("/validate", "{\"compose\": \"services: {}\", \"files\": [\"a.env\"]}");
        ApiRoutesTest.assertProblem(list, 400, "files");
    }
}
