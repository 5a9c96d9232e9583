package io.coremonitor.server.internal;

import static io.coremonitor.server.internal.ApiRoutesTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coremonitor.docker.DockerSettings;
import io.coremonitor.engine.ArtifactSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * POST /wizard/validate and POST /wizard/preview: the rules' answers at their paths, the generated definition, secrets
 * by name only, the plan of the new stack, host ports taken by other stacks and by the host, malformed bodies.
 * Docker is configured at a socket that does not exist: the plan of a new stack asks it nothing.
 */
class WizardRoutesTest extends InProcessApiTest {

    /** A password given in the choices: it must never be in an answer. */
    static final String PASSWORD = "Fixed-Secret-Value-4711";

    @Override
    TestApi newApi() {
        return TestApi.withUnreachableDocker(dir);
    }

    /** A server whose host listens on 8081 (and nothing else). */
    private TestApi api(Optional<DockerSettings> docker) {
        return new TestApi(dir, Optional.empty(), Optional.empty(), docker, ArtifactSettings.DEFAULT_MAX_SIZE,
                CatalogHolder.load(Optional.empty()), () -> Set.of(8081));
    }

    private static String choices(String name, Object... components) {
        return ApiClient.json(Map.of("name", name, "components", List.of(components)));
    }

    private static List<String> paths(JsonNode messages) {
        List<String> paths = new ArrayList<>();
        messages.forEach(m -> paths.add(m.path("path").asText()));
        return paths;
    }

    private static JsonNode at(JsonNode messages, String path) {
        for (JsonNode m : messages) {
            if (m.path("path").asText().equals(path)) {
                return m;
            }
        }
        throw new AssertionError("no message at " + path + " in " + messages);
    }

    @Test
    void validChoicesAreValidWithTheirWiring() {
        ApiClient.Answer nginx = c.post("/wizard/validate", choices("site", Map.of("component", "nginx")));
        assertThat(nginx.status()).as(nginx.text()).isEqualTo(200);
        schemas.assertAnswer("post", "/wizard/validate", nginx);
        assertThat(nginx.json().path("valid").asBoolean()).isTrue();
        assertThat(nginx.json().path("errors").size()).isZero();
        assertThat(nginx.json().path("wiring").size()).isZero();

        ApiClient.Answer shop = c.post("/wizard/validate", choices("shop", Map.of("component", "tomcat", "version", "10.1"),
                Map.of("name", "app", "component", "application")));
        assertThat(shop.json().path("valid").asBoolean()).as(shop.text()).isTrue();
        assertThat(shop.json().path("wiring").toString())
                .isEqualTo("[{\"instance\":\"app\",\"key\":\"container\",\"provider\":\"tomcat\",\"automatic\":true}]");
        schemas.assertAnswer("post", "/wizard/validate", shop);
    }

    @Test
    void invalidChoicesAreA200WithEveryErrorAtItsPathWithItsFix() {
        ApiClient.Answer a = c.post("/wizard/validate", choices("Bad Name!",
                Map.of("component", "postgres"),
                Map.of("component", "nginx", "parameters", Map.of("port", "70000", "colour", "red")),
                Map.of("component", "tomcat", "version", "9"),
                Map.of("name", "app", "component", "application", "wiring", Map.of("container", "tomcat"))));
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        schemas.assertAnswer("post", "/wizard/validate", a);
        JsonNode errors = a.json().path("errors");
        assertThat(a.json().path("valid").asBoolean()).isFalse();
        assertThat(paths(errors)).contains("name", "components[0].component", "components[1].parameters.port",
                "components[1].parameters.colour", "components[3].wiring.container");
        assertThat(at(errors, "name").path("fix").asText()).isEqualTo("name the stack with lower-case letters, digits, '-' and '_'");
        JsonNode unknown = at(errors, "components[0].component");
        assertThat(unknown.path("message").asText()).isEqualTo("there is no component 'postgres' in the catalog");
        assertThat(unknown.path("fix").asText()).startsWith("choose one of: ").contains("postgresql");
        assertThat(at(errors, "components[1].parameters.port").path("fix").asText()).isEqualTo("give a port from 1 to 65535");
        assertThat(at(errors, "components[1].parameters.colour").path("message").asText()).contains("no parameter 'colour'");
        JsonNode container = at(errors, "components[3].wiring.container");
        assertThat(container.path("message").asText()).contains("Tomcat 9").contains("servlet:jakarta@>=10");
        assertThat(container.path("fix").asText()).isNotBlank();
    }

