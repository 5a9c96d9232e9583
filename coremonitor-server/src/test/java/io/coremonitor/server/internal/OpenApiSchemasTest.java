package io.coremonitor.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.coremonitor.model.Command;
import io.coremonitor.store.ContainerStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bodies of the OpenAPI document: a generated schema for each, and real answers that match them. */
class OpenApiSchemasTest extends InProcessApiTest {

    static final ObjectMapper JSON = new ObjectMapper();


    @Test
    void everyBodyHasAReferencedSchemaAndEveryAnswerAContent() {
        JsonNode doc = schemas.doc();
        assertThat(doc.path("openapi").asText()).isEqualTo("3.1.0");
        JsonNode components = doc.path("components").path("schemas");
        List<String> checked = new ArrayList<>();
        for (Route route : t.api.routes()) {
            String where = route.method() + " " + route.path();
            JsonNode op = doc.path("paths").path(route.fullPath()).path(route.method().name().toLowerCase(Locale.ROOT));
            JsonNode ok = op.path("responses").path(Integer.toString(route.status())).path("content");
            if (route.status() == 204) {
                assertThat(ok.isMissingNode()).as(where + " answers no content").isTrue();
            } else {
                assertThat(ok.size()).as(where + " declares what it answers").isPositive();
            }
            List<JsonNode> bodies = new ArrayList<>();
            ok.fields().forEachRemaining(e -> {
                if (e.getKey().equals("application/json")) {
                    bodies.add(e.getValue());
                }
            });
            assertThat(bodies.isEmpty()).as(where + " answers JSON").isEqualTo(route.response().isEmpty());
            if (route.request().isPresent()) {
                bodies.add(op.path("requestBody").path("content").path("application/json"));
            } else if (!route.consumes().isEmpty()) {
                // a file upload: its media types, with a schema each (not a JSON body)
                JsonNode files = op.path("requestBody").path("content");
                assertThat(files.size()).as(where).isEqualTo(route.consumes().size());
                files.forEach(media -> assertThat(media.path("schema").isObject()).as(where).isTrue());
            } else {
                assertThat(op.has("requestBody")).as(where).isFalse();
            }
            bodies.add(op.path("responses").path("default").path("content").path(Problem.CONTENT_TYPE));
            for (JsonNode body : bodies) {
                String ref = body.path("schema").path("$ref").asText();
                assertThat(ref).as(where).startsWith("#/components/schemas/");
                assertThat(components.has(ref.substring("#/components/schemas/".length()))).as(where + " " + ref).isTrue();
            }
            checked.add(where);
        }
        assertThat(checked).hasSize(t.api.routes().size());
        for (Iterator<Map.Entry<String, JsonNode>> it = components.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> schema = it.next();
            assertThat(schema.getKey()).matches("[A-Za-z0-9._-]+");
            for (JsonNode ref : schema.getValue().findValues("$ref")) {
                assertThat(components.has(ref.asText().substring("#/components/schemas/".length()))).as(ref.asText()).isTrue();
            }
        }
    }

    @Test
    void theSchemasAreTheRecordsInSnakeCaseWithTheirNullsAndRequiredFields() {
        JsonNode components = schemas.doc().path("components").path("schemas");
        JsonNode stack = components.path("StackView");
        assertThat(stack.path("properties").has("current_version")).isTrue();
        assertThat(stack.path("properties").path("current_version").path("type").toString()).isEqualTo("[\"string\",\"null\"]");
        assertThat(stack.path("required").toString()).contains("\"deleted_at\"");
        assertThat(stack.path("additionalProperties").asBoolean(true)).isFalse();
        JsonNode create = components.path("CreateStackRequest");
        // compose or git: the body schema requires only the name (the route answers 400 when both are missing)
        assertThat(create.path("required").toString()).isEqualTo("[\"name\"]");
        assertThat(create.path("properties").has("stack_id")).isTrue();
        assertThat(create.path("properties").path("compose").toString()).contains("\"string\",\"object\"");
        assertThat(create.path("properties").path("git").toString()).contains("GitRequest");
        assertThat(Requests.fieldNames(RequestBodies.CreateStackRequest.class))
                .containsExactly("author", "comment", "compose", "files", "git", "name", "stack_id", "variables");
        JsonNode command = components.path("CommandView");
        assertThat(command.path("properties").path("payload").has("type")).as("payload is any JSON").isFalse();

        JsonNode commandRef = schemas.answerSchema("get", "/commands/{id}", 200);
        schemas.assertInvalid(commandRef, JSON.createObjectNode().put("command_id", 1));
        schemas.assertInvalid(schemas.answerSchema("get", "/stacks/{id}", 200),
                JSON.createObjectNode().put("stack_id", "a").put("name", "b").put("colour", "red"));
    }

