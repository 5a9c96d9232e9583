package io.coremonitor.model.internal;

import io.coremonitor.model.BlkioConfig;
import io.coremonitor.model.BlkioConfig.BlkioDeviceValue;
import io.coremonitor.model.ByteSize;
import io.coremonitor.model.DeviceMapping;
import io.coremonitor.model.Durations;
import io.coremonitor.model.Resources;
import io.coremonitor.model.ServiceResources;
import io.coremonitor.model.Ulimit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a service's {@link ServiceResources}: the service-level limits and their {@code deploy.resources} twins (which
 * must agree), swap, shm, CPU shares, {@code ulimits}, {@code devices}, {@code sysctls}, the OOM and cgroup keys, the
 * CPU scheduler keys ({@code cpuset}, {@code cpu_period}, {@code cpu_quota}, {@code cpu_rt_*}: microseconds, an integer
 * or a duration such as {@code 400ms}; {@code cpu_count}, {@code cpu_percent}), {@code mem_swappiness},
 * {@code blkio_config}, {@code device_cgroup_rules} and {@code storage_opt}. What an engine cannot honour (real-time
 * scheduling without kernel support, Windows-only CPU keys, storage options of a driver without quotas) is left to
 * Docker to refuse when the container is created.
 */
final class ResourcesConverter {

    /** Docker's device cgroup rule grammar: type, major:minor, access. */
    private static final Pattern CGROUP_RULE = Pattern.compile("[acb] ([0-9]+|\\*):([0-9]+|\\*) [rwm]{1,3}");
    /** cpuset lists: {@code 0-3,5}. */
    private static final Pattern CPUSET = Pattern.compile("[0-9]+(-[0-9]+)?(,[0-9]+(-[0-9]+)?)*");

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
            .cpuset(cpuset(s, path))
            .cpuPeriod(micros(s, path, "cpu_period", 1000, 1_000_000))
            .cpuQuota(quota(s, path))
            .cpuRtPeriod(micros(s, path, "cpu_rt_period", 1, Long.MAX_VALUE))
            .cpuRtRuntime(micros(s, path, "cpu_rt_runtime", -1, Long.MAX_VALUE))
            .cpuCount(v.intInRange(s, path, "cpu_count", 0, Integer.MAX_VALUE).map(Integer::longValue))
            .cpuPercent(v.intInRange(s, path, "cpu_percent", 0, 100).map(Integer::longValue))
            .memSwappiness(v.intInRange(s, path, "mem_swappiness", 0, 100))
            .blkioConfig(blkio(s.get("blkio_config"), Paths.key(path, "blkio_config")))
            .deviceCgroupRules(cgroupRules(s, path))
            .storageOpt(v.stringMap(s, path, "storage_opt"))
            .build();
    }

    private Optional<String> cpuset(Map<String, Object> s, String path) {
        Optional<String> cpuset = v.string(s, path, "cpuset");
        if (cpuset.isPresent() && !CPUSET.matcher(cpuset.get()).matches()) {
            v.error(Paths.key(path, "cpuset"), "'" + cpuset.get() + "' is not a list of CPUs (write e.g. 0-3 or 0,2)");
            return Optional.empty();
        }
        return cpuset;
    }

    private Optional<Long> quota(Map<String, Object> s, String path) {
        Optional<Long> quota = micros(s, path, "cpu_quota", -1, Long.MAX_VALUE);
        if (quota.isPresent() && quota.get() >= 0 && quota.get() < 1000) {
            v.error(Paths.key(path, "cpu_quota"), "must be at least 1000 microseconds (1ms) or -1, not " + quota.get());
            return Optional.empty();
        }
        return quota;
    }

    /** Microseconds: an integer or a duration ({@code 400ms}); between {@code min} and {@code max}. */
    private Optional<Long> micros(Map<String, Object> s, String path, String key, long min, long max) {
        Object raw = s.get(key);
        if (raw == null) {
            return Optional.empty();
        }
        String p = Paths.key(path, key);
        Optional<Long> value;
        if (raw instanceof String text && !text.trim().matches("[-+]?[0-9]+")) {
            Optional<java.time.Duration> d = Durations.parse(text.trim());
            if (d.isEmpty()) {
                v.error(p, "'" + text + "' is neither microseconds nor a duration (write e.g. 100000 or 100ms)");
                return Optional.empty();
            }
            value = Optional.of(d.get().toNanos() / 1000);
        } else {
            value = v.integer(raw, p);
        }
        if (value.isPresent() && (value.get() < min || value.get() > max)) {
            v.error(p, "must be between " + min + " and " + (max == Long.MAX_VALUE ? "any larger value" : max)
                + " microseconds, not " + value.get());
            return Optional.empty();
        }
        return value;
    }

    private List<String> cgroupRules(Map<String, Object> s, String path) {
        List<String> rules = v.strings(s, path, "device_cgroup_rules", false);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            String rule = rules.get(i);
            if (CGROUP_RULE.matcher(rule).matches()) {
                out.add(rule);
            } else {
                v.error(Paths.index(Paths.key(path, "device_cgroup_rules"), i), "'" + rule
                    + "' is not a device cgroup rule (write TYPE MAJOR:MINOR ACCESS, e.g. 'c 1:3 mr' or 'a *:* rwm')");
            }
        }
        return out;
    }

    private BlkioConfig blkio(Object value, String path) {
        if (value == null) {
            return BlkioConfig.NONE;
        }
        Map<String, Object> b = v.mapping(value, path);
        Optional<Integer> weight = v.intInRange(b, path, "weight", 10, 1000);
        return new BlkioConfig(weight,
            blkioDevices(b, path, "weight_device", "weight"),
            blkioDevices(b, path, "device_read_bps", "rate"),
            blkioDevices(b, path, "device_write_bps", "rate"),
            blkioDevices(b, path, "device_read_iops", "rate"),
            blkioDevices(b, path, "device_write_iops", "rate"));
    }

    /** {@code [{path, weight|rate}]}: weights 10..1000, bps rates byte sizes ({@code 12mb}), iops rates integers. */
    private List<BlkioDeviceValue> blkioDevices(Map<String, Object> b, String path, String key, String valueKey) {
        String listPath = Paths.key(path, key);
        List<?> list = v.list(b.get(key), listPath);
        List<BlkioDeviceValue> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String p = Paths.index(listPath, i);
            Map<String, Object> entry = v.mapping(list.get(i), p);
            Optional<String> device = v.string(entry, p, "path");
            if (device.isEmpty() || device.get().isEmpty()) {
                v.error(Paths.key(p, "path"), "a device path is required");
                continue;
            }
            if (!entry.containsKey(valueKey)) {
                v.error(Paths.key(p, valueKey), "missing required key '" + valueKey + "'");
                continue;
            }
            Optional<Long> amount;
            if ("weight".equals(valueKey)) {
                amount = v.intInRange(entry, p, valueKey, 10, 1000).map(Integer::longValue);
            } else if (key.endsWith("_bps")) {
                amount = v.size(entry, p, valueKey, false).map(ByteSize::bytes);
            } else {
                amount = v.integer(entry, p, valueKey);
                if (amount.isPresent() && amount.get() < 0) {
                    v.error(Paths.key(p, valueKey), "must not be negative, not " + amount.get());
                    amount = Optional.empty();
                }
            }
            amount.ifPresent(a -> out.add(new BlkioDeviceValue(device.get(), a)));
        }
        return out;
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
