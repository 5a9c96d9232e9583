package io.coremonitor.server.internal.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The subcommands that queue commands (apply, rollback, start, stop, restart, deploy, delete; each with
 * {@code --wait}) and those of the queue itself (commands, cancel, retry).
 */
final class QueueCommands {

    private QueueCommands() {
    }

    /** {@code apply NAME [VERSION]}: {@code POST /stacks/{id}/apply/{version}}; the latest version by default. */
    static int apply(Syntax.Args a, Session s) {
        Optional<String> given = a.optional("VERSION").map(Session::version);
        JsonNode stack = s.stack(a.get("NAME"));
        String version = given.orElseGet(() -> stack.path("latest_version").asText());
        return versionCommand(a, s, stack, "apply", version);
    }

    /** {@code rollback NAME VERSION}: {@code POST /stacks/{id}/rollback/{version}}. */
    static int rollback(Syntax.Args a, Session s) {
        String version = Session.version(a.get("VERSION"));
        return versionCommand(a, s, s.stack(a.get("NAME")), "rollback", version);
    }

    private static int versionCommand(Syntax.Args a, Session s, JsonNode stack, String verb, String version) {
        ObjectNode body = RestClient.JSON.createObjectNode().put("auto_rollback", a.flag("--auto-rollback"));
        JsonNode c = s.api.post("/stacks/" + stack.path("stack_id").asText() + "/" + verb + "/" + version, body).json();
        return accepted(a, s, c, verb + " " + stack.path("name").asText() + " " + version);
    }

    /** {@code start|stop|restart NAME [SERVICE...]}: {@code POST /stacks/{id}/actions/{action}}. */
    static int action(String action, Syntax.Args a, Session s) {
        String id = s.stackId(a.get("NAME"));
        ObjectNode body = RestClient.JSON.createObjectNode();
        ArrayNode services = body.putArray("services");
        a.all("SERVICE").forEach(services::add);
        JsonNode c = s.api.post("/stacks/" + id + "/actions/" + action, body).json();
        List<String> named = a.all("SERVICE");
        return accepted(a, s, c, action + " " + a.get("NAME") + (named.isEmpty() ? "" : " " + String.join(" ", named)));
    }

    /** {@code delete NAME [--volumes]}: {@code POST /stacks/{id}/delete}. */
    static int delete(Syntax.Args a, Session s) {
        String id = s.stackId(a.get("NAME"));
        ObjectNode body = RestClient.JSON.createObjectNode().put("remove_volumes", a.flag("--volumes"));
        return accepted(a, s, s.api.post("/stacks/" + id + "/delete", body).json(), "delete " + a.get("NAME"));
    }

    /**
     * {@code deploy NAME SERVICE FILE}: uploads FILE ({@code POST /artifacts?name=}; stored once by its SHA-256), then
     * {@code POST /stacks/{id}/deploy} with it.
     */
    static int deploy(Syntax.Args a, Session s) {
        Optional<Integer> checkStatus = a.option("--check-status").map(QueueCommands::status);
        Path file = Path.of(a.get("FILE"));
        if (!Files.isRegularFile(file)) {
            throw new CliException(ExitCodes.FAILED, file + ": no such file");
        }
        String id = s.stackId(a.get("NAME"));
        RestClient.Answer up = s.api.upload("/artifacts?name=" + RestClient.enc(file.getFileName().toString()), file);
        String sha = up.json().path("sha256").asText();
        if (!s.json) {
            s.out.println("uploaded " + file.getFileName() + ": sha256 " + sha + (up.status() == 201 ? "" : " (stored before)"));
        }
        ObjectNode body = RestClient.JSON.createObjectNode().put("service", a.get("SERVICE")).put("artifact", sha);
        a.option("--path").ifPresent(p -> body.put("path", p));
        if (a.option("--check-path").isPresent() || checkStatus.isPresent()) {
            ObjectNode check = body.putObject("check");
            check.put("path", a.option("--check-path").orElse(a.option("--path").orElse("/")));
            checkStatus.ifPresent(st -> check.put("status", st));
        }
        JsonNode c = s.api.post("/stacks/" + id + "/deploy", body).json();
        return accepted(a, s, c, "deploy " + file.getFileName() + " into " + a.get("NAME") + " " + a.get("SERVICE"));
    }