    @Test
    void theRouteExamplesMatchTheirRequestSchemas() {
        for (Route route : t.api.routes()) {
            if (route.request().isPresent()) {
                JsonNode media = schemas.doc().path("paths").path(route.fullPath()).path(route.method().name().toLowerCase(Locale.ROOT))
                        .path("requestBody").path("content").path("application/json");
                schemas.assertValid(media.path("schema"), media.path("example"), route.path() + " example");
            }
        }
    }

    @Test
    void realAnswersMatchTheirSchemas() {
        ApiClient.Answer created = c.post("/stacks", ApiClient.json(Map.of("name", "shop", "compose", ApiRoutesTest.WEB,
                "comment", "first")));
        schemas.assertAnswer("post", "/stacks", created);
        String id = created.json().path("stack_id").asText();
        String s = "/stacks/" + id;
        schemas.assertAnswer("get", "/stacks/{id}", c.get(s));
        schemas.assertAnswer("get", "/stacks", c.get("/stacks?limit=1"));
        ApiClient.Answer v2 = c.post(s + "/versions", ApiClient.json(Map.of("compose", ApiRoutesTest.WEB
                + "    environment:\n      A: '1'\n", "parent_version", "v1")));
        schemas.assertAnswer("post", "/stacks/{id}/versions", v2);
        schemas.assertAnswer("get", "/stacks/{id}/versions", c.get(s + "/versions"));
        schemas.assertAnswer("get", "/stacks/{id}/versions/{version}", c.get(s + "/versions/v2"));
        schemas.assertAnswer("get", "/stacks/{id}/versions/{version}/diff", c.get(s + "/versions/v2/diff?against=v1"));
        Instant t0 = Instant.parse("2026-11-24T03:00:00Z");
        t.engine.store().stats().append(List.of(new ContainerStats(id, "web", "c1", t0, 12.5, 1000, 4096, 1, 2, 3, 4)));
        schemas.assertAnswer("get", "/stacks/{id}/stats", c.get(s + "/stats?from=" + t0 + "&to=" + t0.plusSeconds(60)));

        Command apply = t.engine.commands().apply(id, "v1", false, "test");
        schemas.assertAnswer("get", "/commands", c.get("/commands"));
        schemas.assertAnswer("get", "/commands/{id}", c.get("/commands/" + apply.commandId()));
        schemas.assertAnswer("get", "/queue", c.get("/queue"));
        schemas.assertAnswer("post", "/commands/{id}/cancel", c.post("/commands/" + apply.commandId() + "/cancel", null));
        schemas.assertAnswer("get", "/commands/{id}/logs", c.get("/commands/" + apply.commandId() + "/logs"));
        schemas.assertAnswer("get", "/health", c.get("/health"));

        ApiClient.Answer valid = c.post("/validate", ApiClient.json(Map.of("compose", ApiRoutesTest.WEB + "    hostname: $H\n")));
        assertThat(valid.json().path("warnings").get(0).has("line")).isTrue();
        schemas.assertAnswer("post", "/validate", valid);
        ApiClient.Answer invalid = c.post("/validate", ApiClient.json(Map.of("compose", "services:\n  web: {tty: maybe}\n")));
        assertThat(invalid.json().path("errors").get(0).has("line")).isTrue();
        schemas.assertAnswer("post", "/validate", invalid);
        ApiClient.Answer object = c.post("/validate", "{\"compose\": {\"services\": {\"web\": {\"tty\": 1}}}}");
        assertThat(object.json().path("errors").get(0).has("line")).isFalse();
        schemas.assertAnswer("post", "/validate", object);
        ApiClient.Answer unprocessable = c.post("/stacks", ApiClient.json(Map.of("name", "bad", "compose", "services: {web: {}}")));
        assertThat(unprocessable.status()).isEqualTo(422);
        assertThat(unprocessable.json().path("errors").get(0).path("line").asInt()).isEqualTo(1);
        schemas.assertAnswer("post", "/stacks", unprocessable);
        JsonNode view = schemas.doc().path("components").path("schemas").path("LocatedErrorView");
        assertThat(view.path("required").toString()).isEqualTo("[\"message\",\"path\"]");
        schemas.assertInvalid(schemas.answerSchema("post", "/validate", 200), JSON.createObjectNode().put("valid", true));

        ApiClient.Answer badLimit = c.get("/stacks?limit=1000");
        assertThat(badLimit.status()).isEqualTo(400);
        schemas.assertAnswer("get", "/stacks", badLimit);
        schemas.assertAnswer("get", "/stacks/{id}", c.get("/stacks/nope"));
        schemas.assertAnswer("post", "/commands/{id}/cancel", c.post("/commands/" + apply.commandId() + "/cancel", null));
    }
}
