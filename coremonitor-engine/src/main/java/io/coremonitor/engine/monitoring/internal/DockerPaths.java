package io.coremonitor.engine.monitoring.internal;

import java.util.Set;

/**
 * The route template of a Docker Engine API request path, for a metric tag of bounded cardinality:
 * {@code /v1.41/containers/3f2a.../json?all=1} becomes {@code /containers/{id}/json}. The API version and the query
 * are dropped; ids and names (image names may hold slashes) become {@code {id}}; an unknown resource becomes
 * {@code /other}.
 */
public final class DockerPaths {

    private static final Set<String> RESOURCES = Set.of("containers", "images", "networks", "volumes", "exec", "events",
            "_ping", "version", "info", "system", "auth", "build", "commit", "distribution", "plugins", "session",
            "swarm", "services", "nodes", "tasks", "secrets", "configs");
    /** Words that follow a resource directly ({@code /containers/json}) or end an id's path ({@code .../logs}). */
    private static final Set<String> ACTIONS = Set.of("json", "create", "prune", "load", "search", "get", "start",
            "stop", "restart", "kill", "wait", "logs", "stats", "top", "changes", "export", "resize", "attach",
            "pause", "unpause", "update", "rename", "archive", "exec", "connect", "disconnect", "history", "push",
            "tag", "df", "events", "ws");

    private DockerPaths() {
    }

    /** The template of {@code path}. */
    public static String template(String path) {
        String p = path;
        int query = p.indexOf('?');
        if (query >= 0) {
            p = p.substring(0, query);
        }
        String[] segments = p.replaceAll("^/+|/+$", "").split("/+");
        int first = segments.length > 0 && segments[0].matches("v[0-9]+(\\.[0-9]+)?") ? 1 : 0;
        if (segments.length <= first || !RESOURCES.contains(segments[first])) {
            return "/other";
        }
        String resource = "/" + segments[first];
        int rest = segments.length - first - 1;
        if (rest == 0) {
            return resource;
        }
        String next = segments[first + 1];
        String last = segments[segments.length - 1];
        if (rest == 1) {
            return resource + "/" + (ACTIONS.contains(next) ? next : "{id}");
        }
        return resource + "/{id}" + (ACTIONS.contains(last) ? "/" + last : "");
    }
}
