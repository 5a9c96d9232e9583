package io.coremonitor.server.internal.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The subcommands that read or write stacks and versions: stacks, create, push, diff, plan, history, ps. */
final class StackCommands {

    private StackCommands() {
    }

    /** {@code stacks [--all]}: {@code GET /overview}, every page. */
    static int stacks(Syntax.Args a, Session s) {
        List<JsonNode> items = s.all("/overview" + (a.flag("--all") ? "?include_deleted=true" : ""));
        if (s.json) {
            s.printJson(Session.items(items));
            return ExitCodes.DONE;
        }
        Table t = new Table("NAME", "STATE", "CURRENT", "LATEST", "LAST COMMAND", "UPDATED");
        for (JsonNode i : items) {
            String state = i.path("deleted_at").isNull() ? Text.of(i.path("status").path("actual")) : "DELETED";
            if (!i.path("drift").isNull() && !i.path("drift").isMissingNode()) {
                state += " (drift: " + String.join(", ", fieldNames(i.path("drift").path("services"))) + ")";
            }
            JsonNode c = i.path("last_command");
            String last = c.isNull() || c.isMissingNode() ? ""
                : "#" + c.path("command_id").asLong() + " " + c.path("type").asText() + " " + c.path("status").asText();
            t.row(i.path("name").asText(), state, Text.of(i.path("current_version")), Text.of(i.path("latest_version")),
                last, Text.time(i.path("updated_at")));
        }
        s.print(t);
        return ExitCodes.DONE;
    }

    /** {@code create NAME -f FILE [-m COMMENT] [--var K=V]}: {@code POST /stacks}. */
    static int create(Syntax.Args a, Session s) {
        String name = a.get("NAME");
        Definitions.Source src = Definitions.read(file(a), s);
        ObjectNode body = definitionBody(a, s, src);
        warnings(s, src, body);
        body.put("name", name);
        JsonNode stack;
        try {
            stack = s.api.post("/stacks", body).json();
        } catch (ApiException e) {
            throw e.from(src.label());
        }
        if (s.json) {
            s.printJson(stack);
        } else {
            s.out.println("created stack " + name + " (" + stack.path("stack_id").asText() + ") with "
                + stack.path("latest_version").asText() + "; apply it: coremonitor apply " + name);
        }
        return ExitCodes.DONE;
    }

    /**
     * {@code push NAME -f FILE [-m COMMENT] [--var K=V]}: {@code POST /stacks/{id}/versions}; a new version only when
     * the definition differs from the latest one's (the server answers 200 with the latest otherwise).
     */
    static int push(Syntax.Args a, Session s) {
        String name = a.get("NAME");
        String id = s.stackId(name);
        Definitions.Source src = Definitions.read(file(a), s);
        ObjectNode body = definitionBody(a, s, src);
        warnings(s, src, body);
        RestClient.Answer answer;
        try {
            answer = s.api.post("/stacks/" + id + "/versions", body);
        } catch (ApiException e) {
            throw e.from(src.label());
        }
        boolean created = answer.status() == 201;
        String version = answer.json().path("version").asText();
        if (s.json) {
            ObjectNode o = RestClient.JSON.createObjectNode();
            o.put("created", created);
            o.set("version", answer.json());
            s.printJson(o);
        } else if (created) {
            s.out.println("created " + version + " of " + name + "; apply it: coremonitor apply " + name + " " + version);
        } else {
            s.out.println("no new version: " + src.label() + " is the definition of " + name + "'s latest version " + version);
        }
        return ExitCodes.DONE;
    }

    private static String file(Syntax.Args a) {
        return a.option("--file").orElseThrow(() -> CliException.usage("missing -f FILE (the compose file; '-' reads "
            + "standard input)"));
    }

    private static ObjectNode definitionBody(Syntax.Args a, Session s, Definitions.Source src) {
        ObjectNode body = RestClient.JSON.createObjectNode();
        body.put("compose", src.text());
        a.option("--message").ifPresent(m -> body.put("comment", m));
        ObjectNode vars = body.putObject("variables");
        Definitions.variables(src.text(), s.env, a.options("--var")).forEach(vars::put);
        return body;
    }

    /**
     * Prints the definition's warnings (unset variables, ignored keys) on stderr, as {@code docker compose} does: the
     * answer of {@code POST /validate} for the same body (creating a version answers no warnings). Its errors are left
     * to the creation, which refuses the definition with them.
     */
    private static void warnings(Session s, Definitions.Source src, ObjectNode body) {
        for (JsonNode w : s.api.post("/validate", body).json().path("warnings")) {
            s.err.println("coremonitor: warning: " + ApiException.FieldError.of(w).format(Optional.of(src.label())));
        }
    }

    /** {@code diff NAME FROM TO}: {@code GET /stacks/{id}/versions/{TO}/diff?against={FROM}}. */
    static int diff(Syntax.Args a, Session s) {
        String from = Session.version(a.get("FROM"));
        String to = Session.version(a.get("TO"));
        String id = s.stackId(a.get("NAME"));
        JsonNode d = s.api.get("/stacks/" + id + "/versions/" + to + "/diff?against=" + from);
        if (s.json) {
            s.printJson(d);
            return ExitCodes.DONE;
        }
        if (d.path("identical").asBoolean()) {
            s.out.println(from + " and " + to + " of " + a.get("NAME") + " have the same definition");
            return ExitCodes.DONE;
        }
        s.out.println(a.get("NAME") + ": " + from + " -> " + to);
        if (d.path("name_changed").asBoolean()) {
            s.out.println("name: changed");
        }
        for (String section : List.of("services", "networks", "volumes")) {
            JsonNode sec = d.path(section);
            List<String> lines = new ArrayList<>();
            sec.path("added").forEach(n -> lines.add("  + " + n.asText()));
            sec.path("removed").forEach(n -> lines.add("  - " + n.asText()));
            sec.path("changed").forEach(c -> lines.add("  ~ " + c.path("name").asText() + ": " + Text.join(c.path("fields"), ", ")));
            if (!lines.isEmpty()) {
                s.out.println(section + ":");
                lines.forEach(s.out::println);
            }
        }
        return ExitCodes.DONE;
    }

