package io.coremonitor.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The canonical form of a definition: the JSON that is stored and hashed. It is itself a valid compose document that
 * {@link ComposeLoader} reads back into an equal {@link ComposeDefinition}, and two definitions that mean the same thing
 * (short or long syntax, list or map forms, defaults given or not) have the same canonical form.
 *
 * <p>Rules: keys sorted; long syntax everywhere (ports, volumes, depends_on, ulimits, devices); port ranges expanded; lists
 * whose order means nothing sorted; order-significant lists (command, entrypoint, healthcheck test, dns, dns_search,
 * dns_opt, ipam config) kept in order; durations in Go format ({@code 1m30s}, {@code 500ms}); sizes in bytes (integers);
 * {@code false} booleans, empty lists/maps and absent values omitted, except {@code depends_on} entries which are always
 * complete and {@code attach} which is written only when false; {@code restart} written as its string
 * ({@code on-failure:3}), also when it came from {@code deploy.restart_policy}; resource limits written as the
 * service-level keys ({@code cpus}, {@code mem_limit}, {@code mem_reservation}, {@code pids_limit}); no {@code version},
 * no {@code build} (ignored), no {@code x-*} but a service's {@code x-coremonitor-deploy}, always complete
 * ({@code target}, its directory key, {@code port}); a service's {@code secrets} and {@code configs} always complete
 * ({@code source}, absolute {@code target}, {@code uid} and {@code gid} as strings, {@code mode} as a decimal integer); a
 * top-level secret or config held by Core Monitor always with its {@code name}; {@code deploy} only as
 * {@code update_config.order} when it is {@code start-first}. A literal {@code $} in a value is
 * written {@code $$} so that loading the canonical form (which interpolates) gives back the same value.
 */
public final class CanonicalJson {

    private static final ObjectMapper COMPACT = new ObjectMapper()
        .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    private static final ObjectMapper PRETTY = COMPACT.copy().enable(SerializationFeature.INDENT_OUTPUT);

    private CanonicalJson() {
    }

    /** The canonical JSON, compact (the stored and hashed form). */
    public static String toJson(ComposeDefinition definition) {
        return write(COMPACT, definition);
    }

    /** The canonical JSON, indented for people; same content as {@link #toJson}. */
    public static String toPrettyJson(ComposeDefinition definition) {
        return write(PRETTY, definition);
    }

    /** SHA-256 of the UTF-8 bytes of a canonical text, lower-case hex. */
    public static String sha256(String canonical) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /** {@code sha256(toJson(definition))}. */
    public static String hash(ComposeDefinition definition) {
        return sha256(toJson(definition));
    }

    /** Reads a canonical text back (it is a compose document); throws InvalidDefinitionException if it is not valid. */
    public static ComposeDefinition parse(String canonical) {
        return ComposeLoader.load(canonical, Map.of());
    }

    private static String write(ObjectMapper mapper, ComposeDefinition definition) {
        try {
            return mapper.writeValueAsString(tree(definition));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("canonical JSON cannot fail to serialize", e);
        }
    }

    // ---------------------------------------------------------------- tree building

    static Map<String, Object> tree(ComposeDefinition d) {
        Map<String, Object> root = new TreeMap<>();
        d.name().ifPresent(n -> root.put("name", esc(n)));
        Map<String, Object> services = new TreeMap<>();
        d.services().forEach((name, s) -> services.put(name, service(s)));
        root.put("services", services);
        if (!d.networks().isEmpty()) {
            Map<String, Object> networks = new TreeMap<>();
            d.networks().forEach((name, n) -> networks.put(name, network(n)));
            root.put("networks", networks);
        }
        if (!d.volumes().isEmpty()) {
            Map<String, Object> volumes = new TreeMap<>();
            d.volumes().forEach((name, v) -> volumes.put(name, volume(v)));
            root.put("volumes", volumes);
        }
        contents(root, "secrets", d.secrets());
        contents(root, "configs", d.configs());
        return root;
    }

    /** Top-level secrets or configs: {@code {external: true, name}}, {@code {environment}} or {@code {content}}. */
    private static void contents(Map<String, Object> root, String key, Map<String, ContentSource> sources) {
        if (sources.isEmpty()) {
            return;
        }
        Map<String, Object> out = new TreeMap<>();
        sources.forEach((name, source) -> {
            Map<String, Object> m = new TreeMap<>();
            switch (source.kind()) {
                case STORED -> {
                    m.put("external", true);
                    m.put("name", esc(source.value()));
                }
                case ENVIRONMENT -> m.put("environment", esc(source.value()));
                default -> m.put("content", esc(source.value()));
            }
            out.put(name, m);
        });
        root.put(key, out);
    }

