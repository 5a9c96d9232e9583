package io.coremonitor.docker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.BindPropagation;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Device;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.InternetProtocol;
import com.github.dockerjava.api.model.Isolation;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.Volume;
import io.coremonitor.model.CanonicalJson;
import io.coremonitor.model.ComposeDefinition;
import io.coremonitor.model.HealthCheck;
import io.coremonitor.model.Mount;
import io.coremonitor.model.MountType;
import io.coremonitor.model.NetworkAttachment;
import io.coremonitor.model.PortMapping;
import io.coremonitor.model.RestartPolicy;
import io.coremonitor.model.ServiceSpec;
import io.coremonitor.model.Ulimit;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Translates one service of a definition into a container create request. Every field either reaches the request
 * or is refused ({@link UnsupportedFieldException} listing each refused field with its path): nothing is silently
 * dropped. Fields without any container effect are accepted and documented here: {@code depends_on} (start order),
 * {@code attach} (log attachment of a CLI), {@code profiles} (the planner deploys only services without profiles),
 * {@code pull_policy} (the executor pulls a missing image unless {@code never}), and ports' {@code name},
 * {@code app_protocol} and {@code mode} (metadata; both modes publish on the engine's host).
 *
 * <p><b>Config hash.</b> SHA-256 of a JSON document holding the stack name, the container name, the service's
 * canonical JSON (see {@link CanonicalJson}) without the keys that do not shape the container ({@code depends_on},
 * {@code profiles}, {@code attach}, {@code pull_policy}), and the Docker names the service's network and volume keys
 * resolve to. The image is included as the reference written in the definition, not as the resolved image id:
 * re-tagging an image does not recreate containers (as {@code docker compose up} without {@code --pull}).
 */
public final class ServiceTranslator {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long NANOS_PER_CPU = 1_000_000_000L;

    private ServiceTranslator() {
    }

    /**
     * The identity of a container in a stack: which stack, version and command it was made by.
     *
     * @param stackId   the stack's id
     * @param stackName the stack's name (prefix of object names, compose project)
     * @param version   the version label
     * @param commandId the command that creates it
     */
    public record Context(String stackId, String stackName, String version, String commandId) {
    }

    /**
     * The create request of a service.
     *
     * @throws UnsupportedFieldException listing every field that cannot be translated
     */
    public static ContainerRequest translate(Context ctx, ComposeDefinition definition, String service) {
        ServiceSpec spec = definition.services().get(service);
        if (spec == null) {
            throw new IllegalArgumentException("no service " + service);
        }
        List<String> problems = new ArrayList<>();
        String prefix = "services." + service + ".";
        String name = StackNaming.container(ctx.stackName(), service, spec);
        String hash = configHash(ctx.stackName(), definition, service);

        Map<String, String> labels = new TreeMap<>(spec.labels());
        labels.put(StackLabels.MANAGED, "true");
        labels.put(StackLabels.STACK_ID, ctx.stackId());
        labels.put(StackLabels.VERSION, ctx.version());
        labels.put(StackLabels.SERVICE, service);
        labels.put(StackLabels.COMMAND_ID, ctx.commandId());
        labels.put(StackLabels.CONFIG_HASH, hash);
        labels.put(StackLabels.COMPOSE_PROJECT, ctx.stackName());
        labels.put(StackLabels.COMPOSE_SERVICE, service);
        labels.put(StackLabels.COMPOSE_NUMBER, "1");
        labels.put(StackLabels.COMPOSE_ONEOFF, "False");

        HostConfig host = HostConfig.newHostConfig();
        List<java.util.function.Consumer<CreateContainerCmd>> steps = new ArrayList<>();

        spec.command().ifPresent(c -> steps.add(cmd -> cmd.withCmd(c)));
        spec.entrypoint().ifPresent(e -> steps.add(cmd -> cmd.withEntrypoint(e.isEmpty() ? List.of("") : e)));
        List<String> env = new ArrayList<>();
        spec.environment().forEach((k, v) -> v.ifPresent(value -> env.add(k + "=" + value)));
        if (!env.isEmpty()) {
            steps.add(cmd -> cmd.withEnv(env));
        }

        // ports and expose
        Set<ExposedPort> exposed = new LinkedHashSet<>();
        Ports bindings = new Ports();
        for (PortMapping p : spec.ports()) {
            ExposedPort port = new ExposedPort(p.target(), InternetProtocol.parse(p.protocol().value()));
            exposed.add(port);
            String ip = p.hostIp().orElse(null);
            Ports.Binding binding = p.published()
                .map(r -> r.isSingle() ? new Ports.Binding(ip, Integer.toString(r.start())) : new Ports.Binding(ip, r.toString()))
                .orElse(new Ports.Binding(ip, null));
            bindings.bind(port, binding);
        }
        for (String e : spec.expose()) {
            String[] parts = e.split("/", 2);
            InternetProtocol protocol = parts.length == 2 ? InternetProtocol.parse(parts[1]) : InternetProtocol.TCP;
            String[] range = parts[0].split("-", 2);
            int start = Integer.parseInt(range[0]);
            int end = range.length == 2 ? Integer.parseInt(range[1]) : start;
            for (int port = start; port <= end; port++) {
                exposed.add(new ExposedPort(port, protocol));
            }
        }
        if (!exposed.isEmpty()) {
            steps.add(cmd -> cmd.withExposedPorts(new ArrayList<>(exposed)));
        }
        if (!spec.ports().isEmpty()) {
            host.withPortBindings(bindings);
        }

        translateMounts(ctx, definition, spec, prefix, host, steps, problems);
        if (!spec.tmpfs().isEmpty()) {
            Map<String, String> tmpfs = new LinkedHashMap<>();
            for (String t : spec.tmpfs()) {
                int colon = t.indexOf(':');
                tmpfs.put(colon < 0 ? t : t.substring(0, colon), colon < 0 ? "" : t.substring(colon + 1));
            }
            host.withTmpFs(tmpfs);
        }

        List<NetworkJoin> extra = translateNetworks(ctx, definition, service, spec, prefix, host, steps, problems);

        spec.healthcheck().ifPresent(h -> steps.add(cmd -> cmd.withHealthcheck(healthcheck(h))));
        spec.restart().ifPresent(r -> host.withRestartPolicy(restart(r)));

        spec.limits().cpus().ifPresent(c -> host.withNanoCPUs(c.multiply(BigDecimal.valueOf(NANOS_PER_CPU)).longValue()));
        spec.limits().memory().ifPresent(m -> host.withMemory(m.bytes()));
        spec.limits().pids().ifPresent(host::withPidsLimit);
        spec.reservations().memory().ifPresent(m -> host.withMemoryReservation(m.bytes()));
        if (spec.reservations().cpus().isPresent()) {
            problems.add(prefix + "deploy.resources.reservations.cpus: the Docker Engine has no CPU reservation outside swarm");
        }
        if (spec.reservations().pids().isPresent()) {
            problems.add(prefix + "deploy.resources.reservations.pids: the Docker Engine has no pids reservation");
        }
        spec.memswapLimit().ifPresent(m -> host.withMemorySwap(m.bytes()));
        spec.shmSize().ifPresent(s -> host.withShmSize(s.bytes()));
        spec.cpuShares().ifPresent(s -> host.withCpuShares(Math.toIntExact(s)));
        if (!spec.annotations().isEmpty()) {
            problems.add(prefix + "annotations: needs Docker API 1.43; the supported engine speaks 1.41 and would ignore them");
        }
        if (spec.healthcheck().flatMap(HealthCheck::startInterval).isPresent()) {
            problems.add(prefix + "healthcheck.start_interval: needs Docker API 1.44; the supported engine speaks 1.41"
                + " and would ignore it");
        }
        spec.user().ifPresent(u -> steps.add(cmd -> cmd.withUser(u)));
        spec.workingDir().ifPresent(w -> steps.add(cmd -> cmd.withWorkingDir(w)));
        spec.hostname().ifPresent(h -> steps.add(cmd -> cmd.withHostName(h)));
        spec.domainname().ifPresent(d -> steps.add(cmd -> cmd.withDomainName(d)));
        capabilities(spec.capAdd(), prefix + "cap_add", problems).ifPresent(host::withCapAdd);
        capabilities(spec.capDrop(), prefix + "cap_drop", problems).ifPresent(host::withCapDrop);
        if (spec.privileged()) {
            host.withPrivileged(true);
        }
        if (spec.readOnly()) {
            host.withReadonlyRootfs(true);
        }
        if (!spec.securityOpt().isEmpty()) {
            host.withSecurityOpts(spec.securityOpt());
        }
        if (!spec.extraHosts().isEmpty()) {
            host.withExtraHosts(spec.extraHosts().stream().map(h -> h.host() + ":" + h.ip()).toArray(String[]::new));
        }
        if (!spec.dns().isEmpty()) {
            host.withDns(spec.dns());
        }
        if (!spec.dnsSearch().isEmpty()) {
            host.withDnsSearch(spec.dnsSearch());
        }
        if (!spec.dnsOpt().isEmpty()) {
            host.withDnsOptions(spec.dnsOpt());
        }
        if (!spec.ulimits().isEmpty()) {
            List<com.github.dockerjava.api.model.Ulimit> ulimits = new ArrayList<>();
            for (Map.Entry<String, Ulimit> u : spec.ulimits().entrySet()) {
                ulimits.add(new com.github.dockerjava.api.model.Ulimit(u.getKey(), u.getValue().soft(), u.getValue().hard()));
            }
            host.withUlimits(ulimits);
        }
        if (spec.init()) {
            host.withInit(true);
        }
        spec.stopSignal().ifPresent(s -> steps.add(cmd -> cmd.withStopSignal(s)));
        Integer stopTimeout = spec.stopGracePeriod().map(ServiceTranslator::ceilSeconds).orElse(null);
        if (stopTimeout != null) {
            steps.add(cmd -> cmd.withStopTimeout(stopTimeout));
        }
        if (spec.tty()) {
            steps.add(cmd -> cmd.withTty(true));
        }
        if (spec.stdinOpen()) {
            steps.add(cmd -> cmd.withStdinOpen(true));
        }
        if (!spec.sysctls().isEmpty()) {
            host.withSysctls(spec.sysctls());
        }
        spec.logging().ifPresent(l -> {
            LogConfig.LoggingType type = LogConfig.LoggingType.DEFAULT;
            if (l.driver().isPresent()) {
                type = loggingType(l.driver().get());
                if (type == null) {
                    problems.add(prefix + "logging.driver: unknown logging driver '" + l.driver().get() + "'");
                    return;
                }
            }
            host.withLogConfig(new LogConfig(type, l.options().isEmpty() ? null : l.options()));
        });
        spec.platform().ifPresent(p -> steps.add(cmd -> cmd.withPlatform(p)));
        spec.pullPolicy().ifPresent(p -> {
            if (!"missing".equals(p) && !"never".equals(p)) {
                problems.add(prefix + "pull_policy: '" + p
                    + "' is not supported (Core Monitor pulls a missing image; use missing or never)");
            }
        });
        spec.ipc().ifPresent(host::withIpcMode);
        spec.pid().ifPresent(host::withPidMode);
        spec.usernsMode().ifPresent(host::withUsernsMode);
        if (!spec.devices().isEmpty()) {
            host.withDevices(spec.devices().stream()
                .map(d -> new Device(d.permissions().orElse("rwm"), d.target(), d.source())).toList());
        }
        if (!spec.groupAdd().isEmpty()) {
            host.withGroupAdd(spec.groupAdd());
        }
        spec.macAddress().ifPresent(m -> steps.add(cmd -> cmd.withMacAddress(m)));
        spec.oomScoreAdj().ifPresent(host::withOomScoreAdj);
        if (spec.oomKillDisable()) {
            host.withOomKillDisable(true);
        }
        spec.cgroupParent().ifPresent(host::withCgroupParent);
        spec.runtime().ifPresent(host::withRuntime);
        spec.isolation().ifPresent(i -> {
            Isolation isolation = null;
            for (Isolation candidate : Isolation.values()) {
                if (candidate.getValue() != null && candidate.getValue().equals(i)) {
                    isolation = candidate;
                }
            }
            if (isolation == null) {
                problems.add(prefix + "isolation: unknown isolation '" + i + "'");
            } else {
                host.withIsolation(isolation);
            }
        });

        if (!problems.isEmpty()) {
            throw new UnsupportedFieldException(problems);
        }
        List<java.util.function.Consumer<CreateContainerCmd>> all = List.copyOf(steps);
        return new ContainerRequest(name, spec.image(), labels, hash, cmd -> {
            cmd.withHostConfig(host);
            all.forEach(step -> step.accept(cmd));
        }, extra, stopTimeout);
    }

    private static void translateMounts(Context ctx, ComposeDefinition definition, ServiceSpec spec, String prefix, HostConfig host,
            List<java.util.function.Consumer<CreateContainerCmd>> steps, List<String> problems) {
        List<com.github.dockerjava.api.model.Mount> mounts = new ArrayList<>();
        List<Bind> binds = new ArrayList<>();
        for (int i = 0; i < spec.volumes().size(); i++) {
            Mount m = spec.volumes().get(i);
            String path = prefix + "volumes[" + i + "]";
            com.github.dockerjava.api.model.Mount mount = new com.github.dockerjava.api.model.Mount().withTarget(m.target());
            if (m.readOnly()) {
                mount.withReadOnly(true);
            }
            if (m.type() == MountType.VOLUME) {
                mount.withType(com.github.dockerjava.api.model.MountType.VOLUME);
                m.source().ifPresent(s -> mount.withSource(StackNaming.volume(ctx.stackName(), definition, s)));
                m.volume().ifPresent(v -> {
                    if (v.subpath().isPresent()) {
                        problems.add(path + ".volume.subpath: needs Docker API 1.45; the supported engine speaks 1.41");
                    }
                    if (v.nocopy()) {
                        mount.withVolumeOptions(new com.github.dockerjava.api.model.VolumeOptions().withNoCopy(true));
                    }
                });
                mounts.add(mount);
            } else if (m.type() == MountType.BIND) {
                String source = m.source().orElse("");
                if (!source.startsWith("/")) {
                    problems.add(path + ".source: relative bind path '" + source
                        + "' (Core Monitor has no project directory; use an absolute path)");
                    continue;
                }
                boolean create = m.bind().map(b -> b.createHostPath()).orElse(false);
                Optional<String> selinux = m.bind().flatMap(b -> b.selinux());
                Optional<String> propagation = m.bind().flatMap(b -> b.propagation());
                if (create || selinux.isPresent()) {
                    // The Binds form creates a missing host path and carries SELinux relabelling, as compose does.
                    StringBuilder spelled = new StringBuilder(source).append(':').append(m.target())
                        .append(m.readOnly() ? ":ro" : ":rw");
                    selinux.ifPresent(s -> spelled.append(',').append(s));
                    propagation.ifPresent(p -> spelled.append(',').append(p));
                    binds.add(Bind.parse(spelled.toString()));
                } else {
                    mount.withType(com.github.dockerjava.api.model.MountType.BIND).withSource(source);
                    if (propagation.isPresent()) {
                        BindPropagation mode = propagation(propagation.get());
                        if (mode == null) {
                            problems.add(path + ".bind.propagation: unknown propagation '" + propagation.get() + "'");
                        } else {
                            mount.withBindOptions(new com.github.dockerjava.api.model.BindOptions().withPropagation(mode));
                        }
                    }
                    mounts.add(mount);
                }
            } else {
                mount.withType(com.github.dockerjava.api.model.MountType.TMPFS);
                m.tmpfs().ifPresent(t -> {
                    com.github.dockerjava.api.model.TmpfsOptions options = new com.github.dockerjava.api.model.TmpfsOptions();
                    t.size().ifPresent(s -> options.withSizeBytes(s.bytes()));
                    t.mode().ifPresent(options::withMode);
                    mount.withTmpfsOptions(options);
                });
                mounts.add(mount);
            }
        }
        if (!mounts.isEmpty()) {
            host.withMounts(mounts);
        }
        if (!binds.isEmpty()) {
            host.withBinds(binds);
            steps.add(cmd -> cmd.withVolumes(binds.stream().map(Bind::getVolume).toArray(Volume[]::new)));
        }
    }

    /** {@code rslave} → R_SLAVE; null when unknown. */
    static BindPropagation propagation(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        String name = (lower.startsWith("r") ? "R_" + lower.substring(1) : lower).toUpperCase(Locale.ROOT);
        for (BindPropagation p : BindPropagation.values()) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }

    /** The networks a service joins, by key, in connection order (priority, higher first, then key). */
    public static List<String> networkKeys(ServiceSpec spec) {
        if (spec.networkMode().isPresent()) {
            return List.of();
        }
        if (spec.networks().isEmpty()) {
            return List.of(StackNaming.DEFAULT_NETWORK);
        }
        List<String> keys = new ArrayList<>(spec.networks().keySet());
        keys.sort(Comparator.comparing((String k) -> -spec.networks().get(k).priority().orElse(0)).thenComparing(k -> k));
        return keys;
    }

    private static List<NetworkJoin> translateNetworks(Context ctx, ComposeDefinition definition, String service, ServiceSpec spec,
            String prefix, HostConfig host, List<java.util.function.Consumer<CreateContainerCmd>> steps, List<String> problems) {
        if (spec.networkMode().isPresent()) {
            String mode = spec.networkMode().get();
            if (mode.startsWith("service:")) {
                String other = mode.substring("service:".length());
                ServiceSpec otherSpec = definition.services().get(other);
                if (otherSpec == null) {
                    problems.add(prefix + "network_mode: unknown service '" + other + "'");
                    return List.of();
                }
                mode = "container:" + StackNaming.container(ctx.stackName(), other, otherSpec);
            }
            host.withNetworkMode(mode);
            return List.of();
        }
        List<NetworkJoin> extra = new ArrayList<>();
        boolean first = true;
        for (String key : networkKeys(spec)) {
            NetworkAttachment a = spec.networks().getOrDefault(key, NetworkAttachment.DEFAULT);
            String path = prefix + "networks." + key;
            if (!a.linkLocalIps().isEmpty()) {
                problems.add(path + ".link_local_ips: not supported by the Docker client Core Monitor uses");
            }
            if (!a.driverOpts().isEmpty()) {
                problems.add(path + ".driver_opts: needs Docker API 1.44; the supported engine speaks 1.41");
            }
            if (a.gwPriority().isPresent()) {
                problems.add(path + ".gw_priority: needs Docker API 1.48; the supported engine speaks 1.41");
            }
            if (a.interfaceName().isPresent()) {
                problems.add(path + ".interface_name: needs Docker API 1.49; the supported engine speaks 1.41");
            }
            List<String> aliases = new ArrayList<>();
            aliases.add(service);
            a.aliases().stream().filter(x -> !x.equals(service)).forEach(aliases::add);
            String dockerName = StackNaming.network(ctx.stackName(), definition, key);
            if (first) {
                first = false;
                host.withNetworkMode(dockerName);
                steps.add(cmd -> cmd.withAliases(aliases));
                a.ipv4Address().ifPresent(ip -> steps.add(cmd -> cmd.withIpv4Address(ip)));
                a.ipv6Address().ifPresent(ip -> steps.add(cmd -> cmd.withIpv6Address(ip)));
                if (a.macAddress().isPresent()) {
                    if (spec.macAddress().isPresent()) {
                        problems.add(path + ".mac_address: conflicts with the service's mac_address");
                    } else {
                        String mac = a.macAddress().get();
                        steps.add(cmd -> cmd.withMacAddress(mac));
                    }
                }
            } else {
                extra.add(new NetworkJoin(dockerName, aliases, a.ipv4Address(), a.ipv6Address(), a.macAddress()));
            }
        }
        return extra;
    }

    static com.github.dockerjava.api.model.HealthCheck healthcheck(HealthCheck h) {
        com.github.dockerjava.api.model.HealthCheck result = new com.github.dockerjava.api.model.HealthCheck();
        if (h.disable()) {
            return result.withTest(List.of("NONE"));
        }
        if (!h.test().isEmpty()) {
            result.withTest(h.test());
        }
        h.interval().ifPresent(d -> result.withInterval(d.toNanos()));
        h.timeout().ifPresent(d -> result.withTimeout(d.toNanos()));
        h.startPeriod().ifPresent(d -> result.withStartPeriod(d.toNanos()));
        h.startInterval().ifPresent(d -> result.withStartInterval(d.toNanos()));
        h.retries().ifPresent(result::withRetries);
        return result;
    }

    static com.github.dockerjava.api.model.RestartPolicy restart(RestartPolicy r) {
        return switch (r.mode()) {
            case NO -> com.github.dockerjava.api.model.RestartPolicy.noRestart();
            case ALWAYS -> com.github.dockerjava.api.model.RestartPolicy.alwaysRestart();
            case UNLESS_STOPPED -> com.github.dockerjava.api.model.RestartPolicy.unlessStoppedRestart();
            case ON_FAILURE -> com.github.dockerjava.api.model.RestartPolicy.onFailureRestart(r.maxRetries().orElse(0));
        };
    }

    private static Optional<Capability[]> capabilities(List<String> names, String path, List<String> problems) {
        if (names.isEmpty()) {
            return Optional.empty();
        }
        List<Capability> result = new ArrayList<>();
        for (String n : names) {
            String bare = n.toUpperCase(Locale.ROOT).startsWith("CAP_") ? n.substring(4) : n;
            try {
                result.add(Capability.valueOf(bare.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                problems.add(path + ": unknown capability '" + n + "'");
            }
        }
        return Optional.of(result.toArray(Capability[]::new));
    }

    private static LogConfig.LoggingType loggingType(String driver) {
        for (LogConfig.LoggingType t : LogConfig.LoggingType.values()) {
            if (t.getType().equals(driver) && t != LogConfig.LoggingType.DEFAULT) {
                return t;
            }
        }
        return null;
    }

    private static int ceilSeconds(Duration d) {
        long seconds = d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
        return Math.toIntExact(seconds);
    }

    /** The config hash of a service (see the class comment). */
    public static String configHash(String stackName, ComposeDefinition definition, String service) {
        ServiceSpec spec = definition.services().get(service);
        try {
            ComposeDefinition alone = new ComposeDefinition(Optional.empty(), Map.of(service, spec), Map.of(), Map.of());
            ObjectNode tree = (ObjectNode) JSON.readTree(CanonicalJson.toJson(alone));
            ObjectNode node = (ObjectNode) tree.path("services").path(service);
            node.remove(List.of("depends_on", "profiles", "attach", "pull_policy"));
            ObjectNode input = JSON.createObjectNode();
            input.put("stack", stackName);
            input.put("container_name", StackNaming.container(stackName, service, spec));
            input.set("service", node);
            ObjectNode networks = input.putObject("networks");
            for (String key : networkKeys(spec)) {
                networks.put(key, StackNaming.network(stackName, definition, key));
            }
            ObjectNode volumes = input.putObject("volumes");
            for (Mount m : spec.volumes()) {
                if (m.type() == MountType.VOLUME && m.source().isPresent()) {
                    volumes.put(m.source().get(), StackNaming.volume(stackName, definition, m.source().get()));
                }
            }
            return CanonicalJson.sha256(JSON.writeValueAsString(input));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("canonical JSON is always readable", e);
        }
    }
}
