package io.coremonitor.server.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The OpenAPI 3 document of the API, built from the same route table that registers the routes. */
final class OpenApi {

    private static final Pattern PATH_PARAM = Pattern.compile("\\{([A-Za-z_]+)}");

    private OpenApi() {
    }

    static ObjectNode document(List<Route> routes, boolean tokenConfigured) {
        ObjectNode doc = Requests.JSON.createObjectNode();
        doc.put("openapi", "3.0.3");
        ObjectNode info = doc.putObject("info");
        info.put("title", "Core Monitor REST API");
        info.put("version", "1");
        info.put("description", "Versioned, queue-driven orchestration of Docker stacks. JSON in and out, snake_case,"
                + " ISO-8601 UTC timestamps. Errors are application/problem+json (RFC 9457) with errors[{path,message}]."
                + " Lists take ?limit= (1-500, default 50) and ?cursor= and answer {items, next_cursor}. WRITE"
                + " commands answer 202 with the command and Location: /api/v1/commands/{id}; APPLY, ROLLBACK, DELETE and"
                + " runtime actions are refused with 503 when Docker is unreachable. With a token configured, every route"
                + " except /health, /openapi.json and /docs needs Authorization: Bearer <token>"
                + (tokenConfigured ? " (this server has one)." : " (this server has none)."));
        doc.putArray("servers").addObject().put("url", "/");
        ObjectNode components = doc.putObject("components");
        ObjectNode schemes = components.putObject("securitySchemes");
        schemes.putObject("bearer").put("type", "http").put("scheme", "bearer");
        ObjectNode problem = components.putObject("schemas").putObject("Problem");
        problem.put("type", "object");
        ObjectNode props = problem.putObject("properties");
        props.putObject("type").put("type", "string");
        props.putObject("title").put("type", "string");
        props.putObject("status").put("type", "integer");
        props.putObject("detail").put("type", "string");
        ObjectNode errItem = props.putObject("errors").put("type", "array").putObject("items").put("type", "object");
        errItem.putObject("properties").putObject("path").put("type", "string");
        ((ObjectNode) errItem.get("properties")).putObject("message").put("type", "string");

        ObjectNode paths = doc.putObject("paths");
        for (Route r : routes) {
            ObjectNode path = paths.has(r.fullPath()) ? (ObjectNode) paths.get(r.fullPath()) : paths.putObject(r.fullPath());
            ObjectNode op = path.putObject(r.method().name().toLowerCase(Locale.ROOT));
            op.putArray("tags").add(r.tag());
            op.put("summary", r.summary());
            if (!r.description().isEmpty()) {
                op.put("description", r.description());
            }
            op.put("operationId", operationId(r));
            ArrayNode params = op.putArray("parameters");
            Matcher m = PATH_PARAM.matcher(r.path());
            while (m.find()) {
                ObjectNode p = params.addObject();
                p.put("name", m.group(1));
                p.put("in", "path");
                p.put("required", true);
                p.putObject("schema").put("type", "string");
            }
            for (Route.QueryParam q : r.params()) {
                ObjectNode p = params.addObject();
                p.put("name", q.name());
                p.put("in", "query");
                p.put("required", false);
                p.put("description", q.description());
                p.putObject("schema").put("type", q.type());
            }
            if (!r.body().isEmpty()) {
                ObjectNode media = op.putObject("requestBody").put("required", false).putObject("content")
                        .putObject("application/json");
                media.putObject("schema").put("type", "object");
                media.set("example", example(r.body()));
            }
            ObjectNode responses = op.putObject("responses");
            ObjectNode ok = responses.putObject(Integer.toString(r.status()));
            ok.put("description", r.description().contains("text/event-stream") ? "JSON, or an SSE stream" : "success");
            ok.putObject("content").putObject("application/json").putObject("schema").put("type", "object");
            ObjectNode err = responses.putObject("default");
            err.put("description", "a problem (400, 401, 404, 409, 413, 422, 503)");
            err.putObject("content").putObject("application/problem+json").putObject("schema")
                    .put("$ref", "#/components/schemas/Problem");
            if (!r.isPublic()) {
                op.putArray("security").addObject().putArray("bearer");
            } else {
                op.putArray("security");
            }
        }
        return doc;
    }

    private static String operationId(Route r) {
        // a root route (/metrics) may repeat the path of one under the base: "root" keeps the ids unique
        String path = (r.base().isEmpty() ? "/root" : "") + r.path();
        String cleaned = path.replaceAll("[{}]", "").replaceAll("[^A-Za-z0-9]+", "_");
        return r.method().name().toLowerCase(Locale.ROOT) + cleaned;
    }

    private static JsonNode example(String body) {
        try {
            return Requests.JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return Requests.JSON.getNodeFactory().textNode(body);
        }
    }
}
