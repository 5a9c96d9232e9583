package io.coremonitor.engine.catalog.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The fixed order of a generated service's keys, and sorted maps where compose's order carries no meaning. */
final class ServiceOrder {

    private static final List<String> FIRST = List.of("image", "command", "entrypoint", "environment", "ports", "volumes",
        "secrets", "depends_on", "healthcheck", "restart");
    private static final List<String> SORTED = List.of("environment", "depends_on", "labels");

    private ServiceOrder() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> ordered(Map<String, Object> service) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String key : FIRST) {
            if (service.containsKey(key)) {
                out.put(key, service.get(key));
            }
        }
        new TreeMap<>(service).forEach((k, v) -> out.putIfAbsent(k, v));
        for (String key : SORTED) {
            if (out.get(key) instanceof Map<?, ?> m) {
                out.put(key, new TreeMap<>((Map<String, Object>) m));
            }
        }
        return out;
    }
}
