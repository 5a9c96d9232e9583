package io.coremonitor.model.internal;

import io.coremonitor.model.Ipam;
import io.coremonitor.model.IpamPool;
import io.coremonitor.model.NetworkSpec;
import io.coremonitor.model.VolumeSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the top-level {@code networks} and {@code volumes} entries, external ones included. */
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
