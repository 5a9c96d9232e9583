package io.coremonitor.model.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves {@code extends} between services of the same definition on the interpolated tree, before the schema and the
 * typing see it: the service is the base service (itself resolved first) merged with its own keys by the compose
 * specification's merge rules, and its {@code extends} key is gone. {@code extends: NAME} and
 * {@code extends: {service: NAME}} are read; {@code file:} is refused (a definition is self-contained), an undefined
 * service and a cycle are errors at the {@code extends} path.
 *
 * <p>Merge rules (the service's own value against the base's): scalars and order-significant sequences
 * ({@code command}, {@code entrypoint}, nested lists such as {@code healthcheck.test}) are replaced; mappings are merged
 * key by key, recursively ({@code deploy}, {@code healthcheck}, {@code logging} unless the driver changes, {@code ulimits},
 * {@code blkio_config}, {@code x-*}, ...); {@code environment}, {@code labels}, {@code annotations}, {@code sysctls}
 * and {@code networks} are merged by name whether written as lists or mappings; {@code volumes} and {@code devices} are
 * merged by container path, {@code secrets} and {@code configs} by source; {@code ports}, {@code expose}, {@code dns},
 * {@code dns_search}, {@code dns_opt}, {@code tmpfs}, {@code extra_hosts}, {@code external_links}, {@code cap_add},
 * {@code cap_drop}, {@code security_opt}, {@code group_add}, {@code device_cgroup_rules}, {@code profiles},
 * {@code post_start} and {@code pre_stop} are concatenated without duplicates. {@code depends_on}, {@code volumes_from}
 * and {@code links} are not inherited: they belong to the service that declares them.
 */
public final class ExtendsResolver {

    private static final String KEY = "extends";
    private static final Set<String> NOT_INHERITED = Set.of("depends_on", "volumes_from", "links");
    private static final Set<String> BY_NAME = Set.of("environment", "labels", "annotations", "sysctls", "networks");
    private static final Set<String> CONCATENATED = Set.of("ports", "expose", "dns", "dns_search", "dns_opt", "tmpfs",
        "extra_hosts", "external_links", "cap_add", "cap_drop", "security_opt", "group_add", "device_cgroup_rules", "profiles",
        "post_start", "pre_stop");

    private final Map<String, Object> services;
    private final Problems problems;
    private final Map<String, Map<String, Object>> resolved = new LinkedHashMap<>();

    private ExtendsResolver(Map<String, Object> services, Problems problems) {
        this.services = services;
        this.problems = problems;
    }

    /** The tree with every {@code extends} resolved (the same tree when no service extends another). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> resolve(Map<String, Object> root, Problems problems) {
        if (!(root.get("services") instanceof Map<?, ?> raw)
            || raw.values().stream().noneMatch(s -> s instanceof Map<?, ?> m && m.containsKey(KEY))) {
            return root;
        }
        ExtendsResolver resolver = new ExtendsResolver((Map<String, Object>) raw, problems);
        Map<String, Object> services = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : resolver.services.entrySet()) {
            services.put(e.getKey(), e.getValue() instanceof Map ? resolver.service(e.getKey(), new ArrayList<>()) : e.getValue());
        }
        Map<String, Object> out = new LinkedHashMap<>(root);
        out.put("services", services);
        return out;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> service(String name, List<String> chain) {
        Map<String, Object> done = resolved.get(name);
        if (done != null) {
            return done;
        }
        Map<String, Object> own = new LinkedHashMap<>((Map<String, Object>) services.get(name));
        Object ext = own.remove(KEY);
        Map<String, Object> result = own;
        String path = Paths.key(Paths.key("services", name), KEY);
        String base = ext == null ? null : baseName(ext, path);
        if (base != null) {
            if (!(services.get(base) instanceof Map)) {
                problems.error(path, "extends undefined service '" + base + "'");
            } else if (chain.contains(base) || base.equals(name)) {
                List<String> cycle = new ArrayList<>(chain.subList(Math.max(0, chain.indexOf(base)), chain.size()));
                cycle.add(name);
                cycle.add(base);
                problems.error(path, "extends cycle: " + String.join(" -> ", cycle));
            } else {
                chain.add(name);
                Map<String, Object> inherited = new LinkedHashMap<>(service(base, chain));
                chain.remove(chain.size() - 1);
                NOT_INHERITED.forEach(inherited::remove);
                result = merge(inherited, own);
            }
        }
        resolved.put(name, result);
        return result;
    }

    /** {@code NAME} or {@code {service: NAME}}; {@code file} is refused. */
    private String baseName(Object ext, String path) {
        if (ext instanceof String s) {
            return s;
        }
        if (!(ext instanceof Map<?, ?> m)) {
            problems.error(path, "must be a service name or a mapping with 'service', not " + TreeTypes.describe(ext));
            return null;
        }
        String base = null;
        for (Map.Entry<?, ?> e : m.entrySet()) {
            String key = String.valueOf(e.getKey());
            if ("service".equals(key) && e.getValue() instanceof String s) {
                base = s;
            } else if ("file".equals(key)) {
                problems.error(Paths.key(path, "file"), "'file' is not supported by Core Monitor: it stores one self-contained"
                    + " definition and has no other files; define the base service in this definition and extend it by name");
                return null;
            } else if (!key.startsWith("x-")) {
                problems.error(Paths.key(path, key), "service".equals(key) ? "must be a string" : "unknown key '" + key + "'");
                return null;
            }
        }
        if (base == null) {
            problems.error(Paths.key(path, "service"), "missing required key 'service'");
        }
        return base;
    }

