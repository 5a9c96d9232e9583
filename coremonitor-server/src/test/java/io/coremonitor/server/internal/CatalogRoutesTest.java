package io.coremonitor.server.internal;

import static io.coremonitor.server.internal.ApiRoutesTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coremonitor.engine.ArtifactSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GET /catalog, GET /catalog/{id} and POST /catalog/reload, on the built-in components and a catalog directory. */
class CatalogRoutesTest {

    static final String ECHO = """
        id: echo
        title: Echo
        description: answers what it hears
        category: test
        versions:
          - version: "2"
            image: example/echo:2
          - version: "1"
            image: example/echo:1
        compose:
          service:
            image: "${image}"
        """;

    @TempDir
    Path dir;
    Path catalogDir;
    TestApi t;
    ApiClient c;
    SchemaCheck schemas;

    @BeforeEach
    void start() throws IOException {
        catalogDir = Files.createDirectories(dir.resolve("catalog"));
        Files.writeString(catalogDir.resolve("echo.yaml"), ECHO);
        t = new TestApi(dir, Optional.empty(), Optional.empty(), Optional.empty(), ArtifactSettings.DEFAULT_MAX_SIZE,
                CatalogHolder.load(Optional.of(catalogDir)), HostPorts.unknown());
        c = t.client;
        schemas = new SchemaCheck(c);
    }

    @AfterEach
    void stop() {
        t.close();
    }

    private List<String> ids() {
        List<String> ids = new ArrayList<>();
        c.get("/catalog").json().path("items").forEach(i -> ids.add(i.path("id").asText()));
        return ids;
    }

    @Test
    void theListHoldsTheBuiltInComponentsAndTheDirectorysByIdWithTheirVersions() {
        ApiClient.Answer list = c.get("/catalog");
        assertThat(list.status()).isEqualTo(200);
        schemas.assertAnswer("get", "/catalog", list);
        assertThat(ids()).containsExactly("application", "echo", "mariadb", "nginx", "postgresql", "redis", "tomcat", "wildfly");
        JsonNode tomcat = item(list, "tomcat");
        assertThat(tomcat.path("title").asText()).isEqualTo("Tomcat");
        assertThat(tomcat.path("category").asText()).isNotBlank();
        assertThat(tomcat.path("default_version").asText()).isEqualTo("10.1");
        assertThat(tomcat.path("built_in").asBoolean()).isTrue();
        JsonNode v9 = tomcat.path("versions").get(2);
        assertThat(v9.path("version").asText()).isEqualTo("9");
        assertThat(v9.path("image").asText()).isEqualTo("tomcat:9");
        assertThat(v9.path("provides").toString()).isEqualTo("[\"http\",\"servlet:javax@4\"]");
        assertThat(item(list, "application").path("versions").get(0).path("image").isNull()).isTrue();
        JsonNode echo = item(list, "echo");
        assertThat(echo.path("built_in").asBoolean()).isFalse();
        assertThat(echo.path("default_version").asText()).isEqualTo("2");
        assertThat(echo.path("description").asText()).isEqualTo("answers what it hears");
    }

    private static JsonNode item(ApiClient.Answer list, String id) {
        for (JsonNode i : list.json().path("items")) {
            if (i.path("id").asText().equals(id)) {
                return i;
            }
        }
        throw new AssertionError("no " + id + " in " + list.text());
    }