    @Test
    void aMalformedBodyIsA400WithThePathOfEachMistake() {
        assertProblem(c.post("/wizard/validate", "{not json"), 400, "$");
        assertProblem(c.post("/wizard/validate", "[]"), 400, "$");
        assertProblem(c.post("/wizard/validate", "{\"name\":\"s\",\"components\":[],\"colour\":1}"), 400, "colour");
        assertProblem(c.post("/wizard/validate", "{\"components\":[]}"), 400, "name");
        assertProblem(c.post("/wizard/validate", "{\"name\":\"s\"}"), 400, "components");
        assertProblem(c.post("/wizard/validate", "{\"name\":\"s\",\"components\":{}}"), 400, "components");
        assertProblem(c.post("/wizard/preview", "{\"name\":\"s\",\"components\":[\"nginx\"]}"), 400, "components[0]");
        assertProblem(c.post("/wizard/preview", "{\"name\":\"s\",\"components\":[{\"component\":\"nginx\",\"colour\":1}]}"), 400,
                "components[0].colour");
        assertProblem(c.post("/wizard/preview", "{\"name\":\"s\",\"components\":[{\"version\":\"1.27\"}]}"), 400,
                "components[0].component");
        assertProblem(c.post("/wizard/preview", "{\"name\":\"s\",\"components\":[{\"component\":7}]}"), 400,
                "components[0].component");
        assertProblem(c.post("/wizard/preview", "{\"name\":\"s\",\"components\":[{\"component\":\"nginx\",\"parameters\":"
                + "{\"port\":{\"n\":1}}}]}"), 400, "components[0].parameters.port");
        assertProblem(c.post("/wizard/preview", "{\"name\":\"s\",\"components\":[{\"component\":\"nginx\"},{\"component\":"
                + "\"application\",\"wiring\":{\"container\":1}}]}"), 400, "components[1].wiring.container");
        ApiClient.Answer typed = c.post("/wizard/preview", "{\"name\":\"s\",\"components\":[{\"component\":\"nginx\","
                + "\"parameters\":{\"port\":9090}}]}");
        assertThat(typed.status()).as("a number is taken as its text").isEqualTo(200);
        assertThat(typed.json().path("compose").asText()).contains("9090:80");
        schemas.assertAnswer("post", "/wizard/preview", c.post("/wizard/preview", "{\"name\":\"s\"}"));
    }

    @Test
    void thePreviewOfAStackWithoutSecretsIsItsDefinitionAndThePlanOfItsCreation() {
        ApiClient.Answer a = c.post("/wizard/preview", choices("site", Map.of("component", "nginx")));
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        schemas.assertAnswer("post", "/wizard/preview", a);
        JsonNode p = a.json();
        assertThat(p.path("valid").asBoolean()).isTrue();
        assertThat(p.path("warnings").size()).as(a.text()).isZero();
        assertThat(p.path("compose").asText()).startsWith("name: site\n").contains("image: nginx:1.27").contains("8080:80");
        assertThat(p.path("secrets").size()).isZero();
        JsonNode plan = p.path("plan");
        assertThat(plan.path("stack_name").asText()).isEqualTo("site");
        assertThat(plan.path("version").asText()).isEqualTo("v1");
        assertThat(plan.path("summary").path("create_network").asInt()).isEqualTo(1);
        assertThat(plan.path("summary").path("create").asInt()).isEqualTo(1);
        assertThat(plan.path("actions").get(1).path("name").asText()).isEqualTo("site-nginx-1");
        assertThat(plan.path("actions").get(1).path("reasons").get(0).asText()).isEqualTo("no container for service 'nginx'");

        ApiClient.Answer shop = c.post("/wizard/preview", choices("shop", Map.of("component", "tomcat", "version", "10.1",
                "parameters", Map.of("port", "8090")), Map.of("name", "app", "component", "application")));
        assertThat(shop.json().path("compose").asText()).contains("image: tomcat:10.1").contains("x-coremonitor-deploy")
                .contains("8090:8080");
        assertThat(shop.json().path("plan").path("summary").path("create").asInt()).as(shop.text()).isEqualTo(1);
        assertThat(c.get("/stacks").json().path("items").size()).as("a preview stores nothing").isZero();
    }

