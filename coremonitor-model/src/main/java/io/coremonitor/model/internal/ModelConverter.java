package io.coremonitor.model.internal;

import io.coremonitor.model.BindOptions;
import io.coremonitor.model.ComposeDefinition;
import io.coremonitor.model.DependsOn;
import io.coremonitor.model.DependsOnCondition;
import io.coremonitor.model.DeviceMapping;
import io.coremonitor.model.ExtraHost;
import io.coremonitor.model.HealthCheck;
import io.coremonitor.model.Ipam;
import io.coremonitor.model.IpamPool;
import io.coremonitor.model.Logging;
import io.coremonitor.model.Mount;
import io.coremonitor.model.MountType;
import io.coremonitor.model.NetworkAttachment;
import io.coremonitor.model.NetworkSpec;
import io.coremonitor.model.PortMapping;
import io.coremonitor.model.PortRange;
import io.coremonitor.model.Protocol;
import io.coremonitor.model.Resources;
import io.coremonitor.model.RestartPolicy;
import io.coremonitor.model.ServiceSpec;
import io.coremonitor.model.TmpfsOptions;
import io.coremonitor.model.Ulimit;
import io.coremonitor.model.VolumeOptions;
import io.coremonitor.model.VolumeSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns an interpolated tree into the typed model, parsing short syntaxes. Values of a wrong shape are reported and
 * skipped so that every error of the document is found in one pass. Remembers where each port and mount came from,
 * for the semantic checks.
 */
public final class ModelConverter {

    private static final Set<String> PROPAGATIONS = Set.of("shared", "slave", "private", "rshared", "rslave", "rprivate");

    private final Values v;
    private final Map<String, String> variables;
    /** Origin path of each PortMapping / Mount object (identity). */
    private final Map<Object, String> origins = new IdentityHashMap<>();

    public ModelConverter(Problems problems, Map<String, String> variables) {
        this.v = new Values(problems);
        this.variables = variables;
    }

    public Map<Object, String> origins() {
        return origins;
    }

    public ComposeDefinition convert(Map<String, Object> root) {
        Optional<String> name = v.string(root, "", "name");
        if (root.containsKey("version")) {
            v.warn("version", "'version' is obsolete and ignored");
        }
        Map<String, ServiceSpec> services = new LinkedHashMap<>();
        Map<String, Object> rawServices = v.mapping(root.get("services"), "services");
        for (Map.Entry<String, Object> e : rawServices.entrySet()) {
            String path = Paths.key("services", e.getKey());
            if (!(e.getValue() instanceof Map)) {
                v.error(path, "a service must be a mapping, not " + TreeTypes.describe(e.getValue()));
                continue;
            }
            service(v.mapping(e.getValue(), path), path).ifPresent(s -> services.put(e.getKey(), s));
        }
        Map<String, NetworkSpec> networks = new LinkedHashMap<>();
        v.mapping(root.get("networks"), "networks").forEach((key, value) -> {
            String path = Paths.key("networks", key);
            networks.put(key, network(v.mapping(value, path), path));
        });
        Map<String, VolumeSpec> volumes = new LinkedHashMap<>();
        v.mapping(root.get("volumes"), "volumes").forEach((key, value) -> {
            String path = Paths.key("volumes", key);
            volumes.put(key, volume(v.mapping(value, path), path));
        });
        return new ComposeDefinition(name, services, networks, volumes);
    }

    // ---------------------------------------------------------------- services