    private static Map<String, Object> service(ServiceSpec s) {
        Map<String, Object> m = new TreeMap<>();
        process(m, s.process());
        networking(m, s.networking());
        storage(m, s.storage());
        resources(m, s.resources());
        security(m, s.security());
        lifecycle(m, s.lifecycle());
        metadata(m, s.metadata());
        s.deploy().ifPresent(d -> {
            Map<String, Object> dm = new TreeMap<>();
            dm.put("target", d.kind().key());
            dm.put(d.kind().directoryKey(), esc(d.directory()));
            dm.put("port", d.port());
            m.put(DeploySettings.KEY, dm);
        });
        return m;
    }

    private static void process(Map<String, Object> m, ServiceProcess process) {
        m.put("image", esc(process.image()));
        process.command().ifPresent(c -> m.put("command", escList(c)));
        process.entrypoint().ifPresent(c -> m.put("entrypoint", escList(c)));
        if (!process.environment().isEmpty()) {
            Map<String, Object> env = new TreeMap<>();
            process.environment().forEach((k, v) -> env.put(k, v.map(CanonicalJson::esc).orElse(null)));
            m.put("environment", env);
        }
        opt(m, "working_dir", process.workingDir());
        flag(m, "tty", process.tty());
        flag(m, "stdin_open", process.stdinOpen());
        opt(m, "platform", process.platform());
        opt(m, "pull_policy", process.pullPolicy());
        opt(m, "runtime", process.runtime());
        opt(m, "isolation", process.isolation());
    }

    private static void networking(Map<String, Object> m, ServiceNetworking networking) {
        if (!networking.ports().isEmpty()) {
            List<Object> ports = new ArrayList<>();
            for (PortMapping p : networking.ports()) {
                Map<String, Object> pm = new TreeMap<>();
                pm.put("target", p.target());
                p.published().ifPresent(r -> pm.put("published", r.toString()));
                p.hostIp().ifPresent(ip -> pm.put("host_ip", esc(ip)));
                pm.put("protocol", p.protocol().value());
                pm.put("mode", esc(p.mode()));
                p.name().ifPresent(n -> pm.put("name", esc(n)));
                p.appProtocol().ifPresent(a -> pm.put("app_protocol", esc(a)));
                ports.add(pm);
            }
            m.put("ports", ports);
        }
        list(m, "expose", networking.expose().stream().map(ExposedPorts::spelling).toList());
        if (!networking.networks().isEmpty()) {
            Map<String, Object> networks = new TreeMap<>();
            networking.networks().forEach((k, a) -> networks.put(k, attachment(a)));
            m.put("networks", networks);
        }
        opt(m, "network_mode", networking.networkMode());
        opt(m, "hostname", networking.hostname());
        opt(m, "domainname", networking.domainname());
        if (!networking.extraHosts().isEmpty()) {
            List<Object> hosts = new ArrayList<>();
            networking.extraHosts().forEach(h -> hosts.add(esc(h.host() + "=" + h.ip())));
            m.put("extra_hosts", hosts);
        }
        list(m, "dns", networking.dns());
        list(m, "dns_search", networking.dnsSearch());
        list(m, "dns_opt", networking.dnsOpt());
        opt(m, "mac_address", networking.macAddress());
        list(m, "links", networking.links().stream().map(ContainerLink::spelling).toList());
        list(m, "external_links", networking.externalLinks().stream().map(ContainerLink::spelling).toList());
    }

    private static void storage(Map<String, Object> m, ServiceStorage storage) {
        if (!storage.volumes().isEmpty()) {
            List<Object> volumes = new ArrayList<>();
            for (Mount v : storage.volumes()) {
                volumes.add(mount(v));
            }
            m.put("volumes", volumes);
        }
        list(m, "tmpfs", storage.tmpfs().stream().map(TmpfsPath::spelling).toList());
        files(m, "secrets", storage.secrets());
        files(m, "configs", storage.configs());
        list(m, "volumes_from", storage.volumesFrom().stream().map(VolumesFrom::spelling).toList());
    }

