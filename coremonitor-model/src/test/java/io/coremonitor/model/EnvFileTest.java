package io.coremonitor.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code env_file}: its forms, compose's .env syntax, the raw format, precedence, and the files sent or read. */
class EnvFileTest {

    private static Map<String, Optional<String>> env(String yaml, Map<String, String> variables, Map<String, String> files) {
        ComposeDefinition d = ComposeLoader.load(yaml, variables, DefinitionFiles.sent(files));
        return d.services().get("web").process().environment();
    }

    private static Map<String, Optional<String>> envOf(String fileText) {
        return env("services: {web: {image: nginx, env_file: app.env}}", Map.of(), Map.of("app.env", fileText));
    }

    private static Map<String, Optional<String>> values(String... kv) {
        Map<String, Optional<String>> out = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            out.put(kv[i], Optional.ofNullable(kv[i + 1]));
        }
        return out;
    }

    private static List<ValidationError> errors(String yaml, Map<String, String> files) {
        return ComposeLoader.validate(yaml, Map.of(), DefinitionFiles.sent(files)).errors().stream()
            .map(LocatedError::error).toList();
    }

    @Test
    void stringForm() {
        assertThat(env("services: {web: {image: nginx, env_file: ./app.env}}", Map.of(), Map.of("app.env", "A=1\nB=2\n")))
            .isEqualTo(values("A", "1", "B", "2"));
    }

    @Test
    void listOfStringsLaterFilesOverrideEarlierOnes() {
        assertThat(env("services: {web: {image: nginx, env_file: [a.env, ./conf/b.env]}}", Map.of(),
            Map.of("./a.env", "A=1\nB=1\n", "conf/x/../b.env", "B=2\nC=2")))
            .isEqualTo(values("A", "1", "B", "2", "C", "2"));
    }

    @Test
    void longFormWithOptionalMissingFileAndRawFormat() {
        String yaml = "services: {web: {image: nginx, env_file: [{path: a.env}, {path: gone.env, required: false},"
            + " {path: r.env, format: raw}]}}";
        assertThat(env(yaml, Map.of("V", "x"), Map.of("a.env", "A=\"q ${V}\"", "r.env", "R=\"q ${V}\" # kept  \n  S=1\nV\n")))
            .isEqualTo(values("A", "q x", "R", "\"q ${V}\" # kept  ", "S", "1", "V", "x"));
    }

    @Test
    void environmentOverridesEnvFiles() {
        String yaml = "services: {web: {image: nginx, env_file: a.env, environment: {A: mine, E: '${X:-d}'}}}";
        assertThat(env(yaml, Map.of(), Map.of("a.env", "A=file\nB=file\nE=file"))).isEqualTo(values("A", "mine", "B", "file",
            "E", "d"));
    }

    @Test
    void aValuelessEnvironmentEntryOverridesTheFileLikeCompose() {
        String yaml = "services: {web: {image: nginx, env_file: a.env, environment: [KEY, SET]}}";
        assertThat(env(yaml, Map.of("SET", "var"), Map.of("a.env", "KEY=file\nSET=file\nOTHER=${KEY}\n")))
            .isEqualTo(values("KEY", null, "SET", "var", "OTHER", "file"));
    }

    @Test
    void errorsOfEnvFilesHaveTheLineAndColumnOfTheirEntry() {
        String yaml = "services:\n  web:\n    image: nginx\n    env_file:\n      - a.env\n      - path: b.env\n";
        assertThat(ComposeLoader.validate(yaml, Map.of(), DefinitionFiles.sent(Map.of("a.env", "A=1"))).errors())
            .singleElement().satisfies(e -> {
                assertThat(e.path()).isEqualTo("services.web.env_file[1]");
                assertThat(e.position()).contains(new SourcePosition(6, 9));
            });
    }

    @Test
    void missingRequiredFileIsAnErrorNamingIt() {
        assertThat(errors("services: {web: {image: nginx, env_file: [a.env, {path: ./b.env}]}}", Map.of("a.env", "A=1")))
            .singleElement().satisfies(e -> {
                assertThat(e.path()).isEqualTo("services.web.env_file[1]");
                assertThat(e.message()).isEqualTo("env file './b.env' not found: it is not among the files sent with the"
                    + " definition (a.env)");
            });
        assertThat(errors("services: {web: {image: nginx, env_file: app.env}}", Map.of())).singleElement()
            .satisfies(e -> assertThat(e.message()).contains("no files were sent with the definition")
                .contains("\"files\""));
    }

    @Test
    void wrongShapesAreReportedAtTheirPaths() {
        assertThat(errors("services: {web: {image: nginx, env_file: [{path: a.env, format: json}]}}", Map.of("a.env", "")))
            .extracting(ValidationError::path).containsExactly("services.web.env_file[0].format");
        assertThat(errors("services: {web: {image: nginx, env_file: [{required: false}]}}", Map.of()))
            .extracting(ValidationError::path).containsExactly("services.web.env_file[0]");
        assertThat(errors("services: {web: {image: nginx, env_file: [{path: a.env, mode: x}]}}", Map.of("a.env", "")))
            .extracting(ValidationError::path).containsExactly("services.web.env_file[0].mode");
        assertThat(errors("services: {web: {image: nginx, env_file: {path: a.env}}}", Map.of("a.env", "")))
            .extracting(ValidationError::path).containsExactly("services.web.env_file");
    }

    @Test
    void commentsBlankLinesAndExport() {
        assertThat(envOf("# a comment\n\n   # indented comment\nexport A=1\nexport\tB=2\nC=3 # inline\nD=4#not a comment\n"
            + "export=5\nE = 6\nF: 7\n"))
            .isEqualTo(values("A", "1", "B", "2", "C", "3", "D", "4#not a comment", "export", "5", "E", "6", "F", "7"));
    }

    @Test
    void quotes() {
        assertThat(envOf("S='a \\' $X \\n'\nD=\"a \\\" \\n\\t\\\\ \\$X \\q\"\nM=\"line1\nline2\"\nE=\nQ='' \nO=\"\\0101\"\n"))
            .isEqualTo(values("S", "a ' $X \\n", "D", "a \" \n\t\\ $X \\q", "M", "line1\nline2", "E", "", "Q", "",
                "O", "A"));
    }

    @Test
    void interpolationUsesVariablesThenEnvironmentThenEarlierValues() {
        String yaml = "services: {web: {image: nginx, env_file: [a.env, b.env], environment: {E: env}}}";
        Map<String, Optional<String>> env = env(yaml, Map.of("V", "var", "E", "var-e"), Map.of(
            "a.env", "A=${V}-${E}\nB=$$lit\nC=${MISSING:-def}\n",
            "b.env", "D=${A}/${B}\nF=${G:+alt}\n"));
        assertThat(env).isEqualTo(values("E", "env", "A", "var-var-e", "B", "$lit", "C", "def", "D", "var-var-e/$lit",
            "F", ""));
    }

    @Test
    void nameAloneTakesTheVariableOrIsLeftOut() {
        assertThat(env("services: {web: {image: nginx, env_file: a.env, environment: {S: s}}}", Map.of("V", "v"),
            Map.of("a.env", "V\nUNSET\nS\nLAST")))
            .isEqualTo(values("S", "s", "V", "v"));
    }

    @Test
    void unsetVariablesWarnAtTheEntry() {
        LoadResult r = ComposeLoader.loadWithWarnings("services: {web: {image: nginx, env_file: [a.env]}}", Map.of(),
            DefinitionFiles.sent(Map.of("a.env", "\nA=${NOPE}")));
        assertThat(r.warnings()).containsExactly(new ValidationError("services.web.env_file[0]",
            "env file 'a.env', line 2: variable NOPE is not set; using an empty string"));
    }

    @Test
    void syntaxErrorsNameTheFileAndLine() {
        assertThat(errors("services: {web: {image: nginx, env_file: a.env}}", Map.of("a.env", "A=1\nB C=2\n")))
            .containsExactly(new ValidationError("services.web.env_file",
                "env file 'a.env', line 2: variable name 'B C' contains whitespace"));
        assertThat(errors("services: {web: {image: nginx, env_file: a.env}}", Map.of("a.env", "A=1\n\nB=\"open\n")))
            .singleElement().satisfies(e -> assertThat(e.message()).startsWith("env file 'a.env', line 3: the quoted value"));
        assertThat(errors("services: {web: {image: nginx, env_file: a.env}}", Map.of("a.env", "A$=1")))
            .singleElement().satisfies(e -> assertThat(e.message()).contains("line 1: unexpected character '$'"));
        assertThat(errors("services: {web: {image: nginx, env_file: a.env}}", Map.of("a.env", "=1")))
            .singleElement().satisfies(e -> assertThat(e.message()).contains("a variable name is missing"));
        assertThat(errors("services: {web: {image: nginx, env_file: a.env}}", Map.of("a.env", "A=${R:?is needed}")))
            .singleElement().satisfies(e -> assertThat(e.message())
                .isEqualTo("env file 'a.env', line 1: required variable R is missing a value: is needed"));
        assertThat(errors("services: {web: {image: nginx, env_file: {0: x}}}", Map.of())).isNotEmpty();
        assertThat(errors("services: {web: {image: nginx, env_file: [{path: r.env, format: raw}]}}",
            Map.of("r.env", "A B=1"))).singleElement().satisfies(e -> assertThat(e.message())
                .isEqualTo("env file 'r.env', line 1: variable 'A B' contains whitespace"));
    }

    @Test
    void theCanonicalFormKeepsTheResolvedEnvironmentAndNoEnvFile() {
        ComposeDefinition d = ComposeLoader.load("services: {web: {image: nginx, env_file: a.env}}", Map.of(),
            DefinitionFiles.sent(Map.of("a.env", "A=$$1")));
        String json = CanonicalJson.toJson(d);
        assertThat(json).contains("\"environment\":{\"A\":\"$$1\"}").doesNotContain("env_file");
        assertThat(CanonicalJson.parse(json)).isEqualTo(d);
    }

    @Test
    void sentFilesAreCheckedAndNormalized() {
        assertThat(DefinitionFiles.checked(Map.of("./a/../b.env", "x", "../up.env", "y")))
            .containsExactly(Map.entry("../up.env", "y"), Map.entry("b.env", "x"));
        InvalidDefinitionException e = catchThrowableOfType(InvalidDefinitionException.class, () -> DefinitionFiles.sent(
            Map.of("/etc/a.env", "", "a/..", "", "x.env", "", "./x.env", "", "big.env",
                "x".repeat(DefinitionFiles.MAX_FILE_CHARS + 1))));
        assertThat(e.errors()).hasSize(4).extracting(ValidationError::path).contains("files[\"/etc/a.env\"]",
            "files[\"a/..\"]", "files[\"big.env\"]");
        assertThat(e.errors()).anySatisfy(x -> assertThat(x.message()).endsWith("are the same file (x.env)"));
        assertThatThrownBy(() -> DefinitionFiles.sent(Map.of("a", "x".repeat(DefinitionFiles.MAX_FILE_CHARS),
            "b", "x".repeat(DefinitionFiles.MAX_FILE_CHARS), "c", "x".repeat(DefinitionFiles.MAX_FILE_CHARS),
            "d", "x".repeat(DefinitionFiles.MAX_FILE_CHARS), "e", "x")))
            .isInstanceOf(InvalidDefinitionException.class).hasMessageContaining("together");
        assertThat(DefinitionFiles.normalize("/a/../../b")).contains("/b");
        assertThat(DefinitionFiles.normalize("..")).isEmpty();
    }

    @Test
    void aDirectoryIsReadRelativeToIt(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("conf"));
        Files.writeString(dir.resolve("conf/a.env"), "A=1\n", StandardCharsets.UTF_8);
        Files.write(dir.resolve("bad.env"), new byte[] {(byte) 0xC3, (byte) 0x28});
        DefinitionFiles files = DefinitionFiles.directory(dir);
        assertThat(ComposeLoader.load("services: {web: {image: nginx, env_file: ./conf/a.env}}", Map.of(), files)
            .services().get("web").process().environment()).isEqualTo(values("A", "1"));
        List<ValidationError> errors = ComposeLoader.validate("services: {web: {image: nginx, env_file: [bad.env, none.env,"
            + " conf]}}", Map.of(), files).errors().stream().map(LocatedError::error).toList();
        assertThat(errors).extracting(ValidationError::message).containsExactly(
            "env file 'bad.env': not UTF-8 text",
            "env file 'none.env' not found: no such file: " + dir.resolve("none.env").toAbsolutePath().normalize(),
            "env file 'conf': is a directory, not a file");
    }
}
