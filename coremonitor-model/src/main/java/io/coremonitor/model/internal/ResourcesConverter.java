package io.coremonitor.model.internal;

import io.coremonitor.model.DeviceMapping;
import io.coremonitor.model.Resources;
import io.coremonitor.model.ServiceResources;
import io.coremonitor.model.Ulimit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a service's {@link ServiceResources}: the service-level limits and their {@code deploy.resources} twins (which
 * must agree), swap, shm, CPU shares, {@code ulimits}, {@code devices}, {@code sysctls} and the OOM and cgroup keys.
 */
final class ResourcesConverter {

    private final Values v;

    ResourcesConverter(Values v) {
        this.v = v;
    }

    ServiceResources resources(Map<String, Object> s, String path, Map<String, Object> deploy, String deployPath) {
        String resPath = Paths.key(deployPath, "resources");
        Map<String, Object> resources = v.mapping(deploy.get("resources"), resPath);
        String limPath = Paths.key(resPath, "limits");
        String resvPath = Paths.key(resPath, "reservations");
        Map<String, Object> limitsRaw = v.mapping(resources.get("limits"), limPath);
        Map<String, Object> reservRaw = v.mapping(resources.get("reservations"), resvPath);
        Resources limits = new Resources(
            same(v.decimal(s, path, "cpus"), v.decimal(limitsRaw, limPath, "cpus"), path, "cpus", limPath + ".cpus"),
            same(v.size(s, path, "mem_limit", false), v.size(limitsRaw, limPath, "memory", false), path, "mem_limit",
                limPath + ".memory"),
            same(v.integer(s, path, "pids_limit"), v.integer(limitsRaw, limPath, "pids"), path, "pids_limit", limPath + ".pids"));
        Resources reservations = new Resources(
            v.decimal(reservRaw, resvPath, "cpus"),
            same(v.size(s, path, "mem_reservation", false), v.size(reservRaw, resvPath, "memory", false), path, "mem_reservation",
                resvPath + ".memory"),
            Optional.empty());
        Optional<Integer> oomScoreAdj = v.intInRange(s, path, "oom_score_adj", -1000, 1000);
        Optional<Long> cpuShares = v.integer(s, path, "cpu_shares");
        if (cpuShares.isPresent() && cpuShares.get() < 0) {
            v.error(Paths.key(path, "cpu_shares"), "must not be negative");
        }
        return ServiceResources.builder()
            .limits(limits)
            .reservations(reservations)
            .memswapLimit(v.size(s, path, "memswap_limit", true))
            .shmSize(v.size(s, path, "shm_size", false))
            .cpuShares(cpuShares)
            .ulimits(ulimits(s.get("ulimits"), Paths.key(path, "ulimits")))
            .devices(devices(s.get("devices"), Paths.key(path, "devices")))
            .sysctls(v.stringMap(s, path, "sysctls"))
            .oomScoreAdj(oomScoreAdj)
            .oomKillDisable(v.bool(s, path, "oom_kill_disable", false))
            .cgroupParent(v.string(s, path, "cgroup_parent"))
            .build();
    }

    private <T> Optional<T> same(Optional<T> direct, Optional<T> deploy, String path, String key, String deployPath) {
        if (direct.isPresent() && deploy.isPresent() && !direct.get().equals(deploy.get())) {
            v.error(Paths.key(path, key), "conflicts with " + deployPath + " (give the value once, or the same value in both)");
        }
        return direct.isPresent() ? direct : deploy;
    }

    private Map<String, Ulimit> ulimits(Object value, String path) {
        Map<String, Ulimit> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : v.mapping(value, path).entrySet()) {
            String p = Paths.key(path, e.getKey());
            if (e.getValue() instanceof Map) {
                Map<String, Object> u = v.mapping(e.getValue(), p);
                Optional<Long> soft = v.integer(u, p, "soft");
                Optional<Long> hard = v.integer(u, p, "hard");
                if (soft.isPresent() && hard.isPresent()) {
                    if (soft.get() > hard.get() && hard.get() >= 0) {
                        v.error(p, "the soft limit " + soft.get() + " is above the hard limit " + hard.get());
                    } else {
                        out.put(e.getKey(), new Ulimit(soft.get(), hard.get()));
                    }
                }
            } else {
                v.integer(e.getValue(), p).ifPresent(n -> out.put(e.getKey(), new Ulimit(n, n)));
            }
        }
        return out;
    }

    private List<DeviceMapping> devices(Object value, String path) {
        List<DeviceMapping> out = new ArrayList<>();
        List<?> list = v.list(value, path);
        for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            String p = Paths.index(path, i);
            if (item instanceof String text) {
                String[] parts = text.split(":", -1);
                if (parts.length > 3 || parts[0].isEmpty()) {
                    v.error(p, "'" + text + "' is not a device (write HOST_PATH[:CONTAINER_PATH[:PERMISSIONS]])");
                    continue;
                }
                out.add(new DeviceMapping(parts[0], parts.length > 1 ? parts[1] : parts[0],
                    parts.length > 2 ? Optional.of(parts[2]) : Optional.empty()));
            } else if (item instanceof Map) {
                Map<String, Object> d = v.mapping(item, p);
                Optional<String> source = v.string(d, p, "source");
                if (source.isPresent()) {
                    out.add(new DeviceMapping(source.get(), v.string(d, p, "target").orElse(source.get()),
                        v.string(d, p, "permissions")));
                }
            } else {
                v.error(p, "must be a string or a mapping, not " + TreeTypes.describe(item));
            }
        }
        out.sort(Comparator.comparing(DeviceMapping::source).thenComparing(DeviceMapping::target));
        return out;
    }
}
