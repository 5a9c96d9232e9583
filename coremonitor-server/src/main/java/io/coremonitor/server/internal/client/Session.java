package io.coremonitor.server.internal.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** One run of a subcommand: the API, the output streams, {@code --json}, the environment. */
final class Session {

    private static final Pattern VERSION = Pattern.compile("v?([1-9][0-9]{0,8})");
    private static final int PAGE = 500;

    final RestClient api;
    final PrintStream out;
    final PrintStream err;
    final boolean json;
    final Map<String, String> env;
    final InputStream stdin;

    Session(RestClient api, PrintStream out, PrintStream err, boolean json, Map<String, String> env, InputStream stdin) {
        this.api = api;
        this.out = out;
        this.err = err;
        this.json = json;
        this.env = env;
        this.stdin = stdin;
    }

    /** The live stack named {@code name} (as {@code GET /stacks/{id}} answers it); exit 1 when there is none. */
    JsonNode stack(String name) {
        for (JsonNode s : all("/stacks?name=" + RestClient.enc(name))) {
            if (s.path("name").asText().equals(name)) {
                return s;
            }
        }
        throw new CliException(ExitCodes.FAILED, "no stack named '" + name + "'");
    }

    String stackId(String name) {
        return stack(name).path("stack_id").asText();
    }

    /** Every item of a paged list ({@code path} with or without a query), page after page. */
    List<JsonNode> all(String path) {
        List<JsonNode> items = new ArrayList<>();
        String sep = path.contains("?") ? "&" : "?";
        String cursor = null;
        do {
            JsonNode page = api.get(path + sep + "limit=" + PAGE + (cursor == null ? "" : "&cursor=" + RestClient.enc(cursor)));
            page.path("items").forEach(items::add);
            JsonNode next = page.path("next_cursor");
            cursor = next.isTextual() ? next.asText() : null;
        } while (cursor != null);
        return items;
    }

    /** {@code {"items":[...]}}: the documented {@code --json} shape of a list read over all its pages. */
    static ObjectNode items(List<JsonNode> items) {
        ObjectNode o = RestClient.JSON.createObjectNode();
        ArrayNode a = o.putArray("items");
        items.forEach(a::add);
        return o;
    }

    /** A version label from {@code v3} or {@code 3}; a usage error otherwise. */
    static String version(String arg) {
        var m = VERSION.matcher(arg);
        if (!m.matches()) {
            throw CliException.usage("'" + arg + "' is not a version: give v1, v2, ... (or 1, 2, ...)");
        }
        return "v" + m.group(1);
    }

    /** A command id: a positive integer; a usage error otherwise. */
    static long commandId(String arg) {
        try {
            long id = Long.parseLong(arg);
            if (id >= 1) {
                return id;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw CliException.usage("'" + arg + "' is not a command id: give a positive integer (see 'coremonitor commands')");
    }

    /** Prints a JSON document, indented. */
    void printJson(JsonNode node) {
        try {
            out.println(RestClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Prints a JSON document on one line (JSON lines, for streams). */
    void printJsonLine(JsonNode node) {
        out.println(node.toString());
    }

    void print(Table table) {
        table.lines().forEach(out::println);
    }
}