    /** {@code plan NAME VERSION}: {@code GET /stacks/{id}/plan/{VERSION}} (a dry run). */
    static int plan(Syntax.Args a, Session s) {
        String version = Session.version(a.get("VERSION"));
        String id = s.stackId(a.get("NAME"));
        JsonNode p = s.api.get("/stacks/" + id + "/plan/" + version);
        if (s.json) {
            s.printJson(p);
            return ExitCodes.DONE;
        }
        Table t = new Table("ACTION", "NAME", "SERVICE", "REASONS");
        p.path("actions").forEach(x -> t.row(x.path("kind").asText(), x.path("name").asText(), Text.of(x.path("service")),
            Text.join(x.path("reasons"), "; ")));
        s.print(t);
        List<String> counts = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = p.path("summary").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().asInt() > 0) {
                counts.add(e.getValue().asInt() + " " + e.getKey());
            }
        }
        s.out.println(p.path("unchanged").asBoolean() ? a.get("NAME") + " runs " + version + " as it is: nothing to change"
            : "plan of " + a.get("NAME") + " " + version + ": " + String.join(", ", counts));
        return ExitCodes.DONE;
    }

    /** {@code history NAME}: {@code GET /stacks/{id}/versions}, every page, newest first. */
    static int history(Syntax.Args a, Session s) {
        JsonNode stack = s.stack(a.get("NAME"));
        List<JsonNode> versions = s.all("/stacks/" + stack.path("stack_id").asText() + "/versions");
        if (s.json) {
            s.printJson(Session.items(versions));
            return ExitCodes.DONE;
        }
        String current = Text.of(stack.path("current_version"));
        Table t = new Table("VERSION", "PARENT", "CREATED", "AUTHOR", "STATUS", "COMMENT");
        for (JsonNode v : versions) {
            String label = v.path("version").asText();
            t.row(label + (label.equals(current) ? " (current)" : ""), Text.of(v.path("parent_version")),
                Text.time(v.path("metadata").path("created_at")), Text.of(v.path("metadata").path("created_by")),
                Text.of(v.path("status").path("actual")), Text.cell(Text.of(v.path("metadata").path("comment"))));
        }
        s.print(t);
        return ExitCodes.DONE;
    }

    /**
     * {@code ps NAME}: the live state from {@code GET /stacks/{id}/status} and {@code GET /stacks/{id}/containers};
     * {@code --json} prints {@code {"status": ..., "containers": [...]}}.
     */
    static int ps(Syntax.Args a, Session s) {
        String name = a.get("NAME");
        String id = s.stackId(name);
        JsonNode status = s.api.get("/stacks/" + id + "/status");
        JsonNode containers = s.api.get("/stacks/" + id + "/containers").path("items");
        if (s.json) {
            ObjectNode o = RestClient.JSON.createObjectNode();
            o.set("status", status);
            o.set("containers", containers);
            s.printJson(o);
            return ExitCodes.DONE;
        }
        s.out.println(name + ": " + status.path("actual").asText() + " (desired " + status.path("desired").asText() + ")"
            + (status.path("version").isTextual() ? ", version " + status.path("version").asText() : "")
            + (status.path("drifted").asBoolean() ? ", drifted" : ""));
        Map<String, JsonNode> services = new TreeMap<>();
        status.path("services").fields().forEachRemaining(e -> services.put(e.getKey(), e.getValue()));
        Map<String, List<JsonNode>> byService = new LinkedHashMap<>();
        containers.forEach(c -> byService.computeIfAbsent(c.path("service").asText(), k -> new ArrayList<>()).add(c));
        Table t = new Table("SERVICE", "CONTAINER", "IMAGE", "STATE", "HEALTH", "VERSION", "UPTIME", "PORTS");
        for (Map.Entry<String, JsonNode> e : services.entrySet()) {
            JsonNode sv = e.getValue();
            List<JsonNode> cs = byService.getOrDefault(e.getKey(), List.of());
            String state = sv.path("state").asText() + (sv.path("drift").isTextual() ? " (drift: " + sv.path("drift").asText()
                + ")" : "");
            if (cs.isEmpty()) {
                t.row(e.getKey(), "", "", state, Text.of(sv.path("health")), Text.of(sv.path("version")),
                    Text.duration(sv.path("uptime_seconds")), "");
            }
            for (JsonNode c : cs) {
                t.row(e.getKey(), c.path("name").asText(), c.path("image").asText(), state, Text.of(sv.path("health")),
                    Text.of(sv.path("version")), Text.duration(sv.path("uptime_seconds")), Text.join(c.path("ports"), ", "));
            }
        }
        byService.forEach((service, cs) -> {
            if (!services.containsKey(service)) {
                cs.forEach(c -> t.row(service, c.path("name").asText(), c.path("image").asText(), c.path("state").asText(),
                    Text.of(c.path("health")), "", "", Text.join(c.path("ports"), ", ")));
            }
        });
        s.print(t);
        return ExitCodes.DONE;
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