    @Test
    void aComponentIsWholeButItsComposeFragment() {
        ApiClient.Answer pg = c.get("/catalog/postgresql");
        assertThat(pg.status()).isEqualTo(200);
        schemas.assertAnswer("get", "/catalog/{id}", pg);
        JsonNode p = pg.json();
        assertThat(p.path("versions").get(0).path("provides").toString()).isEqualTo("[\"sql:postgresql@16\"]");
        JsonNode password = parameter(p, "password");
        assertThat(password.path("type").asText()).isEqualTo("password");
        assertThat(password.path("secret").asBoolean()).isTrue();
        assertThat(password.path("required").asBoolean()).isTrue();
        assertThat(password.path("generate").asText()).isEqualTo("password");
        assertThat(password.path("default_value").isNull()).isTrue();
        JsonNode database = parameter(p, "database");
        assertThat(database.path("default_value").asText()).isEqualTo("app");
        assertThat(database.path("pattern").asText()).isEqualTo("[a-z_][a-z0-9_]{0,62}");
        assertThat(database.path("values").isArray()).isTrue();
        assertThat(parameter(p, "port").path("type").asText()).isEqualTo("port");
        assertThat(p.has("compose")).isFalse();
        assertThat(p.has("exports")).isFalse();

        JsonNode app = c.get("/catalog/application").json();
        JsonNode container = app.path("requires").get(0);
        assertThat(container.path("key").asText()).isEqualTo("container");
        assertThat(container.path("capability").asText()).isEqualTo("servlet:jakarta");
        assertThat(container.path("versions").asText()).isEqualTo(">=10");
        assertThat(container.path("optional").asBoolean()).isFalse();
        assertThat(app.path("requires").get(1).path("optional").asBoolean()).isTrue();
        assertThat(app.path("conflicts").isArray()).isTrue();
    }

    private static JsonNode parameter(JsonNode component, String name) {
        for (JsonNode p : component.path("parameters")) {
            if (p.path("name").asText().equals(name)) {
                return p;
            }
        }
        throw new AssertionError("no parameter " + name + " in " + component);
    }

    @Test
    void anUnknownComponentIs404() {
        ApiClient.Answer none = c.get("/catalog/postgres");
        assertProblem(none, 404, null);
        assertThat(none.json().path("detail").asText()).contains("no component 'postgres'").contains("postgresql");
        schemas.assertAnswer("get", "/catalog/{id}", none);
    }

    @Test
    void aReloadReadsTheDirectoryAgainAndABrokenFileKeepsTheCatalogInUse() throws IOException {
        Files.writeString(catalogDir.resolve("mailer.yml"), ECHO.replace("id: echo", "id: mailer").replace("Echo", "Mailer"));
        assertThat(ids()).doesNotContain("mailer");
        ApiClient.Answer reloaded = c.post("/catalog/reload", null);
        assertThat(reloaded.status()).as(reloaded.text()).isEqualTo(200);
        assertThat(reloaded.json().path("components").asInt()).isEqualTo(9);
        schemas.assertAnswer("post", "/catalog/reload", reloaded);
        assertThat(c.get("/catalog/mailer").json().path("title").asText()).isEqualTo("Mailer");

        Path broken = catalogDir.resolve("broken.yaml");
        Files.writeString(broken, ECHO.replace("id: echo", "id: broken")
                + "parameters:\n  - name: n\n    type: string\n    pattern: '[a-'\n");
        Files.delete(catalogDir.resolve("mailer.yml"));
        ApiClient.Answer refused = c.post("/catalog/reload", null);
        assertProblem(refused, 422, "parameters[0].pattern");
        assertThat(refused.json().path("errors").get(0).path("message").asText())
                .startsWith(broken.toString() + ": parameters[0].pattern: not a regular expression");
        assertThat(refused.json().path("detail").asText()).contains("catalog in use stays");
        schemas.assertAnswer("post", "/catalog/reload", refused);
        assertThat(ids()).hasSize(9).contains("mailer").doesNotContain("broken");

        Files.delete(broken);
        assertThat(c.post("/catalog/reload", null).json().path("components").asInt()).isEqualTo(8);
        assertProblem(c.get("/catalog/mailer"), 404, null);
    }

    @Test
    void aBrokenFileStopsTheStart() throws IOException {
        Files.writeString(catalogDir.resolve("broken.yaml"), "id: [");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CatalogHolder.load(Optional.of(catalogDir)))
                .hasMessageStartingWith(catalogDir.resolve("broken.yaml").toAbsolutePath() + ": ")
                .hasMessageContaining("not valid YAML");
    }
}
