package io.coremonitor.server.internal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.coremonitor.model.CanonicalJson;
import io.coremonitor.model.ComposeLoader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigCommandTest {

    private static final String VALID = String.join("\n",
        "name: shop",
        "services:",
        "  web:",
        "    image: nginx:${TAG:-1.27}",
        "    ports: ['8080:80']",
        "    environment: ['GREETING=${GREETING}']",
        "  db:",
        "    image: postgres:16",
        "    healthcheck: {test: pg_isready, interval: 10s}",
        "");

    private static final String BROKEN = String.join("\n",
        "services:",
        "  web:",
        "    imagee: nginx",
        "    ports: ['99999:80']",
        "    depends_on: [cache]",
        "    restart: sometimes",
        "");

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String stdin, Map<String, String> env, String... args) {
        ConfigCommand command = new ConfigCommand(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        return command.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), env);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path file(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void validFilePrintsTheCanonicalJson() throws IOException {
        Path f = file("compose.yaml", VALID);
        int code = run("", Map.of("GREETING", "hello"), "-f", f.toString());
        assertThat(code).isZero();
        JsonNode json = new ObjectMapper().readTree(out());
        assertThat(json.at("/services/web/image").asText()).isEqualTo("nginx:1.27");
        assertThat(json.at("/services/web/environment/GREETING").asText()).isEqualTo("hello");
        assertThat(json.at("/services/web/ports/0/published").asText()).isEqualTo("8080");
        assertThat(json.at("/services/db/healthcheck/test/0").asText()).isEqualTo("CMD-SHELL");
        assertThat(CanonicalJson.parse(out())).isEqualTo(ComposeLoader.load(VALID, Map.of("GREETING", "hello")));
        assertThat(err()).isEmpty();
    }

    @Test
    void varsOverrideTheEnvironment() throws IOException {
        Path f = file("compose.yaml", VALID);
        int code = run("", Map.of("TAG", "from-env", "GREETING", "env"), "--file", f.toString(), "--var", "TAG=1.25",
            "--var=GREETING=a=b");
        assertThat(code).isZero();
        assertThat(out()).contains("\"nginx:1.25\"").contains("\"a=b\"");
    }

    @Test
    void unsetVariablesAreWarnedOnStderr() throws IOException {
        Path f = file("compose.yaml", VALID);
        assertThat(run("", Map.of(), "-f", f.toString())).isZero();
        assertThat(err()).isEqualTo("warning: services.web.environment[0]: variable GREETING is not set; using an empty string"
            + System.lineSeparator());
    }

    @Test
    void readsStandardInput() {
        assertThat(run("services: {web: {image: busybox}}", Map.of(), "-f", "-")).isZero();
        assertThat(out()).contains("\"busybox\"");
    }

    @Test
    void brokenFilePrintsEveryErrorWithItsPath() throws IOException {
        Path f = file("compose.yaml", BROKEN);
        int code = run("", Map.of(), "-f", f.toString());
        assertThat(code).isEqualTo(1);
        assertThat(out()).isEmpty();
        assertThat(err().lines()).containsExactly(
            "services.web: missing required key 'image' (Core Monitor runs images)",
            "services.web.depends_on.cache: depends on undefined service 'cache'",
            "services.web.imagee: unknown key 'imagee' (not part of the compose specification)",
            "services.web.ports[0]: port 99999 is out of range (1-65535)",
            "services.web.restart: 'sometimes' is not a restart policy; use no, always, on-failure[:N] or unless-stopped");
        assertThat(err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void documentErrorsUseTheFileNameAsPath() throws IOException {
        Path f = file("bad.yaml", "services:\n  web: [\n");
        assertThat(run("", Map.of(), "-f", f.toString())).isEqualTo(1);
        assertThat(err()).startsWith(f + ": YAML error at line ");
        assertThat(run("- a", Map.of(), "-f", "-")).isEqualTo(1);
        assertThat(err()).contains("<stdin>: the definition must be a mapping");
    }

    @Test
    void requiredVariableErrorHasItsPath() throws IOException {
        Path f = file("compose.yaml", "services: {web: {image: 'app:${TAG:?set TAG}'}}");
        assertThat(run("", Map.of(), "-f", f.toString())).isEqualTo(1);
        assertThat(err().strip()).isEqualTo("services.web.image: required variable TAG is missing a value: set TAG");
    }

    @Test
    void missingFileIsExitOne() {
        assertThat(run("", Map.of(), "-f", dir.resolve("nope.yaml").toString())).isEqualTo(1);
        assertThat(err()).contains("nope.yaml: no such file");
    }

    @Test
    void directoryIsExitOne() {
        assertThat(run("", Map.of(), "-f", dir.toString())).isEqualTo(1);
        assertThat(err()).startsWith(dir + ": cannot read");
    }

    @Test
    void nonUtf8IsExitOne() throws IOException {
        Path f = dir.resolve("latin1.yaml");
        Files.write(f, new byte[] {'a', ':', ' ', (byte) 0xe9, '\n'});
        assertThat(run("", Map.of(), "-f", f.toString())).isEqualTo(1);
        assertThat(err()).contains("not UTF-8");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "--var A=1", "-f", "--file", "-x -f a.yaml", "-f a.yaml --var", "-f a.yaml --var NOEQUALS",
        "-f a.yaml --var 1A=b", "-f a.yaml --var =b", "-f a.yaml extra", "-f a.yaml -f b.yaml", "--bogus", "-f a.yaml --profile",
        "-f a.yaml --profile -x"})
    void usageErrorsAreExitTwo(String args) {
        String[] split = args.isEmpty() ? new String[0] : args.split(" ");
        assertThat(run("", Map.of(), split)).isEqualTo(2);
        assertThat(err()).startsWith("config: ").contains("usage: coremonitor-server.jar config -f FILE");
        assertThat(out()).isEmpty();
    }

    private static final String PROFILED = String.join("\n",
        "services:",
        "  web: {image: nginx, depends_on: {metrics: {condition: service_started, required: false}}}",
        "  metrics: {image: busybox, profiles: [monitoring]}",
        "  shell: {image: busybox, depends_on: [web], profiles: [debug]}",
        "  runner: {image: busybox, depends_on: [metrics], profiles: [ci]}",
        "");

    @Test
    void profilesPrintTheServicesThatRunWithThemLikeCompose() throws IOException {
        Path f = file("compose.yaml", PROFILED);
        assertThat(run("", Map.of(), "-f", f.toString())).isZero();
        assertThat(new ObjectMapper().readTree(out()).path("services").size()).as("without --profile: as stored").isEqualTo(4);
        out.reset();
        assertThat(run("", Map.of(), "-f", f.toString(), "--profile", "debug")).isZero();
        JsonNode debug = new ObjectMapper().readTree(out());
        assertThat(debug.path("services").fieldNames()).toIterable().containsExactly("shell", "web");
        assertThat(debug.at("/services/web/depends_on").isMissingNode()).as("optional dependency on a disabled service").isTrue();
        out.reset();
        assertThat(run("", Map.of(), "-f", f.toString(), "--profile=monitoring", "--profile", "ci")).isZero();
        assertThat(new ObjectMapper().readTree(out()).path("services").fieldNames()).toIterable()
            .containsExactly("metrics", "runner", "web");
        out.reset();
        assertThat(run("", Map.of(), "-f", f.toString(), "--profile", "*")).isZero();
        assertThat(new ObjectMapper().readTree(out()).path("services").size()).isEqualTo(4);
        out.reset();
        assertThat(run("", Map.of(), "-f", f.toString(), "--profile", "ci")).isEqualTo(1);
        assertThat(err()).contains("services.runner.depends_on.metrics: service 'metrics' is disabled by its profiles"
            + " (monitoring; active profiles: ci)");
        assertThat(out()).isEmpty();
    }

    @Test
    void helpIsExitZero() {
        assertThat(run("", Map.of(), "--help")).isZero();
        assertThat(out()).contains("usage:");
    }
}