    @Test
    void invalidChoicesPreviewNoDefinitionAndNoPlan() {
        ApiClient.Answer a = c.post("/wizard/preview", choices("site", Map.of("component", "nginx", "version", "0.1")));
        assertThat(a.status()).isEqualTo(200);
        schemas.assertAnswer("post", "/wizard/preview", a);
        assertThat(a.json().path("valid").asBoolean()).isFalse();
        assertThat(paths(a.json().path("errors"))).containsExactly("components[0].version");
        assertThat(a.json().path("compose").isNull()).isTrue();
        assertThat(a.json().path("plan").isNull()).isTrue();
        assertThat(a.json().path("secrets").size()).isZero();
    }

    @Test
    void secretsAreListedByNameNeverByValueAndThePreviewPlansTheStack() {
        ApiClient.Answer a = c.post("/wizard/preview", choices("shop",
                Map.of("component", "tomcat", "parameters", Map.of("port", "8090")),
                Map.of("name", "app", "component", "application"),
                Map.of("name", "db", "component", "postgresql", "parameters", Map.of("password", PASSWORD)),
                Map.of("name", "db2", "component", "mariadb")));
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        schemas.assertAnswer("post", "/wizard/preview", a);
        assertThat(a.text()).doesNotContain(PASSWORD);
        JsonNode p = a.json();
        assertThat(p.path("valid").asBoolean()).as(a.text()).isTrue();
        assertThat(p.path("secrets").toString()).contains("{\"name\":\"shop-db-password\",\"generated\":false}")
                .contains("\"generated\":true");
        p.path("secrets").forEach(s -> assertThat(s.fieldNames()).toIterable().containsExactly("name", "generated"));
        assertThat(p.path("compose").asText()).contains("shop-db-password").contains("external: true");
        assertThat(paths(p.path("warnings"))).as("the loader accepts compose secrets").noneMatch(w -> w.startsWith("compose"));
        assertThat(p.path("plan").path("summary").path("create").asInt()).as(a.text()).isEqualTo(3);

        ApiClient.Answer validated = c.post("/wizard/validate", choices("shop",
                Map.of("name", "db", "component", "postgresql", "parameters", Map.of("password", PASSWORD))));
        assertThat(validated.json().path("valid").asBoolean()).isTrue();
        assertThat(validated.text()).doesNotContain(PASSWORD);
    }

    @Test
    void theNameOfALiveStackIsAnErrorAtName() {
        String id = c.post("/stacks", ApiClient.json(Map.of("name", "taken", "compose",
                "services:\n  web:\n    image: nginx:1.27\n"))).json().path("stack_id").asText();
        ApiClient.Answer a = c.post("/wizard/validate", choices("taken", Map.of("component", "nginx")));
        assertThat(a.json().path("valid").asBoolean()).as(a.text()).isFalse();
        schemas.assertAnswer("post", "/wizard/validate", a);
        JsonNode name = at(a.json().path("errors"), "name");
        assertThat(name.path("message").asText()).isEqualTo("a stack named 'taken' exists already (" + id + ")");
        assertThat(name.path("fix").asText()).isEqualTo("choose another name, or delete that stack first");
        ApiClient.Answer preview = c.post("/wizard/preview", choices("taken", Map.of("component", "nginx")));
        assertThat(preview.json().path("valid").asBoolean()).isFalse();
        assertThat(paths(preview.json().path("errors"))).containsExactly("name");
        assertThat(preview.json().path("plan").isNull() || preview.json().path("plan").isMissingNode()).as(preview.text()).isTrue();
        schemas.assertAnswer("post", "/wizard/preview", preview);

        t.engine.store().stacks().markDeleted(id);
        assertThat(c.post("/wizard/validate", choices("taken", Map.of("component", "nginx"))).json().path("valid").asBoolean())
                .as("a deleted stack's name is free again").isTrue();
    }