    private static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> own) {
        Map<String, Object> out = new LinkedHashMap<>(base);
        own.forEach((key, value) -> out.merge(key, value, (b, o) -> mergeKey(key, b, o)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object mergeKey(String key, Object base, Object own) {
        if (BY_NAME.contains(key)) {
            Map<String, Object> merged = new LinkedHashMap<>(byName(base));
            merged.putAll(byName(own));
            return merged;
        }
        if (CONCATENATED.contains(key)) {
            Set<Object> all = new LinkedHashSet<>(asList(base));
            all.addAll(asList(own));
            return new ArrayList<>(all);
        }
        if ("volumes".equals(key) || "devices".equals(key)) {
            return mergeBy(base, own, ExtendsResolver::containerPath);
        }
        if ("secrets".equals(key) || "configs".equals(key)) {
            return mergeBy(base, own, ExtendsResolver::source);
        }
        if ("logging".equals(key) && base instanceof Map<?, ?> b && own instanceof Map<?, ?> o
            && o.get("driver") != null && !o.get("driver").equals(b.get("driver"))) {
            return own;
        }
        if (base instanceof Map && own instanceof Map) {
            return deepMerge((Map<String, Object>) base, (Map<String, Object>) own);
        }
        return own;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepMerge(Map<String, Object> base, Map<String, Object> own) {
        Map<String, Object> out = new LinkedHashMap<>(base);
        own.forEach((key, value) -> out.merge(key, value, (b, o) -> b instanceof Map && o instanceof Map
            ? deepMerge((Map<String, Object>) b, (Map<String, Object>) o) : o));
        return out;
    }

    /** A list-or-dict as a mapping: {@code KEY=VALUE} and {@code KEY} list items, or a list of network names. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> byName(Object value) {
        if (value instanceof Map) {
            return (Map<String, Object>) value;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Object item : asList(value)) {
            String text = String.valueOf(item);
            int eq = text.indexOf('=');
            if (eq > 0) {
                out.put(text.substring(0, eq), text.substring(eq + 1));
            } else {
                out.put(text, null);
            }
        }
        return out;
    }

    private static List<?> asList(Object value) {
        if (value instanceof List<?> list) {
            return list;
        }
        return value == null ? List.of() : List.of(value);
    }

    private static List<Object> mergeBy(Object base, Object own, java.util.function.Function<Object, String> identity) {
        Map<String, Object> byKey = new LinkedHashMap<>();
        for (Object item : asList(base)) {
            byKey.put(identity.apply(item), item);
        }
        for (Object item : asList(own)) {
            byKey.remove(identity.apply(item));
            byKey.put(identity.apply(item), item);
        }
        return new ArrayList<>(byKey.values());
    }

    /** The container path of a volume or device: {@code target}, or the second part of {@code SRC:DST[:MODE]}. */
    private static String containerPath(Object item) {
        if (item instanceof Map<?, ?> m) {
            Object target = m.get("target");
            return String.valueOf(target != null ? target : m.get("source"));
        }
        String[] parts = String.valueOf(item).split(":");
        return parts.length > 1 ? parts[1] : parts[0];
    }

    private static String source(Object item) {
        return item instanceof Map<?, ?> m ? String.valueOf(m.get("source")) : String.valueOf(item);
    }
}
