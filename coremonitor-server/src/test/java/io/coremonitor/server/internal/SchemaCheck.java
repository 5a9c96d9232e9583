package io.coremonitor.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.everit.json.schema.Schema;
import org.everit.json.schema.ValidationException;
import org.everit.json.schema.loader.SchemaLoader;
import org.json.JSONObject;
import org.json.JSONTokener;

/**
 * Checks JSON against the schemas of the served OpenAPI document (its {@code components/schemas}, resolved by everit).
 */
final class SchemaCheck {

    private final JsonNode doc;
    private final JSONObject components;

    SchemaCheck(ApiClient client) {
        ApiClient.Answer answer = client.get("/openapi.json");
        assertThat(answer.status()).isEqualTo(200);
        this.doc = answer.json();
        this.components = new JSONObject().put("components", new JSONObject(new JSONTokener(answer.text()))
                .getJSONObject("components"));
    }

    JsonNode doc() {
        return doc;
    }

    /** The JSON schema of an operation's answer with this status ({@code application/json} or a problem). */
    JsonNode answerSchema(String method, String path, int status) {
        JsonNode responses = doc.path("paths").path(Route.BASE + path).path(method).path("responses");
        JsonNode answer = responses.has(Integer.toString(status)) ? responses.path(Integer.toString(status))
                : responses.path("default");
        JsonNode content = answer.path("content");
        JsonNode media = content.has("application/json") ? content.path("application/json")
                : content.path(Problem.CONTENT_TYPE);
        assertThat(media.path("schema").isObject()).as(method + " " + path + " " + status).isTrue();
        return media.path("schema");
    }

    /** Asserts that a real answer of this operation validates against the schema the document gives it. */
    void assertAnswer(String method, String path, ApiClient.Answer answer) {
        assertValid(answerSchema(method, path, answer.status()), answer.json(), method + " " + path + ": " + answer.text());
    }

    /** Asserts that the value validates against the schema (a {@code $ref} into the components). */
    void assertValid(JsonNode schema, JsonNode value, String what) {
        JSONObject root = new JSONObject(components.toMap());
        new JSONObject(schema.toString()).toMap().forEach(root::put);
        Schema loaded = SchemaLoader.builder().draftV7Support().schemaJson(root).build().load().build();
        Object subject = value.isArray() ? new org.json.JSONArray(value.toString()) : new JSONObject(value.toString());
        try {
            loaded.validate(subject);
        } catch (ValidationException e) {
            throw new AssertionError(what + " does not match " + schema + ": " + e.getAllMessages(), e);
        }
    }

    /** Asserts that the value does not validate against the schema. */
    void assertInvalid(JsonNode schema, JsonNode value) {
        try {
            assertValid(schema, value, "");
        } catch (AssertionError expected) {
            return;
        }
        throw new AssertionError(value + " should not match " + schema);
    }
}
