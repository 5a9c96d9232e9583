package io.coremonitor.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coremonitor.model.Command;
import io.coremonitor.model.StackState;
import io.coremonitor.model.VersionStatus;
import io.coremonitor.server.internal.console.ConsoleRoutes;
import io.javalin.http.HandlerType;
import io.javalin.router.ParsedEndpoint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** In-process route tests (no Docker): problem bodies, pagination, filters, versions, diff, OpenAPI completeness. */
class ApiRoutesTest {

    static final String WEB = "services:\n  web:\n    image: coremonitor-test/busybox:latest\n"
            + "    command: [httpd, -f, -p, '8080']\n";

    @TempDir
    Path dir;
    TestApi t;
    ApiClient c;

    @BeforeEach
    void start() {
        t = TestApi.start(dir);
        c = t.client;
    }

    @AfterEach
    void stop() {
        t.close();
    }

    String createStack(String name) {
        ApiClient.Answer a = c.post("/stacks", ApiClient.json(Map.of("name", name, "compose", WEB, "comment", "first")));
        assertThat(a.status()).as(a.text()).isEqualTo(201);
        return a.json().path("stack_id").asText();
    }

    static void assertProblem(ApiClient.Answer a, int status, String path) {
        assertThat(a.status()).as(a.text()).isEqualTo(status);
        assertThat(a.header("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
        assertThat(a.json().path("status").asInt()).isEqualTo(status);
        assertThat(a.json().path("title").asText()).isNotBlank();
        assertThat(a.json().path("type").asText()).startsWith("https://");
        assertThat(a.json().path("detail").asText()).isNotBlank();
        if (path != null) {
            List<String> paths = new ArrayList<>();
            a.json().path("errors").forEach(e -> paths.add(e.path("path").asText()));
            assertThat(paths).as(a.text()).contains(path);
        }
    }

    @Test
    void createsAStackFromYamlOrAJsonObjectAndReadsIt() {
        ApiClient.Answer a = c.post("/stacks", ApiClient.json(Map.of("name", "shop", "compose", WEB, "author", "alice",
                "comment", "first")));
        assertThat(a.status()).isEqualTo(201);
        JsonNode s = a.json();
        assertThat(s.path("latest_version").asText()).isEqualTo("v1");
        assertThat(s.path("current_version").isNull()).isTrue();
        assertThat(s.has("created_at") && s.has("updated_at")).isTrue();
        String id = s.path("stack_id").asText();
        assertThat(a.header("Location")).contains("/api/v1/stacks/" + id);

        JsonNode obj = c.post("/stacks", "{\"name\":\"obj\",\"compose\":{\"services\":{\"app\":{\"image\":\"x:${TAG}\"}}},"
                + "\"variables\":{\"TAG\":\"1\"},\"stack_id\":\"my-id\"}").json();
        assertThat(obj.path("stack_id").asText()).isEqualTo("my-id");
        JsonNode v1 = c.get("/stacks/my-id/versions/v1").json();
        assertThat(v1.path("compose").path("services").path("app").path("image").asText()).isEqualTo("x:1");
        assertThat(v1.path("metadata").path("created_by").asText()).isEqualTo("api");
        assertThat(v1.has("runtime") && v1.has("status") && v1.has("parent_version")).isTrue();

        JsonNode got = c.get("/stacks/" + id).json();
        assertThat(got.path("name").asText()).isEqualTo("shop");
        JsonNode version = c.get("/stacks/" + id + "/versions/v1").json();
        assertThat(version.path("metadata").path("created_by").asText()).isEqualTo("alice");
        assertThat(version.path("metadata").path("comment").asText()).isEqualTo("first");
        assertThat(version.path("compose").path("services").path("web").path("image").asText())
                .isEqualTo("coremonitor-test/busybox:latest");
    }

    @Test
    void versionsAre201Then200WhenIdenticalAndConflictOnAStaleParent() {
        String id = createStack("app");
        String v2 = WEB + "    environment:\n      A: '1'\n  db:\n    image: coremonitor-test/busybox:latest\n";
        ApiClient.Answer created = c.post("/stacks/" + id + "/versions", ApiClient.json(Map.of("compose", v2,
                "parent_version", "v1")));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.json().path("version").asText()).isEqualTo("v2");
        assertThat(created.json().path("parent_version").asText()).isEqualTo("v1");
        ApiClient.Answer same = c.post("/stacks/" + id + "/versions", ApiClient.json(Map.of("compose", v2)));
        assertThat(same.status()).isEqualTo(200);
        assertThat(same.json().path("version").asText()).isEqualTo("v2");
        assertProblem(c.post("/stacks/" + id + "/versions", ApiClient.json(Map.of("compose", WEB, "parent_version", "v1"))),
                409, null);

        JsonNode diff = c.get("/stacks/" + id + "/versions/v2/diff?against=v1").json();
        assertThat(diff.path("services").path("added").toString()).isEqualTo("[\"db\"]");
        assertThat(diff.path("services").path("removed").size()).isZero();
        assertThat(diff.path("services").path("changed").get(0).path("name").asText()).isEqualTo("web");
        assertThat(diff.path("services").path("changed").get(0).path("fields").toString()).isEqualTo("[\"environment\"]");
        assertThat(diff.path("identical").asBoolean()).isFalse();
        assertProblem(c.get("/stacks/" + id + "/versions/v2/diff"), 400, "against");
        assertProblem(c.get("/stacks/" + id + "/versions/v2/diff?against=v9"), 404, null);

        JsonNode page = c.get("/stacks/" + id + "/versions").json();
        assertThat(page.path("items").get(0).path("version").asText()).isEqualTo("v2");
        assertThat(page.path("items").get(1).path("version").asText()).isEqualTo("v1");
        assertThat(page.path("next_cursor").isNull()).isTrue();
    }

    @Test
    void badInputIsAProblemNeverA500() {
        String id = createStack("bad");
        assertProblem(c.post("/stacks", "{\"name\": \"x\", "), 400, "$");
        assertProblem(c.post("/stacks", "[1,2]"), 400, "$");
        assertProblem(c.post("/stacks", "{\"name\": 5, \"compose\": \"services: {}\"}"), 400, "name");
        assertProblem(c.post("/stacks", "{\"name\": \"x\", \"compose\": 12}"), 400, "compose");
        assertProblem(c.post("/stacks", "{\"name\": \"x\", \"compose\": \"" + "services: {}" + "\", \"colour\": 1}"), 400,
                "colour");
        assertProblem(c.post("/stacks", "{\"name\": \"x\", \"compose\": \"a: b\", \"variables\": {\"A\": [1]}}"), 400,
                "variables.A");
        assertProblem(c.post("/stacks", "{\"compose\": \"a: b\"}"), 400, "name");
        assertProblem(c.post("/stacks", ApiClient.json(Map.of("name", "x", "compose",
                "services:\n  web:\n    image: nginx\n    restart: sometimes\n    ports: [\"8080:80\", \"8080:81\"]\n"))),
                422, "services.web.restart");
        assertProblem(c.post("/stacks", ApiClient.json(Map.of("name", "Bad Name!", "compose", WEB))), 422, null);
        assertProblem(c.post("/stacks", ApiClient.json(Map.of("name", "bad", "compose", WEB))), 409, null);
        assertProblem(c.post("/stacks/" + id + "/apply/v1", "{\"auto_rollback\": \"yes\"}"), 400, "auto_rollback");
        assertProblem(c.post("/stacks/" + id + "/apply/v1", "{\"recreate_volumes\": \"yes\"}"), 400, "recreate_volumes");
        assertProblem(c.post("/stacks/" + id + "/apply/latest", null), 400, "version");
        assertProblem(c.post("/stacks/" + id + "/apply/v99999999999999999999999", null), 400, "version");
        assertProblem(c.get("/stacks/" + id + "/versions/v0"), 400, "version");
        assertProblem(c.get("/stacks/" + id + "/versions/v7"), 404, null);
        assertProblem(c.get("/stacks/nope"), 404, null);
        assertProblem(c.get("/stacks/nope/versions"), 404, null);
        assertProblem(c.get("/commands/abc"), 400, "id");
        assertProblem(c.get("/commands/99999999999999999999999"), 400, "id");
        assertProblem(c.get("/commands/-1"), 400, "id");
        assertProblem(c.get("/commands/12345"), 404, null);
        assertProblem(c.get("/commands/12345/logs"), 404, null);
        assertProblem(c.post("/commands/12345/cancel", null), 404, null);
        assertProblem(c.get("/stacks?limit=0"), 400, "limit");
        assertProblem(c.get("/stacks?limit=501"), 400, "limit");
        assertProblem(c.get("/stacks?limit=ten"), 400, "limit");
        assertProblem(c.get("/stacks?limit=99999999999999999999999"), 400, "limit");
        assertProblem(c.get("/stacks?cursor=not-a-cursor"), 400, "cursor");
        assertProblem(c.get("/commands?cursor=%00%01"), 400, "cursor");
        assertProblem(c.get("/commands?status=SLEEPING"), 400, "status");
        assertProblem(c.get("/commands?type=DANCE"), 400, "type");
        assertProblem(c.get("/commands/1/logs?follow=maybe"), 400, "follow");
        assertProblem(c.post("/stacks/" + id + "/actions/start", "{\"services\": \"web\"}"), 400, "services");
        assertProblem(c.post("/stacks/" + id + "/actions/start", "{\"services\": [1]}"), 400, "services[0]");
        assertProblem(c.post("/stacks/" + id + "/deploy", "{}"), 400, "service");
        assertProblem(c.send("DELETE", "/stacks/" + id, null), 405, null);
        assertProblem(c.send("PUT", "/stacks", "{}"), 405, null);
        assertProblem(c.get("/nothing/here"), 404, null);
        assertProblem(c.post("/stacks", "{\"name\":\"big\",\"compose\":\"" + "x".repeat(3 * 1024 * 1024) + "\"}"), 413, null);
        assertProblem(c.post("/stacks/" + id + "/versions", "{\"compose\": \"a: [\"}"), 422, null);
    }

    static void assertParamProblem(ApiClient.Answer a, String field, String message) {
        assertProblem(a, 400, field);
        assertThat(a.json().path("errors")).as(a.text()).hasSize(1);
        assertThat(a.json().path("errors").get(0).path("message").asText()).isEqualTo(message);
        assertThat(a.json().path("detail").asText()).isEqualTo(message);
    }

    @Test
    void badQueryAndPathParametersAreOneErrorPerFieldSayingWhatWasExpectedAndGiven() {
        String id = createStack("params");
        String s = "/stacks/" + id;
        assertParamProblem(c.get("/commands?limit=1000"), "limit", "limit must be between 1 and 500, got 1000");
        assertParamProblem(c.get("/stacks?limit=0"), "limit", "limit must be between 1 and 500, got 0");
        assertParamProblem(c.get("/stacks?limit=ten"), "limit", "limit must be an integer between 1 and 500, got 'ten'");
        assertParamProblem(c.get(s + "/versions?limit=-5"), "limit", "limit must be between 1 and 500, got -5");
        assertParamProblem(c.get("/stacks?cursor=not-a-cursor"), "cursor", "invalid cursor for this list: not-a-cursor");
        assertParamProblem(c.get("/commands?status=SLEEPING"), "status",
                "status must be one of PENDING, RUNNING, DONE, FAILED, CANCELLED, got 'SLEEPING'");
        assertParamProblem(c.get("/commands?type=DANCE"), "type", "type must be one of APPLY_STACK_VERSION,"
                + " ROLLBACK_STACK_VERSION, DELETE_STACK, RUNTIME_ACTION, DEPLOY_ARTIFACT, got 'DANCE'");
        assertParamProblem(c.get("/stacks?include_deleted=maybe"), "include_deleted",
                "include_deleted must be true or false, got 'maybe'");
        assertParamProblem(c.get("/commands/1/logs?follow=2"), "follow", "follow must be true or false, got '2'");
        assertParamProblem(c.get(s + "/status?detail=maybe"), "detail", "detail must be true or false, got 'maybe'");
        assertParamProblem(c.get("/commands/abc"), "id", "a command id is a positive integer, got 'abc'");
        assertParamProblem(c.get("/commands/0/logs"), "id", "a command id is a positive integer, got 0");
        assertParamProblem(c.post("/commands/-3/retry", null), "id", "a command id is a positive integer, got -3");
        assertParamProblem(c.get(s + "/versions/v0"), "version", "version must be a version label (v1, v2, ...), got 'v0'");
        assertParamProblem(c.get(s + "/plan/latest"), "version",
                "version must be a version label (v1, v2, ...), got 'latest'");
        assertParamProblem(c.get(s + "/versions/v1/diff"), "against", "against is required: a version label (v1, v2, ...)");
        assertParamProblem(c.get(s + "/versions/v1/diff?against=x"), "against",
                "against must be a version label (v1, v2, ...), got 'x'");
        assertParamProblem(c.get(s + "/stats?from=yesterday"), "from",
                "from must be an ISO-8601 UTC time such as 2026-11-24T03:00:00Z, got 'yesterday'");
        assertParamProblem(c.get(s + "/stats?max_points=1001"), "max_points", "max_points must be between 1 and 1000, got 1001");
        assertParamProblem(c.get(s + "/services/web/logs?tail=x"), "tail",
                "tail must be an integer between 0 and 10000, got 'x'");
        assertParamProblem(c.post(s + "/versions", "{\"compose\": \"a: b\", \"parent_version\": \"2\"}"), "parent_version",
                "parent_version must be a version label (v1, v2, ...), got '2'");
        // accepted spellings and defaults
        assertThat(c.get("/stacks?include_deleted=YES&limit=").status()).isEqualTo(200);
        assertThat(c.get("/commands?status=pending&type=Apply_Stack_Version&stack_id=").status()).isEqualTo(200);
        assertThat(c.get("/stacks?limit=500").status()).isEqualTo(200);
    }

    @Test
    void aValidationExceptionIsOneErrorPerParameter() {
        Map<String, List<io.javalin.validation.ValidationError<Object>>> errors = new java.util.LinkedHashMap<>();
        errors.put("limit", List.of(new io.javalin.validation.ValidationError<>("limit must be between 1 and 500", Map.of(),
                900)));
        errors.put("from", List.of(new io.javalin.validation.ValidationError<>(Params.TYPE_CONVERSION_FAILED, Map.of(), "x"),
                new io.javalin.validation.ValidationError<>("from must be before to", Map.of(), null)));
        errors.put("against", List.of(new io.javalin.validation.ValidationError<>(Params.NULLCHECK_FAILED, Map.of(), null)));
        List<Problem.FieldError> mapped = ProblemMapper.fieldErrors(new io.javalin.validation.ValidationException(errors));
        assertThat(mapped).containsExactly(new Problem.FieldError("limit", "limit must be between 1 and 500, got 900"),
                new Problem.FieldError("from", "from has the wrong type, got 'x'; from must be before to"),
                new Problem.FieldError("against", "against is required"));
    }

    @Test
    void writesThatNeedDockerAreRefusedWith503WhenItIsMissing() {
        String id = createStack("nodock");
        for (String path : List.of("/apply/v1", "/rollback/v1", "/delete", "/actions/stop")) {
            ApiClient.Answer a = c.post("/stacks/" + id + path, null);
            assertProblem(a, 503, null);
            assertThat(a.json().path("detail").asText()).contains("Docker");
        }
        assertProblem(c.get("/stacks/" + id + "/status"), 503, null);
        assertProblem(c.get("/stacks/nope/status"), 404, null);
        assertThat(c.get("/commands").json().path("items").size()).isZero();
        assertThat(c.get("/health").json().path("status").asText()).isEqualTo("DEGRADED");
    }

    @Test
    void pagesOfStacksWithANameFilter() {
        for (int i = 0; i < 7; i++) {
            createStack("page-" + i);
        }
        createStack("other");
        Set<String> seen = new TreeSet<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode p = c.get("/stacks?name=page&limit=3" + (cursor == null ? "" : "&cursor=" + cursor)).json();
            p.path("items").forEach(s -> seen.add(s.path("name").asText()));
            assertThat(p.path("items").size()).isLessThanOrEqualTo(3);
            cursor = p.path("next_cursor").isNull() ? null : p.path("next_cursor").asText();
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(seen).hasSize(7).allMatch(n -> n.startsWith("page-"));
        assertThat(pages).isEqualTo(3);
        assertThat(c.get("/stacks").json().path("items").size()).isEqualTo(8);
    }

    @Test
    void overviewPagesStacksWithTheirStoredStatusAndNewestCommandWithoutDocker() {
        String a = createStack("ov-alpha");
        String b = createStack("ov-beta");
        createStack("ov-gamma");
        createStack("other");
        Command first = t.engine.commands().apply(a, "v1", false, "test");
        t.engine.commands().cancel(first.commandId(), "test");
        Command last = t.engine.commands().apply(a, "v1", false, "test");
        t.engine.store().versions().updateStatus(b, "v1", new VersionStatus(StackState.RUNNING, StackState.FAILED,
                t.engine.clock().instant(), Optional.of("pull failed")));

        JsonNode page = c.get("/overview?name=OV-&limit=2").json();
        assertThat(page.path("items").size()).isEqualTo(2);
        JsonNode alpha = page.path("items").get(0);
        assertThat(alpha.path("name").asText()).isEqualTo("ov-alpha");
        assertThat(alpha.path("stack_id").asText()).isEqualTo(a);
        assertThat(alpha.path("latest_version").asText()).isEqualTo("v1");
        assertThat(alpha.path("current_version").isNull()).isTrue();
        assertThat(alpha.path("status").isNull()).isTrue();
        assertThat(alpha.path("drift").isNull()).isTrue();
        assertThat(alpha.path("last_command").path("command_id").asLong()).isEqualTo(last.commandId());
        assertThat(alpha.path("last_command").path("type").asText()).isEqualTo("APPLY_STACK_VERSION");
        assertThat(alpha.path("last_command").path("status").asText()).isEqualTo("PENDING");
        assertThat(alpha.path("last_command").has("ended_at") && alpha.path("last_command").has("error")).isTrue();
        JsonNode beta = page.path("items").get(1);
        assertThat(beta.path("status").path("version").asText()).isEqualTo("v1");
        assertThat(beta.path("status").path("actual").asText()).isEqualTo("FAILED");
        assertThat(beta.path("status").path("reason").asText()).isEqualTo("pull failed");
        assertThat(beta.path("last_command").isNull()).isTrue();

        JsonNode next = c.get("/overview?name=ov-&limit=2&cursor=" + page.path("next_cursor").asText()).json();
        assertThat(next.path("items").size()).isEqualTo(1);
        assertThat(next.path("items").get(0).path("name").asText()).isEqualTo("ov-gamma");
        assertThat(next.path("next_cursor").isNull()).isTrue();
        assertThat(c.get("/overview").json().path("items").size()).isEqualTo(4);
        assertParamProblem(c.get("/overview?limit=0"), "limit", "limit must be between 1 and 500, got 0");
        assertProblem(c.get("/overview?cursor=nope"), 400, "cursor");
    }

    @Test
    void commandsFilterCancelRetryAndQueue() throws Exception {
        String a = createStack("one");
        String b = createStack("two");
        Command c1 = t.engine.commands().apply(a, "v1", false, "test");
        Command c2 = t.engine.commands().apply(b, "v1", false, "test");
        t.engine.commands().delete(b, false, "test");

        JsonNode q = c.get("/queue").json();
        assertThat(q.path("pending").asInt()).isEqualTo(3);
        assertThat(q.path("running").isNull()).isTrue();
        assertThat(q.path("halted_by").isNull()).isTrue();

        assertThat(c.get("/commands?stack_id=" + b).json().path("items").size()).isEqualTo(2);
        assertThat(c.get("/commands?type=delete_stack").json().path("items").size()).isEqualTo(1);
        JsonNode first = c.get("/commands?limit=1").json();
        assertThat(first.path("items").get(0).path("command_id").asLong()).isEqualTo(c1.commandId());
        JsonNode second = c.get("/commands?limit=1&cursor=" + first.path("next_cursor").asText()).json();
        assertThat(second.path("items").get(0).path("command_id").asLong()).isEqualTo(c2.commandId());

        JsonNode cmd = c.get("/commands/" + c1.commandId()).json();
        for (String field : List.of("command_id", "stack_id", "type", "payload", "status", "attempt", "created_at",
                "started_at", "ended_at", "created_by", "error")) {
            assertThat(cmd.has(field)).as(field).isTrue();
        }
        assertThat(cmd.path("payload").path("version").asText()).isEqualTo("v1");
        assertThat(cmd.path("type").asText()).isEqualTo("APPLY_STACK_VERSION");

        ApiClient.Answer cancelled = c.post("/commands/" + c2.commandId() + "/cancel", null);
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json().path("status").asText()).isEqualTo("CANCELLED");
        assertProblem(c.post("/commands/" + c2.commandId() + "/cancel", null), 409, null);
        assertProblem(c.post("/commands/" + c2.commandId() + "/retry", null), 409, null);
        assertThat(c.get("/commands?status=cancelled").json().path("items").size()).isEqualTo(1);
        JsonNode logs = c.get("/commands/" + c2.commandId() + "/logs").json();
        assertThat(logs.path("items").size()).isGreaterThanOrEqualTo(2);
        assertThat(logs.path("items").get(0).has("timestamp") && logs.path("items").get(0).has("level")).isTrue();

        // no executor without Docker: the worker fails the head command and the queue halts on it
        t.engine.startWorker();
        JsonNode halted = waitFor(() -> c.get("/queue").json(), j -> !j.path("halted_by").isNull());
        assertThat(halted.path("halted_by").asLong()).isEqualTo(c1.commandId());
        ApiClient.Answer retried = c.post("/commands/" + c1.commandId() + "/retry", null);
        assertThat(retried.status()).as(retried.text()).isEqualTo(200);
        assertThat(retried.json().path("attempt").asInt()).isEqualTo(2);
    }

