package io.coremonitor.engine.internal.convergence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.coremonitor.engine.CommandFailedException;
import io.coremonitor.model.Profiles;
import io.coremonitor.model.ValidationError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The command payloads of the convergence executors (the fixed contract). */
final class Payloads {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Payloads() {
    }

    /**
     * {@code {"version":"v2","auto_rollback":false,"profiles":["debug"],"recreate_volumes":false}} ({@code profiles}
     * absent: none active); {@code recreate_volumes} lets the APPLY recreate a volume whose settings changed (its data is
     * lost); without it such a plan is refused.
     */
    record Apply(String version, boolean autoRollback, List<String> profiles, boolean recreateVolumes) {
    }

    /** {@code {"remove_volumes":false}}. */
    record Delete(boolean removeVolumes) {
    }

    /** {@code {"action":"start"|"stop"|"restart","services":[...]}} (empty: all). */
    record RuntimeAction(String action, List<String> services) {
    }

    static Apply apply(String payload) {
        JsonNode node = read(payload);
        JsonNode version = node.get("version");
        if (version == null || !version.isTextual() || !version.asText().matches("v[1-9][0-9]*")) {
            throw new CommandFailedException("invalid payload: \"version\" must be a version label such as \"v2\", got " + version);
        }
        List<String> profiles = new ArrayList<>();
        JsonNode given = node.path("profiles");
        if (!given.isMissingNode() && !given.isNull() && !given.isArray()) {
            throw new CommandFailedException("invalid payload: \"profiles\" must be an array of profile names, got " + given);
        }
        given.forEach(p -> profiles.add(p.asText()));
        List<ValidationError> wrong = Profiles.checkNames(profiles, "profiles");
        if (!wrong.isEmpty()) {
            throw new CommandFailedException("invalid payload: " + wrong.get(0));
        }
        return new Apply(version.asText(), node.path("auto_rollback").asBoolean(false), List.copyOf(profiles),
            node.path("recreate_volumes").asBoolean(false));
    }

    static Delete delete(String payload) {
        return new Delete(read(payload).path("remove_volumes").asBoolean(false));
    }

    static RuntimeAction runtimeAction(String payload) {
        JsonNode node = read(payload);
        String action = node.path("action").asText("").toLowerCase(Locale.ROOT);
        if (!List.of("start", "stop", "restart").contains(action)) {
            throw new CommandFailedException("invalid payload: \"action\" must be start, stop or restart, got " + node.get("action"));
        }
        List<String> services = new ArrayList<>();
        node.path("services").forEach(s -> services.add(s.asText()));
        return new RuntimeAction(action, services);
    }

    private static JsonNode read(String payload) {
        try {
            JsonNode node = JSON.readTree(payload == null || payload.isBlank() ? "{}" : payload);
            if (!node.isObject()) {
                throw new CommandFailedException("invalid payload: a JSON object is expected");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new CommandFailedException("invalid payload: " + e.getOriginalMessage());
        }
    }
}
