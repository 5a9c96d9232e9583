package io.coremonitor.server.internal;

import static io.coremonitor.server.internal.ApiRoutesTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The secret routes in-process (no Docker): create, list, one, replace, delete, reveal, and their problems. */
class SecretRoutesTest extends InProcessApiTest {

    static final String VALUE = "Route-Secret-Value-3391";


    private ApiClient.Answer put(String path, Object body) {
        return c.send(c.request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(ApiClient.json(body))));
    }

    private ApiClient.Answer reveal(String name) {
        return c.send(c.request("/secrets/" + name + "/reveal").header("X-Actor", "alice")
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    @Test
    void aGivenValueIsNeverAnsweredAndARevealGivesItBack() {
        ApiClient.Answer created = c.post("/secrets", ApiClient.json(Map.of("name", "db.password", "value", VALUE)));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        schemas.assertAnswer("post", "/secrets", created);
        assertThat(created.text()).doesNotContain(VALUE);
        assertThat(created.json().path("value").isNull()).isTrue();
        assertThat(created.json().path("stack").isNull()).isTrue();
        assertThat(created.json().path("created_by").asText()).isEqualTo("api");
        assertThat(created.json().path("key_id").asText()).isNotBlank();
        assertThat(created.header("Location")).contains("/api/v1/secrets/db.password");

        ApiClient.Answer one = c.get("/secrets/db.password");
        schemas.assertAnswer("get", "/secrets/{name}", one);
        assertThat(one.text()).doesNotContain(VALUE);
        ApiClient.Answer list = c.get("/secrets");
        schemas.assertAnswer("get", "/secrets", list);
        assertThat(list.text()).contains("db.password").doesNotContain(VALUE);

        ApiClient.Answer revealed = reveal("db.password");
        assertThat(revealed.status()).as(revealed.text()).isEqualTo(200);
        schemas.assertAnswer("post", "/secrets/{name}/reveal", revealed);
        assertThat(revealed.json().path("name").asText()).isEqualTo("db.password");
        assertThat(revealed.json().path("value").asText()).isEqualTo(VALUE);

        ApiClient.Answer replaced = put("/secrets/db.password", Map.of("value", "another"));
        assertThat(replaced.status()).as(replaced.text()).isEqualTo(200);
        schemas.assertAnswer("put", "/secrets/{name}", replaced);
        assertThat(replaced.json().path("value").isNull()).isTrue();
        assertThat(reveal("db.password").json().path("value").asText()).isEqualTo("another");

        assertThat(c.send("DELETE", "/secrets/db.password", null).status()).isEqualTo(204);
        assertProblem(c.get("/secrets/db.password"), 404, null);
        assertProblem(reveal("db.password"), 404, null);
        assertProblem(c.send("DELETE", "/secrets/db.password", null), 404, null);
        assertProblem(put("/secrets/db.password", Map.of("value", "x")), 404, null);
    }

    @Test
    void aGeneratedValueIsAnsweredOnceAtItsCreationAndReplacement() {
        ApiClient.Answer created = c.post("/secrets", ApiClient.json(Map.of("name", "token", "generate", "password")));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String value = created.json().path("value").asText();
        assertThat(value).matches("[A-Za-z0-9]{24}");
        assertThat(c.get("/secrets/token").text()).doesNotContain(value);
        assertThat(reveal("token").json().path("value").asText()).isEqualTo(value);

        ApiClient.Answer replaced = put("/secrets/token", Map.of("generate", "hex:32"));
        assertThat(replaced.json().path("value").asText()).matches("[0-9a-f]{32}");
        assertThat(reveal("token").json().path("value").asText()).isEqualTo(replaced.json().path("value").asText());
    }

    @Test
    void secretsOfAStackAreListedByItAndPagedByName() {
        String stackId = c.post("/stacks", ApiClient.json(Map.of("name", "shop", "compose",
                "services:\n  web:\n    image: nginx\n"))).json().path("stack_id").asText();
        for (String name : List.of("c", "a", "b")) {
            assertThat(c.post("/secrets", ApiClient.json(Map.of("name", name, "value", "v", "stack", stackId))).status())
                    .isEqualTo(201);
        }
        c.post("/secrets", ApiClient.json(Map.of("name", "global", "value", "v")));
        assertThat(names(c.get("/secrets?stack=" + stackId).json())).containsExactly("a", "b", "c");
        assertThat(c.get("/secrets/a").json().path("stack").asText()).isEqualTo(stackId);

        JsonNode first = c.get("/secrets?limit=2").json();
        assertThat(names(first)).containsExactly("a", "b");
        JsonNode second = c.get("/secrets?limit=2&cursor=" + first.path("next_cursor").asText()).json();
        assertThat(names(second)).containsExactly("c", "global");
        assertThat(second.path("next_cursor").isNull()).isTrue();
    }

    @Test
    void refusalsNameTheirField() {
        c.post("/secrets", ApiClient.json(Map.of("name", "taken", "value", "v")));
        assertProblem(c.post("/secrets", ApiClient.json(Map.of("name", "taken", "value", VALUE))), 409, null);
        ApiClient.Answer badName = c.post("/secrets", ApiClient.json(Map.of("name", "Bad Name", "value", VALUE)));
        assertProblem(badName, 422, "name");
        assertThat(badName.text()).doesNotContain(VALUE);
        assertProblem(c.post("/secrets", ApiClient.json(Map.of("name", "x", "value", "v", "stack", "nope"))), 422, "stack");
        assertProblem(c.post("/secrets", ApiClient.json(Map.of("name", "x"))), 400, "value");
        assertProblem(c.post("/secrets", ApiClient.json(Map.of("name", "x", "value", "v", "generate", "password"))), 400,
                "generate");
        assertProblem(c.post("/secrets", ApiClient.json(Map.of("name", "x", "generate", "hex:999"))), 400, "generate");
        assertProblem(c.post("/secrets", ApiClient.json(Map.of("name", "x", "value", ""))), 400, "value");
        assertProblem(c.post("/secrets", ApiClient.json(Map.of("value", "v"))), 400, "name");
        assertProblem(c.post("/secrets", ApiClient.json(Map.of("name", "x", "value", "v", "colour", "red"))), 400, "colour");
        ApiClient.Answer tooLarge = c.post("/secrets", ApiClient.json(Map.of("name", "big", "value", "x".repeat(70_000))));
        assertProblem(tooLarge, 422, "value");
        assertThat(c.get("/secrets").json().path("items").size()).isEqualTo(1);
    }

    private static List<String> names(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.path("items").forEach(i -> out.add(i.path("name").asText()));
        return out;
    }
}
