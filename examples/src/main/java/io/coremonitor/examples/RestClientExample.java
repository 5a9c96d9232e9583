package io.coremonitor.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Drives a running Core Monitor server over its REST API with nothing but {@code java.net.http}: creates a stack,
 * applies its v1, polls the command until it ends, and prints the stack's status.
 *
 * <pre>
 * java -cp examples.jar io.coremonitor.examples.RestClientExample http://127.0.0.1:8080 [--token T] [--delete]
 * </pre>
 *
 * <p>The token may also come from {@code COREMONITOR_TOKEN}. With {@code --delete} the stack is deleted at the end.
 */
public final class RestClientExample {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COMPOSE = "services:\n"
            + "  web:\n"
            + "    image: coremonitor-test/busybox:latest\n"
            + "    command: [sh, -c, 'mkdir -p /www && echo hello > /www/index.html && exec httpd -f -p 8080 -h /www']\n";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String api;
    private final String token;
    private final PrintStream out;

    public RestClientExample(String serverUrl, String token, PrintStream out) {
        String base = serverUrl.endsWith("/") ? serverUrl.substring(0, serverUrl.length() - 1) : serverUrl;
        this.api = base.endsWith("/api/v1") ? base : base + "/api/v1";
        this.token = token;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        String url = "http://127.0.0.1:8080";
        String token = System.getenv("COREMONITOR_TOKEN");
        boolean delete = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--token" -> token = args[++i];
                case "--delete" -> delete = true;
                default -> url = args[i];
            }
        }
        String status = new RestClientExample(url, token, System.out).run("rest-example-" + UUID.randomUUID()
                .toString().substring(0, 8), delete);
        System.exit("DONE".equals(status) ? 0 : 1);
    }

    /**
     * Runs the tour on a new stack of this name.
     *
     * @return how the APPLY command ended (DONE, FAILED or CANCELLED)
     */
    public String run(String name, boolean delete) throws IOException, InterruptedException {
        JsonNode health = call("GET", "/health", null);
        out.println("server: " + health.path("status").asText() + " (database " + health.path("database").path("status")
                .asText() + ", docker " + health.path("docker").path("status").asText() + ")");

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("compose", COMPOSE);
        body.put("comment", "created by RestClientExample");
        JsonNode stack = call("POST", "/stacks", body);
        String id = stack.path("stack_id").asText();
        out.println("created stack " + name + " (" + id + "), latest version " + stack.path("latest_version").asText());

        JsonNode command = call("POST", "/stacks/" + id + "/apply/v1", Map.of("auto_rollback", false));
        long commandId = command.path("command_id").asLong();
        out.println("enqueued command " + commandId + " " + command.path("type").asText());
        JsonNode ended = waitForEnd(commandId);
        out.println("command " + commandId + " ended " + ended.path("status").asText()
                + (ended.path("error").isNull() ? "" : ": " + ended.path("error").asText()));
        for (JsonNode line : call("GET", "/commands/" + commandId + "/logs", null).path("items")) {
            out.println("  " + line.path("timestamp").asText() + " " + line.path("level").asText() + " "
                    + line.path("message").asText());
        }
        JsonNode status = call("GET", "/stacks/" + id + "/status", null);
        out.println("stack status: desired " + status.path("desired").asText() + ", actual " + status.path("actual").asText()
                + ", version " + status.path("version").asText());
        status.path("services").fields().forEachRemaining(e -> out.println("  service " + e.getKey() + ": "
                + e.getValue().path("state").asText()));
        if (delete) {
            JsonNode deletion = call("POST", "/stacks/" + id + "/delete", Map.of("remove_volumes", true));
            JsonNode deleted = waitForEnd(deletion.path("command_id").asLong());
            out.println("delete ended " + deleted.path("status").asText());
        }
        return ended.path("status").asText();
    }

    private JsonNode waitForEnd(long commandId) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (true) {
            JsonNode c = call("GET", "/commands/" + commandId, null);
            if (List.of("DONE", "FAILED", "CANCELLED").contains(c.path("status").asText())) {
                return c;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("command " + commandId + " did not end within 3 minutes: " + c);
            }
            Thread.sleep(300);
        }
    }

    private JsonNode call(String method, String path, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api + path)).timeout(Duration.ofSeconds(30));
        if (token != null && !token.isBlank()) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 400) {
            JsonNode problem = JSON.readTree(r.body());
            throw new IOException(method + " " + path + " answered " + r.statusCode() + ": " + problem.path("detail").asText()
                    + " " + problem.path("errors"));
        }
        return JSON.readTree(r.body());
    }
}