    /** A service's secrets or configs, always complete: source, absolute target, uid, gid (strings), mode. */
    private static void files(Map<String, Object> m, String key, List<FileMount> files) {
        if (files.isEmpty()) {
            return;
        }
        List<Object> out = new ArrayList<>();
        for (FileMount f : files) {
            Map<String, Object> fm = new TreeMap<>();
            fm.put("source", esc(f.source()));
            fm.put("target", esc(f.target()));
            fm.put("uid", Long.toString(f.uid()));
            fm.put("gid", Long.toString(f.gid()));
            fm.put("mode", f.mode());
            out.add(fm);
        }
        m.put(key, out);
    }

    private static void resources(Map<String, Object> m, ServiceResources resources) {
        resources.limits().cpus().ifPresent(c -> m.put("cpus", c));
        resources.limits().memory().ifPresent(b -> m.put("mem_limit", b.bytes()));
        resources.limits().pids().ifPresent(p -> m.put("pids_limit", p));
        resources.reservations().memory().ifPresent(b -> m.put("mem_reservation", b.bytes()));
        resources.reservations().cpus().ifPresent(c -> m.put("deploy", Map.of("resources", Map.of("reservations", Map.of("cpus", c)))));
        resources.memswapLimit().ifPresent(b -> m.put("memswap_limit", b.bytes()));
        resources.shmSize().ifPresent(b -> m.put("shm_size", b.bytes()));
        resources.cpuShares().ifPresent(c -> m.put("cpu_shares", c));
        if (!resources.ulimits().isEmpty()) {
            Map<String, Object> ulimits = new TreeMap<>();
            resources.ulimits().forEach((k, u) -> ulimits.put(k, new TreeMap<>(Map.of("soft", u.soft(), "hard", u.hard()))));
            m.put("ulimits", ulimits);
        }
        map(m, "sysctls", resources.sysctls());
        if (!resources.devices().isEmpty()) {
            List<Object> devices = new ArrayList<>();
            for (DeviceMapping dev : resources.devices()) {
                Map<String, Object> dm = new TreeMap<>();
                dm.put("source", esc(dev.source()));
                dm.put("target", esc(dev.target()));
                dev.permissions().ifPresent(p -> dm.put("permissions", esc(p)));
                devices.add(dm);
            }
            m.put("devices", devices);
        }
        resources.oomScoreAdj().ifPresent(o -> m.put("oom_score_adj", o));
        flag(m, "oom_kill_disable", resources.oomKillDisable());
        opt(m, "cgroup_parent", resources.cgroupParent());
        opt(m, "cpuset", resources.cpuset());
        resources.cpuPeriod().ifPresent(c -> m.put("cpu_period", c));
        resources.cpuQuota().ifPresent(c -> m.put("cpu_quota", c));
        resources.cpuRtPeriod().ifPresent(c -> m.put("cpu_rt_period", c));
        resources.cpuRtRuntime().ifPresent(c -> m.put("cpu_rt_runtime", c));
        resources.cpuCount().ifPresent(c -> m.put("cpu_count", c));
        resources.cpuPercent().ifPresent(c -> m.put("cpu_percent", c));
        resources.memSwappiness().ifPresent(c -> m.put("mem_swappiness", c));
        if (!resources.blkioConfig().isEmpty()) {
            m.put("blkio_config", blkio(resources.blkioConfig()));
        }
        list(m, "device_cgroup_rules", resources.deviceCgroupRules());
        map(m, "storage_opt", resources.storageOpt());
    }

    /** {@code blkio_config}: weight, and each device list as {@code [{path, weight|rate}]} (rates in bytes or operations). */
    private static Map<String, Object> blkio(BlkioConfig b) {
        Map<String, Object> bm = new TreeMap<>();
        b.weight().ifPresent(w -> bm.put("weight", w));
        blkioList(bm, "weight_device", "weight", b.weightDevice());
        blkioList(bm, "device_read_bps", "rate", b.deviceReadBps());
        blkioList(bm, "device_write_bps", "rate", b.deviceWriteBps());
        blkioList(bm, "device_read_iops", "rate", b.deviceReadIops());
        blkioList(bm, "device_write_iops", "rate", b.deviceWriteIops());
        return bm;
    }

    private static void blkioList(Map<String, Object> m, String key, String valueKey, List<BlkioConfig.BlkioDeviceValue> values) {
        if (!values.isEmpty()) {
            m.put(key, values.stream().map(d -> (Object) new TreeMap<>(Map.of("path", esc(d.path()), valueKey, d.value()))).toList());
        }
    }