    @Test
    void aHostPortPublishedByAnotherStacksCurrentVersionOrUsedOnTheHostIsAnErrorAtItsPath() {
        String blog = c.post("/stacks", ApiClient.json(Map.of("name", "blog", "compose",
                "services:\n  web:\n    image: nginx:1.27\n    ports: ['8080:80', '9000-9001:81']\n"))).json().path("stack_id").asText();
        c.post("/stacks", ApiClient.json(Map.of("name", "draft", "compose", "services:\n  web:\n    image: nginx:1.27\n"
                + "    ports: ['8082:80']\n")));
        ApiClient.Answer before = c.post("/wizard/validate", choices("site", Map.of("component", "nginx")));
        assertThat(before.json().path("valid").asBoolean()).as("blog has no current version yet").isTrue();

        t.engine.store().stacks().setCurrentVersion(blog, "v1");
        ApiClient.Answer taken = c.post("/wizard/validate", choices("site", Map.of("component", "nginx"),
                Map.of("component", "tomcat", "parameters", Map.of("port", "9001")),
                Map.of("name", "other", "component", "nginx", "parameters", Map.of("port", "8081")),
                Map.of("name", "draft-port", "component", "nginx", "parameters", Map.of("port", "8082"))));
        JsonNode errors = taken.json().path("errors");
        assertThat(paths(errors)).as(taken.text()).containsExactly("components[0].parameters.port",
                "components[1].parameters.port", "components[2].parameters.port");
        assertThat(errors.get(0).path("message").asText()).contains("8080").contains("stack 'blog'");
        assertThat(errors.get(0).path("fix").asText()).startsWith("use another port");
        assertThat(errors.get(1).path("message").asText()).contains("9001").contains("stack 'blog'");
        assertThat(errors.get(2).path("message").asText()).contains("8081").contains("a process on the host");

        t.engine.store().stacks().markDeleted(blog);
        assertThat(c.post("/wizard/validate", choices("site", Map.of("component", "nginx"))).json().path("valid").asBoolean())
                .as("a deleted stack publishes nothing").isTrue();
    }

    @Test
    void mangledBodiesAreA200OrA400WithAPathNeverA500() {
        java.util.Random random = new java.util.Random(14);
        Object[] junk = {null, 7, -1.5, true, "", "x", List.of(), List.of(1), Map.of(), Map.of("k", List.of())};
        String[] fields = {"name", "components", "component", "version", "parameters", "image", "wiring", "colour"};
        for (int i = 0; i < 80; i++) {
            Map<String, Object> item = new java.util.HashMap<>(Map.of("component", "postgresql", "parameters",
                    Map.of("password", PASSWORD)));
            Map<String, Object> body = new java.util.HashMap<>(Map.of("name", "shop", "components",
                    List.of(Map.of("component", "tomcat"), item)));
            Map<String, Object> target = random.nextBoolean() ? body : item;
            target.put(fields[random.nextInt(fields.length)], junk[random.nextInt(junk.length)]);
            String text = ApiClient.json(body);
            ApiClient.Answer a = c.post(random.nextBoolean() ? "/wizard/preview" : "/wizard/validate", text);
            assertThat(a.status()).as(text + " -> " + a.text()).isIn(200, 400);
            assertThat(a.text()).as(text).doesNotContain(PASSWORD);
            if (a.status() == 400) {
                assertThat(paths(a.json().path("errors"))).as(a.text()).isNotEmpty().allMatch(p -> !p.isEmpty());
            }
        }
    }

    @Test
    void withoutDockerThePreviewHasNoPlanAndSaysWhy() {
        t.close();
        t = api(Optional.empty());
        ApiClient.Answer a = t.client.post("/wizard/preview", choices("site", Map.of("component", "nginx")));
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().path("compose").asText()).contains("nginx:1.27");
        assertThat(a.json().path("plan").isNull()).isTrue();
        assertThat(at(a.json().path("warnings"), "plan").path("message").asText()).contains("Docker is not configured");
    }
}
