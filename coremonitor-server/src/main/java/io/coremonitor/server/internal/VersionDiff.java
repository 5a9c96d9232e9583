package io.coremonitor.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.coremonitor.server.internal.StackBodies.ChangedView;
import io.coremonitor.server.internal.StackBodies.DiffSectionView;
import io.coremonitor.server.internal.StackBodies.DiffView;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Differences between two versions' canonical JSON: for services, networks and volumes, which were added, removed,
 * and which changed (with the names of the changed fields). Canonical JSON is normalized, so an equal field means an
 * equal setting. The files the versions carry ({@code env_file}) are compared by path and content.
 */
final class VersionDiff {

    private VersionDiff() {
    }

    /** How {@code to} differs from {@code from}. */
    static DiffView between(String stackId, String from, JsonNode fromJson, String to, JsonNode toJson) {
        return between(stackId, from, fromJson, Map.of(), to, toJson, Map.of());
    }

    /** How {@code to} (with its files) differs from {@code from} (with its files). */
    static DiffView between(String stackId, String from, JsonNode fromJson, Map<String, String> fromFiles, String to,
            JsonNode toJson, Map<String, String> toFiles) {
        DiffSectionView services = section(fromJson.path("services"), toJson.path("services"));
        DiffSectionView networks = section(fromJson.path("networks"), toJson.path("networks"));
        DiffSectionView volumes = section(fromJson.path("volumes"), toJson.path("volumes"));
        boolean nameChanged = !Objects.equals(fromJson.path("name"), toJson.path("name"));
        DiffSectionView files = files(fromFiles, toFiles);
        boolean identical = !nameChanged && Stream.of(services, networks, volumes, files).allMatch(DiffSectionView::empty);
        return new DiffView(stackId, to, from, services, networks, volumes, files, nameChanged, identical);
    }

    private static DiffSectionView files(Map<String, String> from, Map<String, String> to) {
        TreeSet<String> paths = new TreeSet<>(from.keySet());
        paths.addAll(to.keySet());
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<ChangedView> changed = new ArrayList<>();
        for (String path : paths) {
            if (!from.containsKey(path)) {
                added.add(path);
            } else if (!to.containsKey(path)) {
                removed.add(path);
            } else if (!from.get(path).equals(to.get(path))) {
                changed.add(new ChangedView(path, List.of()));
            }
        }
        return new DiffSectionView(added, removed, changed);
    }

    private static DiffSectionView section(JsonNode from, JsonNode to) {
        TreeSet<String> names = new TreeSet<>();
        from.fieldNames().forEachRemaining(names::add);
        to.fieldNames().forEachRemaining(names::add);
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<ChangedView> changed = new ArrayList<>();
        for (String name : names) {
            JsonNode a = from.get(name);
            JsonNode b = to.get(name);
            if (a == null) {
                added.add(name);
            } else if (b == null) {
                removed.add(name);
            } else if (!a.equals(b)) {
                changed.add(new ChangedView(name, changedFields(a, b)));
            }
        }
        return new DiffSectionView(added, removed, changed);
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
