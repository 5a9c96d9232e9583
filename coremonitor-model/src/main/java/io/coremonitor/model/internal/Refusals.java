package io.coremonitor.model.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keys of the compose specification that Core Monitor refuses, by context, with the reason shown to the user.
 * A key neither supported (in the schema) nor listed here is reported as unknown.
 */
public final class Refusals {

    private static final String FILES = "Core Monitor stores definitions, the files are not available";
    private static final String SELF_CONTAINED = "Core Monitor stores one self-contained definition; copy the keys"
        + " (YAML anchors and '<<' merge keys work)";
    private static final String SWARM = "it is a Swarm setting; Core Monitor runs one container per service on one engine";

    private static final Map<String, Map<String, String>> REFUSED = Map.ofEntries(
        Map.entry("top", Map.of(
            "include", SELF_CONTAINED,
            "models", "AI models are not managed")),
        Map.entry("secret", Map.of(
            "file", FILES + "; store the value in Core Monitor's secret store (POST /api/v1/secrets) and use 'external: true'",
            "content", "a secret's value is never written in a definition; store it in Core Monitor's secret store"
                + " (POST /api/v1/secrets) and use 'external: true'",
            "driver", SWARM,
            "driver_opts", SWARM,
            "template_driver", SWARM,
            "labels", SWARM)),
        Map.entry("config", Map.of(
            "file", FILES + "; put the text under 'content:'",
            "driver", SWARM,
            "template_driver", SWARM,
            "labels", SWARM)),
        Map.entry("service", Map.ofEntries(
            Map.entry("label_file", FILES + "; put the labels under 'labels:'"),
            Map.entry("develop", "development mode (watch) is not supported"),
            Map.entry("scale", "Core Monitor runs exactly one container per service"),
            Map.entry("gpus", "GPU access is not supported"),
            Map.entry("models", "AI models are not managed"),
            Map.entry("provider", "provider services are not supported"),
            Map.entry("use_api_socket", "exposing the Docker API socket this way is not supported; bind-mount it explicitly"),
            Map.entry("credential_spec", "gMSA credential specs exist for Windows containers only, and their 'file' and"
                + " 'registry' forms read the client machine's files and registry"),
            Map.entry("pull_refresh_after", "images are pulled when missing ('pull_policy: missing') or never; a timed refresh"
                + " is not supported"),
            Map.entry("volume_driver", "obsolete (compose file format 2); set 'driver' on the top-level volume instead"),
            Map.entry("net", "obsolete (compose file format 1); use 'network_mode'"))),
        Map.entry("deploy", Map.of(
            "labels", SWARM + "; use the service's 'labels:'",
            "placement", SWARM,
            "rollback_config", SWARM,
            "endpoint_mode", SWARM)),
        Map.entry("deploy.update_config", Map.of(
            "parallelism", "Core Monitor runs one container per service, replaced at once",
            "delay", "Core Monitor runs one container per service: there are no batches to wait between",
            "failure_action", "a failed update fails the version (the old container is kept with start-first); use the APPLY's"
                + " auto_rollback to go back",
            "monitor", "the new container is watched until it is healthy (or running without a health check), not for a"
                + " fixed period",
            "max_failure_ratio", "Core Monitor runs one container per service: an update fails or succeeds as a whole")),
        Map.entry("deploy.restart_policy", Map.of(
            "delay", "Docker restart policies have no delay",
            "window", "Docker restart policies have no window")),
        Map.entry("deploy.resources.reservations", Map.of(
            "devices", "device reservations (GPUs) are not supported",
            "generic_resources", SWARM)),
        Map.entry("deploy.resources.limits", Map.of()),
        Map.entry("mount", Map.of(
            "consistency", "mount consistency only matters on Docker Desktop for macOS",
            "image", "image mounts are not supported")),
        Map.entry("mount.bind", Map.of("recursive", "recursive bind mount options are not supported")),
        Map.entry("mount.volume", Map.of("labels", "label the volume under the top-level 'volumes:' instead")),
        Map.entry("network", Map.of("enable_ipv4", "only the engine's default IPv4 setting is supported")));


    private Refusals() {
    }

    /** The reason why a known compose key is refused in that context; empty for a key unknown to compose. */
    public static Optional<String> reason(String context, String key) {
        Map<String, String> refused = REFUSED.get(context);
        if (refused != null && refused.containsKey(key)) {
            return Optional.of(refused.get(key));
        }
        return Optional.empty();
    }

    /** The message for a key found in a context. */
    public static String message(String context, String key) {
        return reason(context, key)
            .map(r -> "'" + key + "' is not supported by Core Monitor" + (r.isEmpty() ? "" : ": " + r))
            .orElse("unknown key '" + key + "' (not part of the compose specification"
                + ("top".equals(context) ? " top level" : "") + ")");
    }

    /** The context of a mapping, from the path segments leading to it. */
    public static String context(List<String> segments) {
        int n = segments.size();
        if (n == 0) {
            return "top";
        }
        String root = segments.get(0);
        if ("networks".equals(root) && n == 2) {
            return "network";
        }
        if ("volumes".equals(root) && n == 2) {
            return "volume";
        }
        if ("secrets".equals(root) && n == 2) {
            return "secret";
        }
        if ("configs".equals(root) && n == 2) {
            return "config";
        }
        if (!"services".equals(root) || n < 2) {
            return "other";
        }
        List<String> rest = segments.subList(2, n);
        if (rest.isEmpty()) {
            return "service";
        }
        String joined = String.join(".", rest);
        if (joined.startsWith("deploy")) {
            return joined;
        }
        if ("volumes".equals(rest.get(0)) && rest.size() == 2) {
            return "mount";
        }
        if ("volumes".equals(rest.get(0)) && rest.size() == 3) {
            return "mount." + rest.get(2);
        }
        return "other";
    }
}
