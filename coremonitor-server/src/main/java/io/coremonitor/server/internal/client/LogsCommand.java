package io.coremonitor.server.internal.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * {@code logs NAME [SERVICE] [-f] [--tail N]}: {@code GET /stacks/{id}/services/{service}/logs}, for one service or for
 * every service that has a container (each line then prefixed with {@code service | }, like {@code docker compose
 * logs}). {@code -f} follows every service's stream until each container stops ({@code end}); a stream's
 * {@code error} event (Docker unreachable) is printed and is exit 3. {@code --json} prints one JSON object per line:
 * {@code {"service","stream","message"}}.
 */
final class LogsCommand {

    private final Session s;
    private final Object lock = new Object();
    private int width;

    LogsCommand(Session s) {
        this.s = s;
    }

    int run(Syntax.Args a) {
        String tail = tail(a.option("--tail").orElse("all"));
        String id = s.stackId(a.get("NAME"));
        List<String> services = a.optional("SERVICE").map(List::of).orElseGet(() -> {
            TreeSet<String> names = new TreeSet<>();
            s.api.get("/stacks/" + id + "/containers").path("items").forEach(c -> names.add(c.path("service").asText()));
            return List.copyOf(names);
        });
        if (services.isEmpty()) {
            s.err.println("stack " + a.get("NAME") + " has no containers");
            return ExitCodes.DONE;
        }
        boolean prefix = a.optional("SERVICE").isEmpty();
        width = prefix ? services.stream().mapToInt(String::length).max().orElse(0) : -1;
        String base = "/stacks/" + id + "/services/";
        if (!a.flag("--follow")) {
            for (String service : services) {
                s.api.get(base + RestClient.enc(service) + "/logs?tail=" + tail).path("items").forEach(l -> print(service, l));
            }
            return ExitCodes.DONE;
        }
        List<Thread> threads = new ArrayList<>();
        List<CliException> failures = new ArrayList<>();
        for (String service : services) {
            Thread t = new Thread(() -> {
                try {
                    s.api.stream(base + RestClient.enc(service) + "/logs?follow=true&tail=" + tail, ev -> {
                        switch (ev.name()) {
                            case "log" -> print(service, ev.json());
                            case "error" -> {
                                synchronized (lock) {
                                    failures.add(new CliException(ExitCodes.UNREACHABLE, "logs of " + service + ": "
                                        + ev.json().path("message").asText()));
                                }
                                return false;
                            }
                            case "end" -> {
                                return false;
                            }
                            default -> {
                                // another event: nothing to show
                            }
                        }
                        return true;
                    });
                } catch (CliException e) {
                    synchronized (lock) {
                        failures.add(e);
                    }
                }
            }, "coremonitor-logs-" + service);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliException(ExitCodes.UNREACHABLE, "interrupted");
            }
        }
        synchronized (lock) {
            if (failures.size() > 1) {
                failures.subList(0, failures.size() - 1).forEach(f -> s.err.println("coremonitor: " + f.getMessage()));
            }
            if (!failures.isEmpty()) {
                throw failures.get(failures.size() - 1);
            }
        }
        return ExitCodes.DONE;
    }

    private void print(String service, JsonNode line) {
        synchronized (lock) {
            if (s.json) {
                ObjectNode o = RestClient.JSON.createObjectNode().put("service", service);
                o.set("stream", line.path("stream"));
                o.set("message", line.path("message"));
                s.printJsonLine(o);
            } else {
                s.out.println((width < 0 ? "" : Table.pad(service, width) + " | ") + line.path("message").asText());
            }
        }
    }

    /** {@code all} or 0-10000 (what the API takes). */
    static String tail(String text) {
        if (text.equals("all")) {
            return text;
        }
        try {
            int n = Integer.parseInt(text);
            if (n >= 0 && n <= 10_000) {
                return Integer.toString(n);
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw CliException.usage("--tail '" + text + "' is not 'all' nor a number of lines from 0 to 10000");
    }
}