    private static void security(Map<String, Object> m, ServiceSecurity security) {
        opt(m, "user", security.user());
        list(m, "cap_add", security.capAdd());
        list(m, "cap_drop", security.capDrop());
        flag(m, "privileged", security.privileged());
        flag(m, "read_only", security.readOnly());
        list(m, "security_opt", security.securityOpt());
        opt(m, "ipc", security.ipc());
        opt(m, "pid", security.pid());
        opt(m, "userns_mode", security.usernsMode());
        list(m, "group_add", security.groupAdd());
        opt(m, "uts", security.uts());
        opt(m, "cgroup", security.cgroup());
    }

    private static void lifecycle(Map<String, Object> m, ServiceLifecycle lifecycle) {
        if (!lifecycle.dependsOn().isEmpty()) {
            Map<String, Object> deps = new TreeMap<>();
            lifecycle.dependsOn().forEach((k, dep) -> {
                Map<String, Object> dm = new TreeMap<>();
                dm.put("condition", dep.condition().value());
                dm.put("restart", dep.restart());
                dm.put("required", dep.required());
                deps.put(k, dm);
            });
            m.put("depends_on", deps);
        }
        lifecycle.healthcheck().ifPresent(h -> m.put("healthcheck", healthcheck(h)));
        lifecycle.restart().ifPresent(r -> m.put("restart", r.toString()));
        flag(m, "init", lifecycle.init());
        opt(m, "stop_signal", lifecycle.stopSignal());
        lifecycle.stopGracePeriod().ifPresent(d -> m.put("stop_grace_period", duration(d)));
        list(m, "profiles", lifecycle.profiles());
        if (lifecycle.updateOrder() != UpdateOrder.STOP_FIRST) {
            // beside deploy.resources.reservations.cpus, when the resources wrote it
            @SuppressWarnings("unchecked")
            Map<String, Object> deploy = new TreeMap<>((Map<String, Object>) m.getOrDefault("deploy", Map.of()));
            deploy.put("update_config", Map.of("order", lifecycle.updateOrder().value()));
            m.put("deploy", deploy);
        }
        hooks(m, "post_start", lifecycle.postStart());
        hooks(m, "pre_stop", lifecycle.preStop());
    }

    /** Hooks in order, each {@code {command, user, privileged, working_dir, environment}} without its absent keys. */
    private static void hooks(Map<String, Object> m, String key, List<ServiceHook> hooks) {
        if (hooks.isEmpty()) {
            return;
        }
        List<Object> out = new ArrayList<>();
        for (ServiceHook h : hooks) {
            Map<String, Object> hm = new TreeMap<>();
            hm.put("command", escList(h.command()));
            opt(hm, "user", h.user());
            flag(hm, "privileged", h.privileged());
            opt(hm, "working_dir", h.workingDir());
            if (!h.environment().isEmpty()) {
                Map<String, Object> env = new TreeMap<>();
                h.environment().forEach((k, v) -> env.put(k, v.map(CanonicalJson::esc).orElse(null)));
                hm.put("environment", env);
            }
            out.add(hm);
        }
        m.put(key, out);
    }

    private static void metadata(Map<String, Object> m, ServiceMetadata metadata) {
        map(m, "labels", metadata.labels());
        map(m, "annotations", metadata.annotations());
        opt(m, "container_name", metadata.containerName());
        metadata.logging().ifPresent(l -> {
            Map<String, Object> lm = new TreeMap<>();
            l.driver().ifPresent(dr -> lm.put("driver", esc(dr)));
            map(lm, "options", l.options());
            m.put("logging", lm);
        });
        if (!metadata.attach()) {
            m.put("attach", false);
        }
    }

    private static Map<String, Object> mount(Mount v) {
        Map<String, Object> vm = new TreeMap<>();
        vm.put("type", v.type().value());
        v.source().ifPresent(src -> vm.put("source", esc(src)));
        vm.put("target", esc(v.target()));
        flag(vm, "read_only", v.readOnly());
        v.bind().ifPresent(b -> {
            Map<String, Object> bm = new TreeMap<>();
            opt(bm, "propagation", b.propagation());
            flag(bm, "create_host_path", b.createHostPath());
            opt(bm, "selinux", b.selinux());
            vm.put("bind", bm);
        });
        v.volume().ifPresent(o -> {
            Map<String, Object> om = new TreeMap<>();
            flag(om, "nocopy", o.nocopy());
            opt(om, "subpath", o.subpath());
            vm.put("volume", om);
        });
        v.tmpfs().ifPresent(t -> {
            Map<String, Object> tm = new TreeMap<>();
            t.size().ifPresent(b -> tm.put("size", b.bytes()));
            t.mode().ifPresent(md -> tm.put("mode", md));
            vm.put("tmpfs", tm);
        });
        return vm;
    }

