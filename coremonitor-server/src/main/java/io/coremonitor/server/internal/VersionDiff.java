package io.coremonitor.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Differences between two versions' canonical JSON: for services, networks and volumes, which were added, removed,
 * and which changed (with the names of the changed fields). Canonical JSON is normalized, so an equal field means an
 * equal setting.
 */
final class VersionDiff {

    private static final List<String> SECTIONS = List.of("services", "networks", "volumes");

    private VersionDiff() {
    }

    /** How {@code to} differs from {@code from}. */
    static Map<String, Object> between(String stackId, String from, JsonNode fromJson, String to, JsonNode toJson) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("stack_id", stackId);
        out.put("version", to);
        out.put("against", from);
        boolean identical = true;
        for (String section : SECTIONS) {
            Map<String, Object> d = section(fromJson.path(section), toJson.path(section));
            identical &= d.values().stream().allMatch(v -> ((List<?>) v).isEmpty());
            out.put(section, d);
        }
        JsonNode fromName = fromJson.path("name");
        JsonNode toName = toJson.path("name");
        out.put("name_changed", !Objects.equals(fromName, toName));
        identical &= Objects.equals(fromName, toName);
        out.put("identical", identical);
        return out;
    }

    private static Map<String, Object> section(JsonNode from, JsonNode to) {
        TreeSet<String> names = new TreeSet<>();
        from.fieldNames().forEachRemaining(names::add);
        to.fieldNames().forEachRemaining(names::add);
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<Map<String, Object>> changed = new ArrayList<>();
        for (String name : names) {
            JsonNode a = from.get(name);
            JsonNode b = to.get(name);
            if (a == null) {
                added.add(name);
            } else if (b == null) {
                removed.add(name);
            } else if (!a.equals(b)) {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("name", name);
                c.put("fields", changedFields(a, b));
                changed.add(c);
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("added", added);
        m.put("removed", removed);
        m.put("changed", changed);
        return m;
    }

    private static List<String> changedFields(JsonNode a, JsonNode b) {
        if (!a.isObject() || !b.isObject()) {
            return List.of("");
        }
        TreeSet<String> fields = new TreeSet<>();
        for (Iterator<String> it = a.fieldNames(); it.hasNext();) {
            fields.add(it.next());
        }
        b.fieldNames().forEachRemaining(fields::add);
        List<String> out = new ArrayList<>();
        for (String f : fields) {
            if (!Objects.equals(a.get(f), b.get(f))) {
                out.add(f);
            }
        }
        return out;
    }
}