    private Optional<ServiceSpec> service(Map<String, Object> s, String path) {
        Optional<String> image = v.string(s, path, "image");
        if (s.containsKey("build")) {
            if (image.isEmpty()) {
                v.error(Paths.key(path, "build"), "'build' is not supported: Core Monitor runs images and does not build them;"
                    + " add 'image:'");
            } else {
                v.warn(Paths.key(path, "build"), "ignored: Core Monitor runs the image '" + image.get() + "' and does not build it");
            }
        } else if (image.isEmpty()) {
            v.error(path, "missing required key 'image' (Core Monitor runs images)");
        } else if (image.get().isBlank()) {
            v.error(Paths.key(path, "image"), "must not be empty");
        }

        Map<String, Object> deploy = v.mapping(s.get("deploy"), Paths.key(path, "deploy"));
        String deployPath = Paths.key(path, "deploy");
        deploy(deploy, deployPath);
        Map<String, Object> resources = v.mapping(deploy.get("resources"), Paths.key(deployPath, "resources"));
        String resPath = Paths.key(deployPath, "resources");
        Map<String, Object> limitsRaw = v.mapping(resources.get("limits"), Paths.key(resPath, "limits"));
        Map<String, Object> reservRaw = v.mapping(resources.get("reservations"), Paths.key(resPath, "reservations"));
        String limPath = Paths.key(resPath, "limits");
        String resvPath = Paths.key(resPath, "reservations");
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

        Optional<RestartPolicy> restart = restart(s, path, deploy, deployPath);
        Map<String, NetworkAttachment> networks = serviceNetworks(s.get("networks"), Paths.key(path, "networks"));
        Optional<String> networkMode = v.string(s, path, "network_mode");
        if (networkMode.isPresent() && s.containsKey("networks")) {
            v.error(Paths.key(path, "network_mode"), "cannot be combined with 'networks' (use one or the other)");
        }
        Optional<String> pullPolicy = pullPolicy(s, path);
        Optional<Integer> oomScoreAdj = v.intInRange(s, path, "oom_score_adj", -1000, 1000);
        Optional<Long> cpuShares = v.integer(s, path, "cpu_shares");
        if (cpuShares.isPresent() && cpuShares.get() < 0) {
            v.error(Paths.key(path, "cpu_shares"), "must not be negative");
        }

        ServiceSpec spec = new ServiceSpec(
            image.orElse(""),
            command(s, path, "command"),
            command(s, path, "entrypoint"),
            environment(s, path),
            ports(s.get("ports"), Paths.key(path, "ports")),
            expose(s, path),
            mounts(s.get("volumes"), Paths.key(path, "volumes")),
            sorted(v.strings(s, path, "tmpfs", true)),
            networks,
            networkMode,
            dependsOn(s.get("depends_on"), Paths.key(path, "depends_on")),
            healthcheck(s.get("healthcheck"), Paths.key(path, "healthcheck")),
            restart,
            limits,
            reservations,
            v.size(s, path, "memswap_limit", true),
            v.size(s, path, "shm_size", false),
            cpuShares,
            v.stringMap(s, path, "labels"),
            v.stringMap(s, path, "annotations"),
            v.string(s, path, "user"),
            v.string(s, path, "working_dir"),
            v.string(s, path, "hostname"),
            v.string(s, path, "domainname"),
            v.string(s, path, "container_name"),
            v.strings(s, path, "cap_add", false),
            v.strings(s, path, "cap_drop", false),
            v.bool(s, path, "privileged", false),
            v.bool(s, path, "read_only", false),
            v.strings(s, path, "security_opt", false),
            extraHosts(s.get("extra_hosts"), Paths.key(path, "extra_hosts")),
            v.strings(s, path, "dns", true),
            v.strings(s, path, "dns_search", true),
            v.strings(s, path, "dns_opt", false),
            ulimits(s.get("ulimits"), Paths.key(path, "ulimits")),
            v.bool(s, path, "init", false),
            v.string(s, path, "stop_signal"),
            v.duration(s, path, "stop_grace_period"),
            v.bool(s, path, "tty", false),
            v.bool(s, path, "stdin_open", false),
            v.stringMap(s, path, "sysctls"),
            logging(s.get("logging"), Paths.key(path, "logging")),
            v.string(s, path, "platform"),
            pullPolicy,
            v.string(s, path, "ipc"),
            v.string(s, path, "pid"),
            v.string(s, path, "userns_mode"),
            devices(s.get("devices"), Paths.key(path, "devices")),
            v.strings(s, path, "group_add", false),
            v.string(s, path, "mac_address"),
            oomScoreAdj,
            v.bool(s, path, "oom_kill_disable", false),
            v.string(s, path, "cgroup_parent"),
            v.string(s, path, "runtime"),
            v.string(s, path, "isolation"),
            v.bool(s, path, "attach", true),
            v.strings(s, path, "profiles", false));
        return Optional.of(spec);
    }

    /** The value given either by the service-level key or by its deploy.resources twin; both must agree. */
    private <T> Optional<T> same(Optional<T> direct, Optional<T> deploy, String path, String key, String deployPath) {
        if (direct.isPresent() && deploy.isPresent() && !direct.get().equals(deploy.get())) {
            v.error(Paths.key(path, key), "conflicts with " + deployPath + " (give the value once, or the same value in both)");
        }
        return direct.isPresent() ? direct : deploy;
    }