    private static Map<String, Object> attachment(NetworkAttachment a) {
        Map<String, Object> am = new TreeMap<>();
        list(am, "aliases", a.aliases());
        opt(am, "ipv4_address", a.ipv4Address());
        opt(am, "ipv6_address", a.ipv6Address());
        opt(am, "mac_address", a.macAddress());
        list(am, "link_local_ips", a.linkLocalIps());
        a.priority().ifPresent(p -> am.put("priority", p));
        a.gwPriority().ifPresent(p -> am.put("gw_priority", p));
        map(am, "driver_opts", a.driverOpts());
        opt(am, "interface_name", a.interfaceName());
        return am;
    }

    private static Map<String, Object> healthcheck(HealthCheck h) {
        Map<String, Object> hm = new TreeMap<>();
        if (!h.test().isEmpty()) {
            hm.put("test", escList(h.test()));
        }
        h.interval().ifPresent(d -> hm.put("interval", duration(d)));
        h.timeout().ifPresent(d -> hm.put("timeout", duration(d)));
        h.startPeriod().ifPresent(d -> hm.put("start_period", duration(d)));
        h.startInterval().ifPresent(d -> hm.put("start_interval", duration(d)));
        h.retries().ifPresent(r -> hm.put("retries", r));
        flag(hm, "disable", h.disable());
        return hm;
    }

    private static Map<String, Object> network(NetworkSpec n) {
        Map<String, Object> nm = new TreeMap<>();
        opt(nm, "name", n.name());
        flag(nm, "external", n.external());
        opt(nm, "driver", n.driver());
        map(nm, "driver_opts", n.driverOpts());
        flag(nm, "attachable", n.attachable());
        n.enableIpv6().ifPresent(b -> nm.put("enable_ipv6", b));
        flag(nm, "internal", n.internal());
        map(nm, "labels", n.labels());
        n.ipam().ifPresent(i -> {
            Map<String, Object> im = new TreeMap<>();
            opt(im, "driver", i.driver());
            if (!i.config().isEmpty()) {
                List<Object> pools = new ArrayList<>();
                for (IpamPool p : i.config()) {
                    Map<String, Object> pm = new TreeMap<>();
                    opt(pm, "subnet", p.subnet());
                    opt(pm, "gateway", p.gateway());
                    opt(pm, "ip_range", p.ipRange());
                    map(pm, "aux_addresses", p.auxAddresses());
                    pools.add(pm);
                }
                im.put("config", pools);
            }
            map(im, "options", i.options());
            nm.put("ipam", im);
        });
        return nm;
    }

    private static Map<String, Object> volume(VolumeSpec v) {
        Map<String, Object> vm = new TreeMap<>();
        opt(vm, "name", v.name());
        flag(vm, "external", v.external());
        opt(vm, "driver", v.driver());
        map(vm, "driver_opts", v.driverOpts());
        map(vm, "labels", v.labels());
        return vm;
    }

    private static String duration(Duration d) {
        return Durations.format(d);
    }

    private static String esc(String s) {
        return s.replace("$", "$$");
    }

    private static List<String> escList(List<String> list) {
        return list.stream().map(CanonicalJson::esc).toList();
    }

    private static void opt(Map<String, Object> m, String key, Optional<String> value) {
        value.ifPresent(v -> m.put(key, esc(v)));
    }

    private static void flag(Map<String, Object> m, String key, boolean value) {
        if (value) {
            m.put(key, true);
        }
    }

    private static void list(Map<String, Object> m, String key, List<String> values) {
        if (!values.isEmpty()) {
            m.put(key, escList(values));
        }
    }

    private static void map(Map<String, Object> m, String key, Map<String, String> values) {
        if (!values.isEmpty()) {
            Map<String, Object> out = new TreeMap<>();
            values.forEach((k, v) -> out.put(k, esc(v)));
            m.put(key, out);
        }
    }
}
