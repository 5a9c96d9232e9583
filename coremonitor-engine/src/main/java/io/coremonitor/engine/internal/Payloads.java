package io.coremonitor.engine.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coremonitor.model.DeployCheck;
import java.util.List;

/** The JSON payloads of commands (the contract shared with the executors). */
public final class Payloads {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Payloads() {
    }

    /** APPLY_STACK_VERSION and ROLLBACK_STACK_VERSION: {@code {"version":"v2","auto_rollback":false}}. */
    public static String version(String version, boolean autoRollback) {
        return version(version, autoRollback, List.of(), false);
    }

    /**
     * APPLY_STACK_VERSION and ROLLBACK_STACK_VERSION: {@code {"version":"v2","auto_rollback":false}}, with
     * {@code "recreate_volumes":true} when a volume whose settings changed may be recreated (its data lost).
     */
    public static String version(String version, boolean autoRollback, boolean recreateVolumes) {
        return version(version, autoRollback, List.of(), recreateVolumes);
    }

    /**
     * APPLY_STACK_VERSION and ROLLBACK_STACK_VERSION with active profiles:
     * {@code {"version":"v2","auto_rollback":false,"profiles":["debug"]}} ({@code profiles} only when some are given).
     */
    public static String version(String version, boolean autoRollback, List<String> profiles) {
        return version(version, autoRollback, profiles, false);
    }

    /**
     * APPLY_STACK_VERSION and ROLLBACK_STACK_VERSION: {@code {"version":"v2","auto_rollback":false}}, with
     * {@code "profiles":["debug"]} when some profiles are active and {@code "recreate_volumes":true} when a volume whose
     * settings changed may be recreated (its data lost).
     */
    public static String version(String version, boolean autoRollback, List<String> profiles, boolean recreateVolumes) {
        ObjectNode node = JSON.createObjectNode();
        node.put("version", version);
        node.put("auto_rollback", autoRollback);
        if (!profiles.isEmpty()) {
            ArrayNode array = node.putArray("profiles");
            profiles.forEach(array::add);
        }
        if (recreateVolumes) {
            node.put("recreate_volumes", true);
        }
        return node.toString();
    }

    /** DELETE_STACK: {@code {"remove_volumes":false}}. */
    public static String delete(boolean removeVolumes) {
        ObjectNode node = JSON.createObjectNode();
        node.put("remove_volumes", removeVolumes);
        return node.toString();
    }

    /** RUNTIME_ACTION: {@code {"action":"start","services":["web"]}} (empty = all services). */
    public static String runtimeAction(String action, List<String> services) {
        ObjectNode node = JSON.createObjectNode();
        node.put("action", action);
        ArrayNode array = node.putArray("services");
        services.forEach(array::add);
        return node.toString();
    }

    /**
     * DEPLOY_ARTIFACT: {@code {"service":"app","artifact":"<sha256>","path":"/app","check":{"path":"/app","status":0}}}
     * (status 0: any 2xx or 3xx).
     */
    public static String deploy(String service, String artifact, String path, DeployCheck check) {
        ObjectNode node = JSON.createObjectNode();
        node.put("service", service);
        node.put("artifact", artifact);
        node.put("path", path);
        ObjectNode c = node.putObject("check");
        c.put("path", check.path());
        c.put("status", check.status());
        return node.toString();
    }

    /** Parses a payload (a JSON object text). */
    public static JsonNode parse(String payload) {
        try {
            JsonNode node = JSON.readTree(payload);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("a command payload must be a JSON object: " + payload);
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a command payload must be a JSON object: " + e.getOriginalMessage(), e);
        }
    }
}