    private void deploy(Map<String, Object> deploy, String path) {
        Optional<Long> replicas = v.integer(deploy, path, "replicas");
        if (replicas.isPresent() && replicas.get() != 1) {
            v.error(Paths.key(path, "replicas"), "Core Monitor runs exactly one container per service; 'replicas: " + replicas.get()
                + "' is not supported");
        }
    }

    private Optional<RestartPolicy> restart(Map<String, Object> s, String path, Map<String, Object> deploy, String deployPath) {
        Optional<RestartPolicy> direct = Optional.empty();
        Optional<String> text = v.string(s, path, "restart");
        if (text.isPresent()) {
            direct = RestartPolicy.parse(text.get());
            if (direct.isEmpty()) {
                v.error(Paths.key(path, "restart"), "'" + text.get() + "' is not a restart policy; use no, always, on-failure[:N]"
                    + " or unless-stopped");
            }
        }
        if (!deploy.containsKey("restart_policy")) {
            return direct;
        }
        String rpPath = Paths.key(deployPath, "restart_policy");
        Map<String, Object> rp = v.mapping(deploy.get("restart_policy"), rpPath);
        String condition = v.string(rp, rpPath, "condition").orElse("any");
        Optional<Integer> attempts = v.intInRange(rp, rpPath, "max_attempts", 0, Integer.MAX_VALUE);
        RestartPolicy fromDeploy;
        switch (condition) {
            case "none":
                fromDeploy = new RestartPolicy(RestartPolicy.Mode.NO, Optional.empty());
                break;
            case "on-failure":
                fromDeploy = new RestartPolicy(RestartPolicy.Mode.ON_FAILURE, attempts);
                break;
            default:
                fromDeploy = new RestartPolicy(RestartPolicy.Mode.ALWAYS, Optional.empty());
                break;
        }
        if (attempts.isPresent() && !"on-failure".equals(condition)) {
            v.error(Paths.key(rpPath, "max_attempts"), "only works with condition: on-failure");
        }
        if (direct.isPresent() && !direct.get().equals(fromDeploy)) {
            v.error(rpPath, "conflicts with 'restart: " + direct.get() + "' (give the policy once)");
        }
        return Optional.of(fromDeploy);
    }

    private Optional<String> pullPolicy(Map<String, Object> s, String path) {
        Optional<String> p = v.string(s, path, "pull_policy");
        if (p.isEmpty()) {
            return p;
        }
        String value = p.get();
        if ("if_not_present".equals(value)) {
            return Optional.of("missing");
        }
        if ("build".equals(value)) {
            v.error(Paths.key(path, "pull_policy"), "'build' is not supported: Core Monitor runs images and does not build them");
            return Optional.empty();
        }
        if (value.matches("always|never|missing|daily|weekly|every_([0-9]+[wdhms])+")) {
            return p;
        }
        v.error(Paths.key(path, "pull_policy"), "'" + value + "' is not a pull policy; use always, never, missing, daily, weekly"
            + " or every_<duration>");
        return Optional.empty();
    }

