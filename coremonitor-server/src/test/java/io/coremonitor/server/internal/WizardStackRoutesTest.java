package io.coremonitor.server.internal;

import static io.coremonitor.server.internal.ApiRoutesTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * POST /wizard/stacks, GET and POST /stacks/{id}/wizard, in-process: the stack, its secrets (by name, never by value),
 * v1 and the recorded choices; refusals (422 at the choices' paths, 409 for a taken name or secret, 503 for an apply
 * without Docker) that leave nothing behind, the undo when a secret cannot be stored, and the next version keeping the
 * stack's secrets. Docker is configured at a socket that does not exist.
 */
class WizardStackRoutesTest extends InProcessApiTest {

    private static final String PASSWORD = "Given-Wizard-Password-8231";

    @Override
    TestApi newApi() {
        return TestApi.withUnreachableDocker(dir);
    }

    private static Map<String, Object> body(String name, List<?> components, Map<String, Object> more) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("name", name);
        b.put("components", components);
        b.putAll(more);
        return b;
    }

    private static List<Object> shop(Object... more) {
        List<Object> components = new ArrayList<>(List.of(
                Map.of("component", "tomcat", "version", "10", "parameters", Map.of("port", "8090")),
                Map.of("name", "app", "component", "application"),
                Map.of("name", "db", "component", "postgresql", "version", "15", "parameters", Map.of("password", PASSWORD))));
        components.addAll(List.of(more));
        return components;
    }

    private static List<String> paths(JsonNode problem) {
        List<String> paths = new ArrayList<>();
        problem.path("errors").forEach(e -> paths.add(e.path("path").asText()));
        return paths;
    }

    private void assertNothingMade(String name) {
        assertThat(c.get("/stacks?name=" + name + "&include_deleted=true").json().path("items").size()).isZero();
        assertThat(c.get("/secrets").json().path("items").size()).isZero();
    }

    private JsonNode created(String name, List<?> components) {
        ApiClient.Answer a = c.post("/wizard/stacks", ApiClient.json(body(name, components, Map.of())));
        assertThat(a.status()).as(a.text()).isEqualTo(201);
        return a.json();
    }

    @Test
    void theChoicesMakeAStackWithItsSecretsAndV1AndAreRecorded() {
        ApiClient.Answer a = c.post("/wizard/stacks", ApiClient.json(body("shop", shop(Map.of("component", "redis")),
                Map.of("author", "alice", "comment", "first shop"))));
        assertThat(a.status()).as(a.text()).isEqualTo(201);
        schemas.assertAnswer("post", "/wizard/stacks", a);
        assertThat(a.text()).doesNotContain(PASSWORD);
        JsonNode made = a.json();
        String id = made.path("stack").path("stack_id").asText();
        assertThat(a.header("Location")).contains("/api/v1/stacks/" + id);
        assertThat(made.path("version").asText()).isEqualTo("v1");
        assertThat(made.path("command").isNull()).isTrue();
        assertThat(made.path("stack")).isEqualTo(c.get("/stacks/" + id).json());
        assertThat(made.path("stack").path("latest_version").asText()).isEqualTo("v1");
        assertThat(made.path("secrets").toString())
                .isEqualTo("[{\"name\":\"shop-db-password\",\"generated\":false,\"stored\":true}]");

        JsonNode secret = c.get("/secrets/shop-db-password").json();
        assertThat(secret.path("stack").asText()).isEqualTo(id);
        assertThat(c.post("/secrets/shop-db-password/reveal", "").json().path("value").asText()).isEqualTo(PASSWORD);

        ApiClient.Answer v1 = c.get("/stacks/" + id + "/versions/v1");
        assertThat(v1.json().path("metadata").path("created_by").asText()).isEqualTo("alice");
        assertThat(v1.json().path("metadata").path("comment").asText()).isEqualTo("first shop");
        assertThat(v1.json().path("compose").path("services").has("redis")).isTrue();
        assertThat(v1.text()).contains("shop-db-password").doesNotContain(PASSWORD);

        ApiClient.Answer choices = c.get("/stacks/" + id + "/wizard");
        assertThat(choices.status()).as(choices.text()).isEqualTo(200);
        schemas.assertAnswer("get", "/stacks/{id}/wizard", choices);
        assertThat(choices.text()).doesNotContain(PASSWORD);
        assertThat(choices.json().toString()).isEqualTo("{\"name\":\"shop\",\"components\":["
                + "{\"component\":\"tomcat\",\"version\":\"10\",\"parameters\":{\"port\":\"8090\"}},"
                + "{\"name\":\"app\",\"component\":\"application\"},"
                + "{\"name\":\"db\",\"component\":\"postgresql\",\"version\":\"15\"},"
                + "{\"component\":\"redis\"}]}");
    }

    @Test
    void aGeneratedSecretIsStoredAndOnlyItsNameIsAnswered() {
        JsonNode made = created("gen", List.of(Map.of("name", "db", "component", "postgresql", "version", "15")));
        assertThat(made.path("secrets").toString())
                .isEqualTo("[{\"name\":\"gen-db-password\",\"generated\":true,\"stored\":true}]");
        String value = c.post("/secrets/gen-db-password/reveal", "").json().path("value").asText();
        assertThat(value).hasSize(24);
        assertThat(made.toString()).doesNotContain(value);
    }

    @Test
    void invalidChoicesAreA422AtTheirPathsWithTheirFixAndMakeNothing() {
        ApiClient.Answer a = c.post("/wizard/stacks", ApiClient.json(body("shop", List.of(
                Map.of("component", "application"), Map.of("component", "tomcat", "version", "9"),
                Map.of("component", "nginx", "parameters", Map.of("port", "8081"))), Map.of())));
        assertProblem(a, 422, "components[1].version");
        assertThat(paths(a.json())).contains("components[2].parameters.port");
        JsonNode version = a.json().path("errors").get(paths(a.json()).indexOf("components[1].version"));
        assertThat(version.path("fix").asText()).isEqualTo("choose Tomcat 10.1 or WildFly 39");
        assertThat(version.path("suggestions").toString()).contains("Tomcat 10.1");
        assertNothingMade("shop");
    }

    @Test
    void aTakenStackNameIsA409() {
        created("shop", shop());
        ApiClient.Answer again = c.post("/wizard/stacks", ApiClient.json(body("shop", List.of(Map.of("component", "redis")),
                Map.of())));
        assertProblem(again, 409, null);
        assertThat(again.json().path("detail").asText()).contains("'shop'");
    }

    @Test
    void aSecretNameTakenByAGlobalSecretIsA409NamingItAndNothingIsMade() {
        assertThat(c.post("/secrets", "{\"name\":\"shop-db-password\",\"value\":\"left over\"}").status()).isEqualTo(201);
        ApiClient.Answer a = c.post("/wizard/stacks", ApiClient.json(body("shop", shop(), Map.of())));
        assertProblem(a, 409, "components[2].parameters.password");
        assertThat(a.json().path("detail").asText()).contains("'shop-db-password'").contains("global");
        assertThat(a.json().path("errors").get(0).path("fix").asText()).contains("DELETE /secrets/shop-db-password");
        assertThat(c.get("/stacks?name=shop").json().path("items").size()).isZero();
        assertThat(c.get("/secrets").json().path("items").size()).isEqualTo(1);
    }

    @Test
    void aSecretThatCannotBeStoredUndoesTheStackAndTheSecretsStoredBeforeIt() {
        // the secrets are stored by name: shop-db-password, then shop-db-root-password (over 64 KiB: refused)
        ApiClient.Answer a = c.post("/wizard/stacks", ApiClient.json(body("shop", List.of(Map.of("name", "db", "component",
                "mariadb", "version", "10.11", "parameters", Map.of("rootPassword", "x".repeat(70_000)))), Map.of())));
        assertProblem(a, 422, "components[0].parameters.rootPassword");
        assertThat(a.json().path("detail").asText()).contains("more than 65536");
        assertNothingMade("shop");
    }

    @Test
    void applyWithoutDockerIsA503AndMakesNothing() {
        ApiClient.Answer a = c.post("/wizard/stacks", ApiClient.json(body("shop", shop(), Map.of("apply", true))));
        assertProblem(a, 503, null);
        assertNothingMade("shop");
    }

    @Test
    void aMalformedBodyIsA400() {
        assertProblem(c.post("/wizard/stacks", "{\"name\":\"s\",\"components\":[],\"colour\":1}"), 400, "colour");
        assertProblem(c.post("/wizard/stacks", "{\"name\":\"s\",\"components\":[],\"apply\":\"yes\"}"), 400, "apply");
        assertProblem(c.post("/wizard/stacks", "{\"name\":\"s\",\"components\":[{\"component\":\"redis\",\"x\":1}]}"), 400,
                "components[0].x");
        assertProblem(c.post("/stacks/nope/wizard", "{\"name\":\"s\",\"components\":[],\"colour\":1}"), 400, "colour");
    }

    @Test
    void theNextVersionAddsAComponentAndKeepsTheStacksSecrets() {
        String id = created("shop", shop()).path("stack").path("stack_id").asText();
        JsonNode choices = c.get("/stacks/" + id + "/wizard").json();
        List<Object> components = new ArrayList<>();
        choices.path("components").forEach(components::add);
        components.add(Map.of("component", "redis"));

        ApiClient.Answer next = c.post("/stacks/" + id + "/wizard", ApiClient.json(body("shop", components,
                Map.of("author", "bob"))));
        assertThat(next.status()).as(next.text()).isEqualTo(201);
        schemas.assertAnswer("post", "/stacks/{id}/wizard", next);
        assertThat(next.header("Location")).contains("/api/v1/stacks/" + id + "/versions/v2");
        assertThat(next.json().path("version").asText()).isEqualTo("v2");
        assertThat(next.json().path("stack").path("latest_version").asText()).isEqualTo("v2");
        assertThat(next.json().path("secrets").toString())
                .isEqualTo("[{\"name\":\"shop-db-password\",\"generated\":false,\"stored\":false}]");
        assertThat(c.post("/secrets/shop-db-password/reveal", "").json().path("value").asText()).isEqualTo(PASSWORD);
        JsonNode v2 = c.get("/stacks/" + id + "/versions/v2").json();
        assertThat(v2.path("parent_version").asText()).isEqualTo("v1");
        assertThat(v2.path("compose").path("services").has("redis")).isTrue();
        assertThat(c.get("/stacks/" + id + "/wizard").json().path("components").size()).isEqualTo(4);

        ApiClient.Answer same = c.post("/stacks/" + id + "/wizard", ApiClient.json(body("shop", components, Map.of())));
        assertThat(same.status()).as(same.text()).isEqualTo(200);
        assertThat(same.json().path("version").asText()).isEqualTo("v2");

        List<Object> withPassword = new ArrayList<>(components);
        withPassword.set(2, Map.of("name", "db", "component", "postgresql", "version", "15", "parameters",
                Map.of("password", PASSWORD)));
        assertThat(c.post("/stacks/" + id + "/wizard", ApiClient.json(body("shop", withPassword, Map.of()))).status())
                .as("the stored value, given again").isEqualTo(200);
    }

    @Test
    void theNextVersionKeepsTheNameAndTheStoredSecretValues() {
        String id = created("shop", shop()).path("stack").path("stack_id").asText();
        ApiClient.Answer renamed = c.post("/stacks/" + id + "/wizard", ApiClient.json(body("shop2", shop(), Map.of())));
        assertProblem(renamed, 422, "name");
        assertThat(renamed.json().path("errors").get(0).path("fix").asText()).isEqualTo("name it 'shop'");

        List<Object> otherPassword = shop();
        otherPassword.set(2, Map.of("name", "db", "component", "postgresql", "version", "15", "parameters",
                Map.of("password", "another one")));
        ApiClient.Answer changed = c.post("/stacks/" + id + "/wizard", ApiClient.json(body("shop", otherPassword, Map.of())));
        assertProblem(changed, 422, "components[2].parameters.password");
        assertThat(changed.text()).doesNotContain(PASSWORD).doesNotContain("another one");
        assertThat(c.get("/stacks/" + id).json().path("latest_version").asText()).isEqualTo("v1");
    }

    @Test
    void aStackTheWizardDidNotMakeHasNoChoices() {
        ApiClient.Answer s = c.post("/stacks", "{\"name\":\"hand\",\"compose\":\"services:\\n  web:\\n    image: redis:7\\n\"}");
        String id = s.json().path("stack_id").asText();
        assertProblem(c.get("/stacks/" + id + "/wizard"), 404, null);
        assertProblem(c.post("/stacks/" + id + "/wizard", ApiClient.json(body("hand", List.of(Map.of("component", "redis")),
                Map.of()))), 404, null);
        assertProblem(c.get("/stacks/nope/wizard"), 404, null);
    }
}
