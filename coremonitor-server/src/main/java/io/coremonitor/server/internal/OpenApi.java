package io.coremonitor.server.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OpenAPI 3.1 document of the API, built from the same route table that registers the routes; the schemas of the
 * bodies are made from their Java types ({@link JsonSchemas}).
 */
final class OpenApi {

    private static final Route.BodyType PROBLEM = new Route.BodyType(Problem.class, List.of());
    private static final Pattern PATH_PARAM = Pattern.compile("\\{([A-Za-z_0-9]+)}");
    private static final int NO_CONTENT = 204;

    private OpenApi() {
    }

    static ObjectNode document(List<Route> routes, boolean tokenConfigured) {
        ObjectNode doc = Requests.JSON.createObjectNode();
        doc.put("openapi", "3.1.0");
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
        components.putObject("securitySchemes").putObject("bearer").put("type", "http").put("scheme", "bearer");
        JsonSchemas schemas = new JsonSchemas();

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
            r.request().ifPresent(type -> {
                ObjectNode media = op.putObject("requestBody").put("required", false).putObject("content")
                        .putObject("application/json");
                media.set("schema", schemas.reference(type));
                if (!r.example().isEmpty()) {
                    media.set("example", example(r.example()));
                }
            });
            if (!r.consumes().isEmpty()) {
                ObjectNode content = op.putObject("requestBody").put("required", true).putObject("content");
                r.consumes().forEach(type -> content.set(type, fileBody(type)));
            }
            ObjectNode responses = op.putObject("responses");
            ObjectNode ok = responses.putObject(Integer.toString(r.status()));
            if (r.status() == NO_CONTENT) {
                ok.put("description", "done (no content)");
            } else {
                ok.put("description", r.response().isPresent() && !r.produces().isEmpty() ? "JSON, or " + r.produces()
                        : "success");
                ObjectNode content = ok.putObject("content");
                r.response().ifPresent(type -> content.putObject("application/json").set("schema", schemas.reference(type)));
                if (!r.produces().isEmpty()) {
                    content.putObject(r.produces()).putObject("schema").put("type", "string");
                }
            }
            for (int also : r.alsoOk()) {
                ObjectNode same = responses.putObject(Integer.toString(also));
                same.put("description", "success, nothing new: the same body");
                r.response().ifPresent(type -> same.putObject("content").putObject("application/json")
                        .set("schema", schemas.reference(type)));
            }
            ObjectNode err = responses.putObject("default");
            err.put("description", "a problem (400, 401, 404, 409, 413, 422, 503)");
            err.putObject("content").putObject(Problem.CONTENT_TYPE).set("schema", schemas.reference(PROBLEM));
            if (!r.isPublic()) {
                op.putArray("security").addObject().putArray("bearer");
            } else {
                op.putArray("security");
            }
        }
        components.set("schemas", schemas.components());
        return doc;
    }

    /** The schema of a file body: the raw bytes, or a form whose part {@code file} holds them. */
    private static ObjectNode fileBody(String mediaType) {
        ObjectNode media = Requests.JSON.createObjectNode();
        ObjectNode schema = media.putObject("schema");
        if (mediaType.startsWith("multipart/")) {
            schema.put("type", "object");
            schema.putArray("required").add("file");
            ObjectNode file = schema.putObject("properties").putObject("file");
            file.put("type", "string").put("contentMediaType", "application/octet-stream");
            file.put("description", "the file; its file name is the artifact's name when ?name= is absent");
        } else {
            schema.put("type", "string").put("contentMediaType", mediaType);
            schema.put("description", "the file's bytes");
        }
        return media;
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