    /** {@code command}/{@code entrypoint}: absent or null: keep the image's; {@code []} or {@code ''}: override with nothing. */
    private Optional<List<String>> command(Map<String, Object> s, String path, String key) {
        Object value = s.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof String text) {
            Optional<List<String>> words = ShellWords.split(text);
            if (words.isEmpty()) {
                v.error(Paths.key(path, key), "a quote is not closed in '" + text + "'");
            }
            return words;
        }
        return Optional.of(v.strings(s, path, key, false));
    }

    private Map<String, Optional<String>> environment(Map<String, Object> s, String path) {
        Map<String, Optional<String>> out = new LinkedHashMap<>();
        v.listOrDict(s, path, "environment").forEach((k, value) ->
            out.put(k, value.isPresent() ? value : Optional.ofNullable(variables.get(k))));
        return out;
    }

    // ---------------------------------------------------------------- ports

    private List<PortMapping> ports(Object value, String path) {
        List<PortMapping> out = new ArrayList<>();
        List<?> list = v.list(value, path);
        for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            String p = Paths.index(path, i);
            List<PortMapping> mappings;
            if (item instanceof Long || item instanceof String) {
                mappings = shortPort(Values.scalarText(item), p);
            } else if (item instanceof Map) {
                mappings = longPort(v.mapping(item, p), p);
            } else {
                v.error(p, "must be a port (\"8080:80\") or a mapping, not " + TreeTypes.describe(item));
                continue;
            }
            for (PortMapping m : mappings) {
                origins.put(m, p);
                out.add(m);
            }
        }
        out.sort(Comparator.comparingInt(PortMapping::target)
            .thenComparing(m -> m.protocol().value())
            .thenComparing(m -> m.hostIp().orElse(""))
            .thenComparing(m -> m.published().map(r -> r.start()).orElse(0))
            .thenComparing(m -> m.published().map(r -> r.end()).orElse(0))
            .thenComparing(PortMapping::mode)
            .thenComparing(m -> m.name().orElse(""))
            .thenComparing(m -> m.appProtocol().orElse("")));
        return out;
    }

    private List<PortMapping> shortPort(String text, String path) {
        String spec = text.trim();
        Protocol protocol = Protocol.TCP;
        int slash = spec.lastIndexOf('/');
        if (slash >= 0) {
            Optional<Protocol> p = protocol(spec.substring(slash + 1));
            if (p.isEmpty()) {
                v.error(path, "'" + spec.substring(slash + 1) + "' is not a protocol (use tcp, udp or sctp)");
                return List.of();
            }
            protocol = p.get();
            spec = spec.substring(0, slash);
        }
        String ip = null;
        String rest = spec;
        if (spec.startsWith("[")) {
            int close = spec.indexOf("]:");
            if (close < 0) {
                v.error(path, "'" + text + "' is not a port mapping (expected [IPv6]:HOST:CONTAINER)");
                return List.of();
            }
            ip = spec.substring(1, close);
            rest = spec.substring(close + 2);
        }
        String[] parts = rest.split(":", -1);
        String host;
        String container;
        if (ip == null && parts.length == 3) {
            ip = parts[0];
            host = parts[1];
            container = parts[2];
        } else if (parts.length == 2) {
            host = parts[0];
            container = parts[1];
        } else if (parts.length == 1) {
            host = "";
            container = parts[0];
        } else {
            v.error(path, "'" + text + "' is not a port mapping (expected [HOST_IP:][HOST:]CONTAINER[/PROTOCOL];"
                + " put IPv6 addresses in brackets)");
            return List.of();
        }
        Optional<PortRange> targets = range(container, path, text);
        Optional<PortRange> published = host.isEmpty() ? Optional.empty() : range(host, path, text);
        if (targets.isEmpty() || !host.isEmpty() && published.isEmpty()) {
            return List.of();
        }
        return expand(targets.get(), published, ip == null || ip.isEmpty() ? Optional.empty() : Optional.of(ip), protocol,
            "ingress", Optional.empty(), Optional.empty(), path);
    }

    private List<PortMapping> expand(PortRange targets, Optional<PortRange> published, Optional<String> hostIp, Protocol protocol,
            String mode, Optional<String> name, Optional<String> appProtocol, String path) {
        int count = targets.end() - targets.start() + 1;
        List<PortMapping> out = new ArrayList<>();
        if (count == 1) {
            out.add(new PortMapping(targets.start(), published, hostIp, protocol, mode, name, appProtocol));
            return out;
        }
        if (published.isPresent() && published.get().end() - published.get().start() + 1 != count) {
            v.error(path, "the host range " + published.get() + " and the container range " + targets + " have different sizes");
            return out;
        }
        for (int k = 0; k < count; k++) {
            int offset = k;
            out.add(new PortMapping(targets.start() + k, published.map(r -> PortRange.single(r.start() + offset)), hostIp, protocol,
                mode, name, appProtocol));
        }
        return out;
    }

    private Optional<PortRange> range(String text, String path, String whole) {
        String t = text.trim();
        if (!t.matches("[0-9]{1,5}(-[0-9]{1,5})?")) {
            v.error(path, "'" + whole + "' is not a port mapping: '" + t + "' is not a port number or range");
            return Optional.empty();
        }
        int dash = t.indexOf('-');
        int start = Integer.parseInt(dash < 0 ? t : t.substring(0, dash));
        int end = dash < 0 ? start : Integer.parseInt(t.substring(dash + 1));
        if (start < 1 || start > 65535 || end < 1 || end > 65535) {
            v.error(path, "port " + (start < 1 || start > 65535 ? start : end) + " is out of range (1-65535)");
            return Optional.empty();
        }
        if (end < start) {
            v.error(path, "the port range " + t + " ends before it starts");
            return Optional.empty();
        }
        return Optional.of(new PortRange(start, end));
    }

    private List<PortMapping> longPort(Map<String, Object> m, String path) {
        Object target = m.get("target");
        Optional<PortRange> targets = target == null ? Optional.empty() : range(Values.scalarText(target), Paths.key(path, "target"),
            Values.scalarText(target));
        if (target == null) {
            v.error(path, "missing required key 'target'");
        }
        Optional<PortRange> published = Optional.empty();
        Object pub = m.get("published");
        if (pub != null && !"".equals(pub)) {
            published = range(Values.scalarText(pub), Paths.key(path, "published"), Values.scalarText(pub));
            if (published.isEmpty()) {
                return List.of();
            }
        }
        Optional<Protocol> protocol = protocol(v.string(m, path, "protocol").orElse("tcp"));
        if (protocol.isEmpty()) {
            v.error(Paths.key(path, "protocol"), "must be tcp, udp or sctp");
            return List.of();
        }
        if (targets.isEmpty()) {
            return List.of();
        }
        Optional<String> hostIp = v.string(m, path, "host_ip").filter(s -> !s.isEmpty());
        return expand(targets.get(), published, hostIp, protocol.get(), v.string(m, path, "mode").orElse("ingress"),
            v.string(m, path, "name"), v.string(m, path, "app_protocol"), path);
    }

    private static Optional<Protocol> protocol(String text) {
        for (Protocol p : Protocol.values()) {
            if (p.value().equals(text.toLowerCase(Locale.ROOT))) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private List<String> expose(Map<String, Object> s, String path) {
        List<String> raw = v.strings(s, path, "expose", false);
        Set<String> out = new TreeSet<>();
        for (int i = 0; i < raw.size(); i++) {
            String e = raw.get(i).trim();
            String p = Paths.index(Paths.key(path, "expose"), i);
            String[] parts = e.split("/", -1);
            if (parts.length > 2 || parts.length == 2 && protocol(parts[1]).isEmpty()) {
                v.error(p, "'" + e + "' is not a port (write 3000, 3000-3005 or 53/udp)");
                continue;
            }
            if (range(parts[0], p, e).isPresent()) {
                out.add(parts.length == 2 ? parts[0] + "/" + parts[1].toLowerCase(Locale.ROOT) : parts[0]);
            }
        }
        return new ArrayList<>(out);
    }

    // ---------------------------------------------------------------- mounts

    private List<Mount> mounts(Object value, String path) {
        List<Mount> out = new ArrayList<>();
        List<?> list = v.list(value, path);
        for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            String p = Paths.index(path, i);
            Optional<Mount> mount;
            if (item instanceof String text) {
                mount = shortMount(text, p);
            } else if (item instanceof Map) {
                mount = longMount(v.mapping(item, p), p);
            } else {
                v.error(p, "must be a volume (\"data:/var/lib/data\") or a mapping, not " + TreeTypes.describe(item));
                mount = Optional.empty();
            }
            mount.ifPresent(m -> {
                origins.put(m, p);
                out.add(m);
            });
        }
        out.sort(Comparator.comparing(Mount::target).thenComparing(m -> m.type().value()).thenComparing(m -> m.source().orElse("")));
        return out;
    }

    private static boolean isHostPath(String source) {
        return source.startsWith("/") || source.startsWith(".") || source.startsWith("~");
    }

    private Optional<Mount> shortMount(String text, String path) {
        String[] parts = text.split(":", -1);
        if (parts.length > 3 || text.isEmpty()) {
            v.error(path, "'" + text + "' is not a volume (expected [SOURCE:]TARGET[:MODE])");
            return Optional.empty();
        }
        String source = parts.length == 1 ? "" : parts[0];
        String target = parts.length == 1 ? parts[0] : parts[1];
        if (parts.length > 1 && source.isEmpty()) {
            v.error(path, "'" + text + "' has an empty source");
            return Optional.empty();
        }
        if (!target.startsWith("/")) {
            v.error(path, "the target '" + target + "' must be an absolute path in the container");
            return Optional.empty();
        }
        boolean bind = isHostPath(source);
        boolean readOnly = false;
        boolean nocopy = false;
        Optional<String> propagation = Optional.empty();
        Optional<String> selinux = Optional.empty();
        if (parts.length == 3) {
            for (String mode : parts[2].split(",", -1)) {
                if ("ro".equals(mode)) {
                    readOnly = true;
                } else if ("rw".equals(mode)) {
                    readOnly = false;
                } else if (("z".equals(mode) || "Z".equals(mode)) && bind) {
                    selinux = Optional.of(mode);
                } else if ("nocopy".equals(mode) && !bind) {
                    nocopy = true;
                } else if (PROPAGATIONS.contains(mode) && bind) {
                    propagation = Optional.of(mode);
                } else if (mode.matches("cached|delegated|consistent")) {
                    v.error(path, "the mode '" + mode + "' is not supported by Core Monitor: mount consistency only matters on"
                        + " Docker Desktop for macOS");
                    return Optional.empty();
                } else {
                    v.error(path, "'" + mode + "' is not a valid mode for a " + (bind ? "bind mount" : "volume")
                        + " (use ro, rw" + (bind ? ", z, Z, shared, slave, private, rshared, rslave, rprivate" : ", nocopy") + ")");
                    return Optional.empty();
                }
            }
        }
        if (bind) {
            return Optional.of(new Mount(MountType.BIND, Optional.of(source), target, readOnly,
                Optional.of(new BindOptions(propagation, true, selinux)), Optional.empty(), Optional.empty()));
        }
        VolumeOptions options = new VolumeOptions(nocopy, Optional.empty());
        return Optional.of(new Mount(MountType.VOLUME, source.isEmpty() ? Optional.empty() : Optional.of(source), target, readOnly,
            Optional.empty(), options.isDefault() ? Optional.empty() : Optional.of(options), Optional.empty()));
    }

    private Optional<Mount> longMount(Map<String, Object> m, String path) {
        Optional<String> typeText = v.string(m, path, "type");
        Optional<String> target = v.string(m, path, "target");
        if (typeText.isEmpty() || target.isEmpty()) {
            return Optional.empty();
        }
        MountType type;
        try {
            type = MountType.valueOf(typeText.get().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            v.error(Paths.key(path, "type"), "'" + typeText.get() + "' is not supported by Core Monitor; use volume, bind or tmpfs");
            return Optional.empty();
        }
        if (!target.get().startsWith("/")) {
            v.error(Paths.key(path, "target"), "'" + target.get() + "' must be an absolute path in the container");
            return Optional.empty();
        }
        Optional<String> source = v.string(m, path, "source").filter(s -> !s.isEmpty());
        boolean readOnly = v.bool(m, path, "read_only", false);
        for (MountType other : MountType.values()) {
            if (other != type && m.containsKey(other.value())) {
                v.error(Paths.key(path, other.value()), "'" + other.value() + "' options only apply to type " + other.value()
                    + ", not " + type.value());
                return Optional.empty();
            }
        }
        switch (type) {
            case BIND: {
                if (source.isEmpty()) {
                    v.error(path, "a bind mount needs 'source' (the host path)");
                    return Optional.empty();
                }
                String bp = Paths.key(path, "bind");
                Map<String, Object> b = v.mapping(m.get("bind"), bp);
                BindOptions options = new BindOptions(v.string(b, bp, "propagation"), v.bool(b, bp, "create_host_path", false),
                    v.string(b, bp, "selinux"));
                return Optional.of(new Mount(type, source, target.get(), readOnly,
                    options.isDefault() ? Optional.empty() : Optional.of(options), Optional.empty(), Optional.empty()));
            }
            case VOLUME: {
                if (source.isPresent() && isHostPath(source.get())) {
                    v.error(Paths.key(path, "source"), "'" + source.get() + "' is a host path; use type: bind for it");
                    return Optional.empty();
                }
                String vp = Paths.key(path, "volume");
                Map<String, Object> o = v.mapping(m.get("volume"), vp);
                VolumeOptions options = new VolumeOptions(v.bool(o, vp, "nocopy", false), v.string(o, vp, "subpath"));
                return Optional.of(new Mount(type, source, target.get(), readOnly, Optional.empty(),
                    options.isDefault() ? Optional.empty() : Optional.of(options), Optional.empty()));
            }
            default: {
                if (source.isPresent()) {
                    v.error(Paths.key(path, "source"), "a tmpfs mount has no source");
                    return Optional.empty();
                }
                String tp = Paths.key(path, "tmpfs");
                Map<String, Object> t = v.mapping(m.get("tmpfs"), tp);
                Optional<Integer> mode = Optional.empty();
                Object rawMode = t.get("mode");
                if (rawMode instanceof Long l) {
                    mode = Optional.of(l.intValue());
                } else if (rawMode instanceof String str) {
                    if (str.matches("[0-7]{1,5}")) {
                        mode = Optional.of(Integer.parseInt(str, 8));
                    } else {
                        v.error(Paths.key(tp, "mode"), "'" + str + "' is not an octal file mode");
                    }
                }
                TmpfsOptions options = new TmpfsOptions(v.size(t, tp, "size", false), mode);
                return Optional.of(new Mount(type, Optional.empty(), target.get(), readOnly, Optional.empty(), Optional.empty(),
                    options.isDefault() ? Optional.empty() : Optional.of(options)));
            }
        }
    }

    // ---------------------------------------------------------------- networks, depends_on, healthcheck

    private Map<String, NetworkAttachment> serviceNetworks(Object value, String path) {
        Map<String, NetworkAttachment> out = new LinkedHashMap<>();
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) instanceof String name) {
                    out.put(name, NetworkAttachment.DEFAULT);
                } else {
                    v.error(Paths.index(path, i), "must be a network name, not " + TreeTypes.describe(list.get(i)));
                }
            }
        } else if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String name = (String) e.getKey();
                String p = Paths.key(path, name);
                Map<String, Object> a = v.mapping(e.getValue(), p);
                out.put(name, new NetworkAttachment(
                    v.strings(a, p, "aliases", false),
                    v.string(a, p, "ipv4_address"),
                    v.string(a, p, "ipv6_address"),
                    v.string(a, p, "mac_address"),
                    v.strings(a, p, "link_local_ips", false),
                    v.intInRange(a, p, "priority", Integer.MIN_VALUE, Integer.MAX_VALUE),
                    v.intInRange(a, p, "gw_priority", Integer.MIN_VALUE, Integer.MAX_VALUE),
                    v.scalarMap(a, p, "driver_opts"),
                    v.string(a, p, "interface_name")));
            }
        } else if (value != null) {
            v.error(path, "must be a list or a mapping, not " + TreeTypes.describe(value));
        }
        return out;
    }

    private Map<String, DependsOn> dependsOn(Object value, String path) {
        Map<String, DependsOn> out = new LinkedHashMap<>();
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) instanceof String name) {
                    out.put(name, DependsOn.started());
                } else {
                    v.error(Paths.index(path, i), "must be a service name, not " + TreeTypes.describe(list.get(i)));
                }
            }
        } else if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String name = (String) e.getKey();
                String p = Paths.key(path, name);
                Map<String, Object> d = v.mapping(e.getValue(), p);
                Optional<String> conditionText = v.string(d, p, "condition");
                Optional<DependsOnCondition> condition = conditionText.flatMap(DependsOnCondition::fromValue);
                if (conditionText.isPresent() && condition.isEmpty()) {
                    v.error(Paths.key(p, "condition"), "'" + conditionText.get() + "' is not a condition; use service_started,"
                        + " service_healthy or service_completed_successfully");
                }
                out.put(name, new DependsOn(condition.orElse(DependsOnCondition.SERVICE_STARTED), v.bool(d, p, "restart", false),
                    v.bool(d, p, "required", true)));
            }
        } else if (value != null) {
            v.error(path, "must be a list or a mapping, not " + TreeTypes.describe(value));
        }
        return out;
    }

    private Optional<HealthCheck> healthcheck(Object value, String path) {
        if (value == null) {
            return Optional.empty();
        }
        Map<String, Object> h = v.mapping(value, path);
        List<String> test = List.of();
        Object rawTest = h.get("test");
        String tp = Paths.key(path, "test");
        if (rawTest instanceof String s) {
            if (s.isBlank()) {
                v.error(tp, "must not be empty");
            } else {
                test = List.of("CMD-SHELL", s);
            }
        } else if (rawTest instanceof List) {
            test = v.strings(h, path, "test", false);
            if (test.isEmpty()) {
                v.error(tp, "must not be an empty list (start it with CMD, CMD-SHELL or NONE)");
            } else if (!List.of("CMD", "CMD-SHELL", "NONE").contains(test.get(0))) {
                v.error(Paths.index(tp, 0), "a test list starts with CMD, CMD-SHELL or NONE, not '" + test.get(0) + "'");
            } else if (!"NONE".equals(test.get(0)) && test.size() < 2) {
                v.error(tp, "'" + test.get(0) + "' needs a command after it");
            } else if ("CMD-SHELL".equals(test.get(0)) && test.size() > 2) {
                v.error(tp, "CMD-SHELL takes exactly one command string");
            }
        } else if (rawTest != null) {
            v.error(tp, "must be a string or a list, not " + TreeTypes.describe(rawTest));
        }
        boolean disable = v.bool(h, path, "disable", false) || !test.isEmpty() && "NONE".equals(test.get(0));
        if (disable) {
            test = List.of("NONE");
        }
        Optional<Long> retries = v.integer(h, path, "retries");
        if (retries.isPresent() && (retries.get() < 0 || retries.get() > Integer.MAX_VALUE)) {
            v.error(Paths.key(path, "retries"), "must be 0 or more, not " + retries.get());
            retries = Optional.empty();
        }
        return Optional.of(new HealthCheck(test, positive(h, path, "interval"), positive(h, path, "timeout"),
            v.duration(h, path, "start_period"), positive(h, path, "start_interval"), retries.map(Long::intValue), disable));
    }

    private Optional<Duration> positive(Map<String, Object> m, String path, String key) {
        Optional<Duration> d = v.duration(m, path, key);
        if (d.isPresent() && d.get().isZero()) {
            v.error(Paths.key(path, key), "must be longer than 0s");
            return Optional.empty();
        }
        return d;
    }

    // ---------------------------------------------------------------- other service keys

    private List<ExtraHost> extraHosts(Object value, String path) {
        List<ExtraHost> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                Object item = list.get(i);
                String p = Paths.index(path, i);
                if (!(item instanceof String entry)) {
                    v.error(p, "must be a 'host:ip' string, not " + TreeTypes.describe(item));
                    continue;
                }
                int sep = entry.indexOf('=') >= 0 ? entry.indexOf('=') : entry.indexOf(':');
                if (sep <= 0 || sep == entry.length() - 1) {
                    v.error(p, "'" + entry + "' is not a host entry (write host:ip or host=ip)");
                    continue;
                }
                out.add(new ExtraHost(entry.substring(0, sep), stripBrackets(entry.substring(sep + 1))));
            }
        } else if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String host = (String) e.getKey();
                Object ips = e.getValue();
                if (ips instanceof List<?> list) {
                    for (Object ip : list) {
                        out.add(new ExtraHost(host, stripBrackets(String.valueOf(ip))));
                    }
                } else if (ips instanceof String ip && !ip.isEmpty()) {
                    out.add(new ExtraHost(host, stripBrackets(ip)));
                } else {
                    v.error(Paths.key(path, host), "must be an IP address or a list of them");
                }
            }
        } else if (value != null) {
            v.error(path, "must be a list or a mapping, not " + TreeTypes.describe(value));
        }
        out.sort(Comparator.comparing(ExtraHost::host).thenComparing(ExtraHost::ip));
        return out;
    }

    private static String stripBrackets(String ip) {
        return ip.startsWith("[") && ip.endsWith("]") ? ip.substring(1, ip.length() - 1) : ip;
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

    private Optional<Logging> logging(Object value, String path) {
        if (value == null) {
            return Optional.empty();
        }
        Map<String, Object> l = v.mapping(value, path);
        return Optional.of(new Logging(v.string(l, path, "driver"), v.scalarMap(l, path, "options")));
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

    private static List<String> sorted(List<String> list) {
        return new ArrayList<>(new TreeSet<>(list));
    }

    // ---------------------------------------------------------------- networks and volumes

    private NetworkSpec network(Map<String, Object> n, String path) {
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

    private VolumeSpec volume(Map<String, Object> m, String path) {
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
