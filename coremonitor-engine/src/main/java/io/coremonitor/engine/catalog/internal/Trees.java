package io.coremonitor.engine.catalog.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Trees of maps (string keys, insertion order), lists and scalars (String, Integer, Long, Double, Boolean). */
public final class Trees {

    private Trees() {
    }

    /** An unmodifiable deep copy that keeps the order of the keys. */
    public static Map<String, Object> immutableMap(Map<String, Object> map) {
        Objects.requireNonNull(map, "map");
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "key"), immutable(v)));
        return Collections.unmodifiableMap(copy);
    }

    @SuppressWarnings("unchecked")
    private static Object immutable(Object value) {
        Objects.requireNonNull(value, "a tree holds no null");
        if (value instanceof Map<?, ?> m) {
            return immutableMap((Map<String, Object>) m);
        }
        if (value instanceof List<?> l) {
            List<Object> copy = new ArrayList<>();
            l.forEach(v -> copy.add(immutable(v)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }

    /**
     * Merges {@code addition} into {@code target} (modified): maps merge key by key, lists append the items they do not
     * hold yet, a scalar of the addition replaces the target's.
     */
    @SuppressWarnings("unchecked")
    public static void merge(Map<String, Object> target, Map<String, Object> addition) {
        for (Map.Entry<String, Object> e : addition.entrySet()) {
            Object existing = target.get(e.getKey());
            Object added = e.getValue();
            if (existing instanceof Map<?, ?> em && added instanceof Map<?, ?> am) {
                merge((Map<String, Object>) em, (Map<String, Object>) am);
            } else if (existing instanceof List<?> el && added instanceof List<?> al) {
                List<Object> list = (List<Object>) el;
                for (Object item : al) {
                    if (!list.contains(item)) {
                        list.add(item);
                    }
                }
            } else {
                target.put(e.getKey(), added);
            }
        }
    }
}
