package io.coremonitor.engine.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coremonitor.model.ComposeDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CatalogLoaderTest {

    private static final String MINIMAL = """
        id: echo
        title: Echo
        category: test
        versions:
          - version: "1"
            image: example/echo:1
        compose:
          service:
            image: "${image}"
        """;

    @TempDir
    Path dir;

    @Test
    void theBuiltInComponentsLoad() {
        Catalog catalog = CatalogLoader.builtIn();
        assertThat(catalog.ids()).containsExactly("application", "mariadb", "nginx", "postgresql", "redis", "tomcat", "wildfly");
        Component postgres = catalog.find("postgresql").orElseThrow();
        assertThat(postgres.versions()).extracting(ComponentVersion::version).containsExactly("16", "15");
        assertThat(postgres.version("15").orElseThrow().image()).contains("postgres:15");
        assertThat(postgres.provides(postgres.defaultVersion())).containsExactly(Capability.parse("sql:postgresql@16"));
        assertThat(postgres.parameter("password").orElseThrow().secret()).isTrue();
        Component tomcat = catalog.find("tomcat").orElseThrow();
        assertThat(tomcat.versions()).extracting(v -> v.image().orElseThrow()).containsExactly("tomcat:10.1", "tomcat:10", "tomcat:9");
        assertThat(tomcat.provides(tomcat.version("9").orElseThrow())).contains(Capability.parse("servlet:javax@4"));
        assertThat(catalog.find("wildfly").orElseThrow().defaultVersion().image())
            .contains("quay.io/wildfly/wildfly:39.0.1.Final-jdk17");
        assertThat(catalog.find("nginx").orElseThrow().versions()).extracting(v -> v.image().orElseThrow())
            .containsExactly("nginx:1.27", "nginx:1.22");
        assertThat(catalog.find("mariadb").orElseThrow().versions()).extracting(v -> v.image().orElseThrow())
            .containsExactly("mariadb:11", "mariadb:10.11");
        assertThat(catalog.find("redis").orElseThrow().defaultVersion().image()).contains("redis:7");
        assertThat(catalog.find("application").orElseThrow().compose().into()).contains("container");
    }

    @Test
    void theListOfBuiltInsNamesEveryFileOfTheFolder() throws Exception {
        Path folder = Path.of(getClass().getClassLoader().getResource("catalog/components.list").toURI()).getParent();
        try (Stream<Path> files = Files.list(folder)) {
            List<String> yaml = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList();
            List<String> listed = Files.readAllLines(folder.resolve("components.list")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).sorted().toList();
            assertThat(listed).isEqualTo(yaml);
        }
    }

    static Stream<Arguments> everyBuiltInVersion() {
        List<Arguments> all = new ArrayList<>();
        for (Component c : CatalogLoader.builtIn().components()) {
            for (ComponentVersion v : c.versions()) {
                all.add(Arguments.of(c.id(), v.version()));
            }
        }
        return all.stream();
    }

    /** Every built-in fragment, alone with its defaults and a provider of each mandatory requirement, makes a definition. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyBuiltInVersion")
    void everyBuiltInGeneratesADefinitionTheLoaderAccepts(String id, String version) {
        Catalog catalog = CatalogLoader.builtIn();
        Component component = catalog.find(id).orElseThrow();
        List<ComponentChoice> choices = new ArrayList<>(List.of(ComponentChoice.of(id).version(version)));
        int port = 9000;
        for (Requirement r : component.requires()) {
            if (r.optional()) {
                continue;
            }
            Component provider = catalog.components().stream()
                .filter(c -> c.versions().stream().anyMatch(v -> c.provides(v).stream().anyMatch(r::fits))).findFirst().orElseThrow();
            ComponentVersion fitting = provider.versions().stream()
                .filter(v -> provider.provides(v).stream().anyMatch(r::fits)).findFirst().orElseThrow();
            ComponentChoice choice = ComponentChoice.of(provider.id()).version(fitting.version());
            if (provider.parameter("port").isPresent()) {
                choice = choice.param("port", String.valueOf(port++));
            }
            choices.add(choice);
        }
        RulesResult result = RulesEngine.evaluate(catalog, new WizardChoices("solo", choices),
            Environment.of(ValueGenerator.seeded(1)));
        assertThat(result.errors()).isEmpty();
        ComposeDefinition definition = CatalogFixtures.loads(result.compose().orElseThrow());
        assertThat(definition.services()).isNotEmpty();
        for (SecretValue s : result.secrets()) {
            assertThat(result.compose().orElseThrow()).contains(s.name()).doesNotContain(s.value());
        }
    }

    @Test
    void userComponentsAreAddedAndReplaceBuiltInsOfTheSameId() throws IOException {
        Files.writeString(dir.resolve("echo.yaml"), MINIMAL);
        Files.writeString(dir.resolve("redis.yml"), MINIMAL.replace("id: echo", "id: redis").replace("Echo", "My Redis"));
        Files.writeString(dir.resolve("notes.txt"), "not a component");
        Catalog catalog = CatalogLoader.load(Optional.of(dir));
        assertThat(catalog.ids()).contains("echo", "redis", "postgresql");
        assertThat(catalog.find("redis").orElseThrow().title()).isEqualTo("My Redis");
        assertThat(catalog.find("echo").orElseThrow().source()).endsWith("echo.yaml");
    }

    @Test
    void theTestComponentsLoad() {
        assertThat(CatalogFixtures.withTestComponents().ids()).contains("mailer", "reporting", "ping", "pong", "tomcat");
    }

    static Stream<Arguments> brokenFiles() {
        return Stream.of(
            Arguments.of("unknown field", MINIMAL.replace("category: test", "category: test\ncolour: red"), "colour",
                "unknown field"),
            Arguments.of("missing title", MINIMAL.replace("title: Echo\n", ""), "title", "missing"),
            Arguments.of("bad id", MINIMAL.replace("id: echo", "id: Echo!"), "id", "is not an id"),
            Arguments.of("no versions", MINIMAL.replaceAll("(?s)versions:.*?compose:", "compose:"), "versions",
                "at least one version"),
            Arguments.of("unquoted decimal version", MINIMAL.replace("\"1\"", "10.10"), "versions[0].version", "as a string in quotes"),
            Arguments.of("no image", MINIMAL.replace("    image: example/echo:1\n", ""), "versions[0].image", "missing"),
            Arguments.of("bad type", MINIMAL + "parameters:\n  - name: n\n    type: float\n", "parameters[0].type",
                "'float' is not a type"),
            Arguments.of("bad pattern", MINIMAL + "parameters:\n  - name: n\n    type: string\n    pattern: '[a-'\n",
                "parameters[0].pattern", "not a regular expression"),
            Arguments.of("default out of type", MINIMAL + "parameters:\n  - name: n\n    type: port\n    default: '99999'\n",
                "parameters[0].default", "is not a port"),
            Arguments.of("secret default", MINIMAL + "parameters:\n  - name: pw\n    type: password\n    secret: true\n"
                + "    default: hunter2\n", "parameters[0].default", "a secret has no default"),
            Arguments.of("bad generate", MINIMAL + "parameters:\n  - name: pw\n    type: password\n    generate: hex\n",
                "parameters[0].generate", "is not password or hex:N"),
            Arguments.of("bad capability", MINIMAL + "provides: ['SQL']\n", "provides[0]", "invalid capability name"),
            Arguments.of("bad range", MINIMAL + "requires:\n  - key: db\n    capability: sql\n    versions: '>>1'\n",
                "requires[0].versions", "invalid version range"),
            Arguments.of("unknown placeholder", MINIMAL.replace("\"${image}\"", "\"${imag}\""), "compose.service.image",
                "unknown placeholder ${imag}"),
            Arguments.of("unknown parameter", MINIMAL.replace("\"${image}\"", "\"${param.tag}\""), "compose.service.image",
                "no parameter tag"),
            Arguments.of("secret value written", MINIMAL.replace("\"${image}\"", "\"${param.pw}\"")
                + "parameters:\n  - name: pw\n    type: password\n    secret: true\n", "compose.service.image",
                "would write a secret's value: use ${secret.pw}"),
            Arguments.of("optional wiring outside its when", MINIMAL.replace("\"${image}\"", "\"${wired.db.service}\"")
                + "requires:\n  - key: db\n    capability: sql\n    optional: true\n", "compose.service.image",
                "requirement db is optional; use it only in compose.when.db"),
            Arguments.of("when of an unknown requirement", MINIMAL + "  when:\n    db:\n      service: {}\n", "compose.when.db",
                "is not the key of an optional requirement"),
            Arguments.of("not YAML", "id: [", "", "not valid YAML"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenFiles")
    void aBrokenUserFileIsAnErrorNamingTheFileAndTheField(String why, String text, String field, String problem)
            throws IOException {
        Path file = dir.resolve("broken.yaml");
        Files.writeString(file, text);
        assertThatThrownBy(() -> CatalogLoader.load(Optional.of(dir)))
            .isInstanceOfSatisfying(InvalidCatalogException.class, e -> {
                assertThat(e.source()).isEqualTo(file.toString());
                assertThat(e.field()).isEqualTo(field);
                assertThat(e.getMessage()).startsWith(file + ": ").contains(problem);
            });
    }

    @Test
    void twoUserFilesWithOneIdAreAnError() throws IOException {
        Files.writeString(dir.resolve("a.yaml"), MINIMAL);
        Files.writeString(dir.resolve("b.yaml"), MINIMAL);
        assertThatThrownBy(() -> CatalogLoader.load(Optional.of(dir))).isInstanceOf(InvalidCatalogException.class)
            .hasMessageContaining("b.yaml: id: 'echo' is also the id of " + dir.resolve("a.yaml"));
    }

    @Test
    void aMissingDirectoryIsAnError() {
        Path missing = dir.resolve("nope");
        assertThatThrownBy(() -> CatalogLoader.load(Optional.of(missing))).isInstanceOf(InvalidCatalogException.class)
            .hasMessageContaining("not a directory");
    }
}