    private static int status(String text) {
        try {
            int n = Integer.parseInt(text);
            if (n >= 100 && n <= 599) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw CliException.usage("--check-status '" + text + "' is not an HTTP status (100-599)");
    }

    /** A queued command: printed, or followed to its end with {@code --wait}. */
    private static int accepted(Syntax.Args a, Session s, JsonNode command, String what) {
        long id = command.path("command_id").asLong();
        if (a.flag("--wait")) {
            if (!s.json) {
                s.out.println("command " + id + " " + command.path("type").asText() + " queued (" + what + "); following it");
            }
            return new CommandWaiter(s).follow(id);
        }
        if (s.json) {
            s.printJson(command);
        } else {
            s.out.println("command " + id + " " + command.path("type").asText() + " queued (" + what + "): "
                + command.path("status").asText());
        }
        return ExitCodes.DONE;
    }

    /**
     * {@code commands [--stack NAME] [--status S] [--type T] [--limit N]}: {@code GET /commands}, every page, the
     * newest {@code --limit} shown (oldest first; 0: all).
     */
    static int commands(Syntax.Args a, Session s) {
        int limit = limit(a.option("--limit").orElse("50"));
        StringBuilder q = new StringBuilder("/commands?");
        a.option("--stack").ifPresent(n -> q.append("stack_id=").append(RestClient.enc(s.stackId(n))).append('&'));
        a.option("--status").ifPresent(st -> q.append("status=").append(RestClient.enc(st)).append('&'));
        a.option("--type").ifPresent(t -> q.append("type=").append(RestClient.enc(t)).append('&'));
        List<JsonNode> all = s.all(q.substring(0, q.length() - 1));
        List<JsonNode> shown = limit == 0 || all.size() <= limit ? all : all.subList(all.size() - limit, all.size());
        if (s.json) {
            s.printJson(Session.items(shown));
            return ExitCodes.DONE;
        }
        Map<String, String> names = new HashMap<>();
        s.all("/stacks?include_deleted=true").forEach(st -> names.put(st.path("stack_id").asText(), st.path("name").asText()));
        Table t = new Table("ID", "STACK", "TYPE", "STATUS", "ATTEMPT", "CREATED", "ENDED", "BY", "ERROR");
        for (JsonNode c : shown) {
            String stackId = c.path("stack_id").asText();
            t.row(Long.toString(c.path("command_id").asLong()), names.getOrDefault(stackId, stackId), c.path("type").asText(),
                c.path("status").asText(), Integer.toString(c.path("attempt").asInt()), Text.time(c.path("created_at")),
                Text.time(c.path("ended_at")), Text.of(c.path("created_by")), Text.cell(Text.of(c.path("error"))));
        }
        s.print(t);
        if (shown.size() < all.size()) {
            s.err.println("(the newest " + shown.size() + " of " + all.size() + " commands; --limit 0 shows all)");
        }
        return ExitCodes.DONE;
    }

    private static int limit(String text) {
        try {
            int n = Integer.parseInt(text);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw CliException.usage("--limit '" + text + "' is not a number of commands (0: all)");
    }

    /** {@code cancel ID}: {@code POST /commands/{id}/cancel}. */
    static int cancel(Syntax.Args a, Session s) {
        long id = Session.commandId(a.get("ID"));
        RestClient.Answer r = s.api.post("/commands/" + id + "/cancel", null);
        if (s.json) {
            s.printJson(r.json());
        } else if (r.status() == 202) {
            s.out.println("command " + id + " is RUNNING: cancel requested (it stops at its next step)");
        } else {
            s.out.println("command " + id + " " + r.json().path("status").asText());
        }
        return ExitCodes.DONE;
    }

    /** {@code retry ID [--wait]}: {@code POST /commands/{id}/retry} (a FAILED command, back to PENDING). */
    static int retry(Syntax.Args a, Session s) {
        long id = Session.commandId(a.get("ID"));
        JsonNode c = s.api.post("/commands/" + id + "/retry", null).json();
        return accepted(a, s, c, "retry, attempt " + c.path("attempt").asInt());
    }
}
