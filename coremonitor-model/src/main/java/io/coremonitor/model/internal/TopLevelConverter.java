package io.coremonitor.model.internal;

import io.coremonitor.model.ContentSource;
import io.coremonitor.model.Ipam;
import io.coremonitor.model.IpamPool;
import io.coremonitor.model.Names;
import io.coremonitor.model.NetworkSpec;
import io.coremonitor.model.VolumeSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the top-level {@code networks}, {@code volumes}, {@code secrets} and {@code configs} entries, external ones included. */
final class TopLevelConverter {

    private final Values v;

    TopLevelConverter(Values v) {
        this.v = v;
    }

    NetworkSpec network(Map<String, Object> n, String path) {
        Optional<String> name = v.string(n, path, "name");
        boolean external = external(n, path);
        if (external) {
            externalOnlyName(n, path, "network");
            name = externalName(n, path, name);
        }
        Optional<Ipam> ipam = Optional.empty();
        if (n.get("ipam") != null) {
            String ip = Paths.key(path, "ipam");
            Map<String, Object> i = v.mapping(n.get("ipam"), ip);
            List<IpamPool> pools = new ArrayList<>();
            Object config = i.get("config");
            if (config instanceof List<?> list) {
                for (int k = 0; k < list.size(); k++) {
                    String cp = Paths.index(Paths.key(ip, "config"), k);
                    Map<String, Object> c = v.mapping(list.get(k), cp);
                    pools.add(new IpamPool(v.string(c, cp, "subnet"), v.string(c, cp, "gateway"), v.string(c, cp, "ip_range"),
                        v.scalarMap(c, cp, "aux_addresses")));
                }
            } else if (config != null) {
                v.error(Paths.key(ip, "config"), "must be a list, not " + TreeTypes.describe(config));
            }
            ipam = Optional.of(new Ipam(v.string(i, ip, "driver"), pools, v.scalarMap(i, ip, "options")));
        }
        return new NetworkSpec(name, external, v.string(n, path, "driver"), v.scalarMap(n, path, "driver_opts"),
            v.bool(n, path, "attachable", false), v.bool(n, path, "enable_ipv6"), v.bool(n, path, "internal", false),
            v.stringMap(n, path, "labels"), ipam);
    }

    VolumeSpec volume(Map<String, Object> m, String path) {
        Optional<String> name = v.string(m, path, "name");
        boolean external = external(m, path);
        if (external) {
            externalOnlyName(m, path, "volume");
            name = externalName(m, path, name);
        }
        return new VolumeSpec(name, external, v.string(m, path, "driver"), v.scalarMap(m, path, "driver_opts"),
            v.stringMap(m, path, "labels"));
    }

    /**
     * A top-level {@code secrets:} ({@code config} false) or {@code configs:} ({@code config} true) entry: exactly one
     * source, {@code external: true} (held by Core Monitor's secret store, under {@code name:} or the key),
     * {@code environment: VAR} (Core Monitor's own environment) or, for a config, {@code content:}.
     */
    Optional<ContentSource> content(String key, Map<String, Object> m, String path, boolean config) {
        String kind = config ? "config" : "secret";
        boolean external = external(m, path);
        Optional<String> environment = v.string(m, path, "environment");
        Optional<String> content = config ? v.string(m, path, "content") : Optional.empty();
        int sources = (external ? 1 : 0) + (environment.isPresent() ? 1 : 0) + (content.isPresent() ? 1 : 0);
        String choices = "'external: true' (a value held by Core Monitor's secret store), 'environment: VAR' (a variable of"
            + " Core Monitor's environment)" + (config ? " or 'content:'" : "");
        if (sources == 0) {
            v.error(path, "a " + kind + " needs a source: " + choices);
            return Optional.empty();
        }
        if (sources > 1) {
            v.error(path, "a " + kind + " has exactly one source: " + choices);
            return Optional.empty();
        }
        Optional<String> name = v.string(m, path, "name");
        if (external) {
            name = externalName(m, path, name);
            String stored = name.orElse(key);
            if (!stored.matches(Names.SECRET_NAME_RULE)) {
                v.error(name.isPresent() ? Paths.key(path, "name") : path, "'" + stored + "' is not a name of Core Monitor's"
                    + " secret store (lower-case letters, digits, '.', '_' and '-', starting with a letter or digit, at most 128)");
                return Optional.empty();
            }
            return Optional.of(ContentSource.stored(stored));
        }
        if (name.isPresent()) {
            v.error(Paths.key(path, "name"), "'name' names the value in Core Monitor's secret store and goes with 'external: true'");
            return Optional.empty();
        }
        if (environment.isPresent()) {
            if (!environment.get().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                v.error(Paths.key(path, "environment"), "'" + environment.get() + "' is not an environment variable name");
                return Optional.empty();
            }
            return Optional.of(ContentSource.environment(environment.get()));
        }
        return Optional.of(ContentSource.inline(content.get()));
    }

    /** {@code external: true}, or the legacy {@code external: {name: x}} form. */
    private boolean external(Map<String, Object> m, String path) {
        return m.get("external") instanceof Map || v.bool(m, path, "external", false);
    }

    private Optional<String> externalName(Map<String, Object> m, String path, Optional<String> name) {
        if (!(m.get("external") instanceof Map)) {
            return name;
        }
        String ep = Paths.key(path, "external");
        Optional<String> legacy = v.string(v.mapping(m.get("external"), ep), ep, "name");
        if (legacy.isPresent() && name.isPresent() && !legacy.equals(name)) {
            v.error(Paths.key(ep, "name"), "conflicts with 'name: " + name.get() + "'");
        }
        return name.isPresent() ? name : legacy;
    }

    private void externalOnlyName(Map<String, Object> m, String path, String kind) {
        for (String key : m.keySet()) {
            if (!"external".equals(key) && !"name".equals(key) && !key.startsWith("x-")) {
                v.error(Paths.key(path, key), "an external " + kind + " is created outside Core Monitor; only 'name' may be given"
                    + " with 'external: true'");
            }
        }
    }
}