    @Test
    void theOpenApiDocumentListsExactlyTheRegisteredRoutes() {
        Set<String> registered = new HashSet<>();
        Set<String> console = new HashSet<>();
        for (ParsedEndpoint e : t.app.unsafeConfig().pvt.internalRouter.allHttpHandlers()) {
            HandlerType m = e.getEndpoint().getMethod();
            if (m.isHttpMethod()) {
                // the console's page and assets are not API routes
                (ConsoleRoutes.PATHS.contains(e.getEndpoint().getPath()) ? console : registered)
                    .add(m.name() + " " + e.getEndpoint().getPath());
            }
        }
        JsonNode doc = c.get("/openapi.json").json();
        assertThat(doc.path("openapi").asText()).startsWith("3.");
        Set<String> documented = new HashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.path("paths").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> p = it.next();
            p.getValue().fieldNames().forEachRemaining(m -> documented.add(m.toUpperCase() + " " + p.getKey()));
        }
        assertThat(documented).isEqualTo(registered);
        assertThat(registered).contains("GET /api/v1/stacks/{id}/services/{service}/logs", "POST /api/v1/stacks/{id}/deploy",
                "GET /api/v1/events", "POST /api/v1/commands/{id}/retry", "POST /api/v1/stacks/{id}/actions/restart");
        assertThat(registered).contains("GET /api/v1/metrics", "GET /metrics", "GET /api/v1/stacks/{id}/stats");
        assertThat(registered).contains("POST /api/v1/artifacts", "GET /api/v1/artifacts", "GET /api/v1/artifacts/{sha256}",
                "DELETE /api/v1/artifacts/{sha256}", "POST /api/v1/artifacts/prune", "GET /api/v1/stacks/{id}/deployments",
                "GET /api/v1/stacks/{id}/deployments/{number}", "POST /api/v1/stacks/{id}/deployments/{number}/redeploy");
        assertThat(registered).contains("GET /api/v1/catalog", "GET /api/v1/catalog/{id}", "POST /api/v1/catalog/reload",
                "POST /api/v1/wizard/validate", "POST /api/v1/wizard/preview", "POST /api/v1/wizard/stacks",
                "GET /api/v1/stacks/{id}/wizard", "POST /api/v1/stacks/{id}/wizard");
        assertThat(registered).contains("POST /api/v1/secrets", "GET /api/v1/secrets", "GET /api/v1/secrets/{name}",
                "PUT /api/v1/secrets/{name}", "DELETE /api/v1/secrets/{name}", "POST /api/v1/secrets/{name}/reveal");
        assertThat(registered).contains("POST /api/v1/databases", "GET /api/v1/databases", "GET /api/v1/databases/{project}",
                "DELETE /api/v1/databases/{project}", "POST /api/v1/databases/{project}/backups",
                "GET /api/v1/databases/{project}/backups", "POST /api/v1/databases/{project}/restore");
        assertThat(registered).contains("GET /api/v1/stacks/{id}/git", "PUT /api/v1/stacks/{id}/git",
                "DELETE /api/v1/stacks/{id}/git", "POST /api/v1/stacks/{id}/git/sync");
        // 47 before issues 14 and 15; 3 wizard stack routes, 6 secret routes, 7 managed database routes; 4 git routes
        assertThat(registered).contains("POST /api/v1/validate", "GET /api/v1/overview", "GET /api/v1/session").hasSize(67);
        assertThat(console).containsExactlyInAnyOrder("GET /", "GET /index.html", "GET /assets/{fingerprint}/<path>");
        JsonNode deploy = doc.path("paths").path("/api/v1/stacks/{id}/deploy").path("post");
        assertThat(deploy.path("summary").asText()).contains("x-coremonitor-deploy");
        assertThat(deploy.path("description").asText()).contains("target_path is the deprecated name of path");
        JsonNode upload = doc.path("paths").path("/api/v1/artifacts").path("post").path("requestBody").path("content");
        assertThat(upload.has("application/octet-stream") && upload.has("multipart/form-data")).as(upload.toString()).isTrue();
        assertThat(doc.path("paths").path("/api/v1/artifacts/{sha256}").path("delete").path("responses").path("204")
                .has("content")).isFalse();
        ApiClient.Answer page = c.get("/docs");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text()).contains("openapi.json").contains("fetch(").doesNotContain("https://").doesNotContain("http://");
    }

    @Test
    void aTokenGuardsEveryRouteButHealthAndTheDocs() {
        t.close();
        t = new TestApi(dir, Optional.of("s3cret"), Optional.empty());
        ApiClient none = t.as(Optional.empty());
        ApiClient wrong = t.as(Optional.of("s3cret-not"));
        ApiClient right = t.as(Optional.of("s3cret"));
        ApiClient.Answer refused = none.get("/stacks");
        assertProblem(refused, 401, null);
        assertThat(refused.header("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).startsWith("Bearer"));
        assertProblem(wrong.get("/stacks"), 401, null);
        assertProblem(none.post("/stacks", "{}"), 401, null);
        assertProblem(none.get("/events"), 401, null);
        assertProblem(wrong.get("/commands/1/logs?follow=true"), 401, null);
        ApiClient.Answer basic = none.send(none.request("/queue").header("Authorization", "Basic czNjcmV0").GET());
        assertProblem(basic, 401, null);
        assertThat(right.get("/stacks").status()).isEqualTo(200);
        assertThat(none.get("/health").status()).isEqualTo(200);
        assertThat(none.get("/openapi.json").status()).isEqualTo(200);
        assertThat(none.get("/docs").status()).isEqualTo(200);
    }

    /** The errors (or warnings) of a validate answer as {@code path@line:column}, or {@code path@-} without position. */
    static List<String> located(JsonNode items) {
        List<String> out = new ArrayList<>();
        items.forEach(e -> out.add(e.path("path").asText() + "@" + (e.has("line") || e.has("column")
                ? e.path("line").asInt() + ":" + e.path("column").asInt() : "-")));
        return out;
    }

    /** Stacks, versions of the stack and commands stored: what a validation must not change. */
    List<Integer> stored(String id) {
        return List.of(c.get("/stacks?include_deleted=true").json().path("items").size(),
                c.get("/stacks/" + id + "/versions").json().path("items").size(), c.get("/commands").json().path("items").size());
    }

    @Test
    void validateAnswers200WithEveryErrorAtItsLineAndColumnAndStoresNothing() {
        String id = createStack("kept");
        List<Integer> before = stored(id);

        ApiClient.Answer ok = c.post("/validate", ApiClient.json(Map.of("compose", WEB + "    hostname: ${HOST}\n")));
        assertThat(ok.status()).as(ok.text()).isEqualTo(200);
        assertThat(ok.header("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/json"));
        assertThat(ok.json().path("valid").asBoolean()).isTrue();
        assertThat(ok.json().path("errors").isArray() && ok.json().path("errors").isEmpty()).isTrue();
        assertThat(located(ok.json().path("warnings"))).containsExactly("services.web.hostname@5:5");
        assertThat(ok.json().path("warnings").get(0).path("message").asText()).contains("variable HOST is not set");

        String bad = "services:\n  web:\n    image: ${IMAGE}\n    ports:\n      - '8080:80'\n      - '99999:80'\n"
                + "    restart: sometimes\n  db:\n    command: [postgres]\nservics: {}\n";
        ApiClient.Answer invalid = c.post("/validate", ApiClient.json(Map.of("compose", bad, "variables", Map.of("IMAGE",
                "nginx\n\nlatest"), "comment", "ignored", "author", "alice", "parent_version", "v1")));
        assertThat(invalid.status()).as(invalid.text()).isEqualTo(200);
        JsonNode report = invalid.json();
        assertThat(report.path("valid").asBoolean(true)).isFalse();
        assertThat(located(report.path("errors"))).containsExactly("services.db@8:3", "services.web.image@3:5",
                "services.web.ports[1]@6:9", "services.web.restart@7:5", "servics@10:1");
        assertThat(report.path("errors").get(1).path("message").asText()).contains("not a valid image reference");
        assertThat(report.path("errors").get(2).path("message").asText()).contains("99999");
        assertThat(report.path("errors").get(0).fieldNames()).toIterable().containsExactly("path", "message", "line", "column");
        assertThat(report.path("warnings").isEmpty()).isTrue();

        ApiClient.Answer syntax = c.post("/validate", ApiClient.json(Map.of("compose", "services:\n  web:\n    image: [a\n")));
        assertThat(syntax.status()).isEqualTo(200);
        assertThat(located(syntax.json().path("errors"))).containsExactly("@4:1");
        assertThat(located(c.post("/validate", "{\"compose\": \"\"}").json().path("errors"))).containsExactly("@1:1");

        ApiClient.Answer object = c.post("/validate", "{\"compose\": {\"services\": {\"web\": {\"image\": \"x:${TAG}\","
                + " \"tty\": \"perhaps\"}}}}");
        assertThat(object.status()).as(object.text()).isEqualTo(200);
        assertThat(located(object.json().path("errors"))).containsExactly("services.web.image@-", "services.web.tty@-");
        assertThat(located(object.json().path("warnings"))).containsExactly("services.web.image@-");

        assertThat(stored(id)).isEqualTo(before);
    }

    @Test
    void validateRefusesAMalformedBodyWith400AndNeedsTheToken() {
        assertProblem(c.post("/validate", "{\"compose\": "), 400, "$");
        assertProblem(c.post("/validate", "services: {}"), 400, "$");
        assertProblem(c.post("/validate", "{\"variables\": {}}"), 400, "compose");
        assertProblem(c.post("/validate", "{\"compose\": 12}"), 400, "compose");
        assertProblem(c.post("/validate", "{\"compose\": \"a: b\", \"name\": \"x\"}"), 400, "name");
        assertProblem(c.send("GET", "/validate", null), 405, null);

        t.close();
        t = new TestApi(dir, Optional.of("s3cret"), Optional.empty());
        String body = ApiClient.json(Map.of("compose", WEB));
        assertProblem(t.as(Optional.empty()).post("/validate", body), 401, null);
        assertProblem(t.as(Optional.of("wrong")).post("/validate", body), 401, null);
        ApiClient.Answer right = t.as(Optional.of("s3cret")).post("/validate", body);
        assertThat(right.status()).as(right.text()).isEqualTo(200);
        assertThat(right.json().path("valid").asBoolean()).isTrue();
    }

    @Test
    void anInvalidDefinitionIs422WithEachErrorAtItsLineUnlessSentAsAnObject() {
        String bad = "services:\n  web:\n    image: nginx\n    ports: ['8080:80', '8080:81']\n    restart: sometimes\n";
        ApiClient.Answer stack = c.post("/stacks", ApiClient.json(Map.of("name", "lines", "compose", bad)));
        assertProblem(stack, 422, "services.web.restart");
        assertThat(located(stack.json().path("errors"))).containsExactly("services.web.ports[1]@4:24",
                "services.web.restart@5:5");

        String id = createStack("later");
        ApiClient.Answer version = c.post("/stacks/" + id + "/versions", ApiClient.json(Map.of("compose", bad)));
        assertProblem(version, 422, "services.web.restart");
        assertThat(located(version.json().path("errors"))).containsExactly("services.web.ports[1]@4:24",
                "services.web.restart@5:5");

        ApiClient.Answer object = c.post("/stacks/" + id + "/versions", "{\"compose\": {\"services\": {\"web\":"
                + " {\"image\": \"x\", \"restart\": \"sometimes\"}}}}");
        assertProblem(object, 422, "services.web.restart");
        assertThat(located(object.json().path("errors"))).containsExactly("services.web.restart@-");

        ApiClient.Answer name = c.post("/stacks", ApiClient.json(Map.of("name", "Bad Name!", "compose", WEB)));
        assertProblem(name, 422, "name");
        assertThat(located(name.json().path("errors"))).containsExactly("name@-");
        assertThat(located(c.get("/stacks?limit=0").json().path("errors"))).containsExactly("limit@-");
    }

    static <T> T waitFor(java.util.function.Supplier<T> read, java.util.function.Predicate<T> done) throws InterruptedException {
        return Awaitility.await().atMost(Duration.ofSeconds(20)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(50)).pollInSameThread().until(read::get, done);
    }
}
