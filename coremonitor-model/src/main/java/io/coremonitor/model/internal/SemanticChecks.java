package io.coremonitor.model.internal;

import io.coremonitor.model.ComposeDefinition;
import io.coremonitor.model.ContainerLink;
import io.coremonitor.model.FileMount;
import io.coremonitor.model.Mount;
import io.coremonitor.model.MountType;
import io.coremonitor.model.Names;
import io.coremonitor.model.PortMapping;
import io.coremonitor.model.ServiceSpec;
import io.coremonitor.model.UpdateOrder;
import io.coremonitor.model.VolumesFrom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Checks that need the whole definition: names, references, dependency cycles, port conflicts. */
public final class SemanticChecks {

    private final ComposeDefinition d;
    private final Map<Object, String> origins;
    private final Problems problems;

    private SemanticChecks(ComposeDefinition d, Map<Object, String> origins, Problems problems) {
        this.d = d;
        this.origins = origins;
        this.problems = problems;
    }

    public static void check(ComposeDefinition d, Map<String, Object> root, Map<Object, String> origins, Problems problems) {
        SemanticChecks c = new SemanticChecks(d, origins, problems);
        c.names(root);
        c.references();
        c.cycles();
        c.ports();
        c.containerNames();
        c.files();
        c.startFirst();
    }

    private void names(Map<String, Object> root) {
        d.name().filter(n -> !Names.STACK_NAME.matcher(n).matches()).ifPresent(n ->
            problems.error("name", "'" + n + "' is not a valid project name: use lower-case letters, digits, '_' and '-', starting"
                + " with a letter or a digit"));
        if (root.get("services") instanceof Map<?, ?> services && services.isEmpty()) {
            problems.error("services", "at least one service is required");
        }
        for (String kind : List.of("services", "networks", "volumes", "secrets", "configs")) {
            if (root.get(kind) instanceof Map<?, ?> map) {
                for (Object key : map.keySet()) {
                    String name = (String) key;
                    if (!Names.isValidResourceName(name)) {
                        problems.error(Paths.key(kind, name), "'" + name + "' is not a valid " + kind.substring(0, kind.length() - 1)
                            + " name: use letters, digits, '_', '.' and '-', starting with a letter or a digit");
                    }
                }
            }
        }
    }

    private void references() {
        d.services().forEach((name, s) -> {
            String path = Paths.key("services", name);
            s.lifecycle().dependsOn().keySet().stream().filter(t -> !d.services().containsKey(t)).forEach(t ->
                problems.error(Paths.key(Paths.key(path, "depends_on"), t), "depends on undefined service '" + t + "'"));
            for (String key : s.networking().networks().keySet()) {
                if (!"default".equals(key) && !d.networks().containsKey(key)) {
                    problems.error(Paths.key(Paths.key(path, "networks"), key), "undefined network '" + key
                        + "' (declare it under the top-level 'networks:')");
                }
            }
            serviceRef(s.networking().networkMode(), path, "network_mode");
            if (s.networking().networkMode().filter("host"::equals).isPresent() && !s.networking().ports().isEmpty()) {
                problems.error(Paths.key(path, "ports"), "ports are not published with network_mode: host (the service uses the"
                    + " host's ports directly); remove 'ports:'");
            }
            for (ContainerLink link : s.networking().links()) {
                if (!d.services().containsKey(link.target())) {
                    problems.error(origins.getOrDefault(link, Paths.key(path, "links")), "links to undefined service '" + link.target()
                        + "' (use external_links for a container outside the stack)");
                } else if (link.target().equals(name)) {
                    problems.error(origins.getOrDefault(link, Paths.key(path, "links")), "a service cannot link to itself");
                }
            }
            for (VolumesFrom from : s.storage().volumesFrom()) {
                if (from.service().isPresent() && !d.services().containsKey(from.service().get())) {
                    problems.error(origins.getOrDefault(from, Paths.key(path, "volumes_from")), "refers to undefined service '"
                        + from.service().get() + "' (write container:NAME for a container outside the stack)");
                } else if (from.service().filter(name::equals).isPresent()) {
                    problems.error(origins.getOrDefault(from, Paths.key(path, "volumes_from")), "a service cannot mount its own volumes");
                }
            }
            serviceRef(s.security().ipc(), path, "ipc");
            serviceRef(s.security().pid(), path, "pid");
            for (Mount m : s.storage().volumes()) {
                if (m.type() == MountType.VOLUME && m.source().isPresent() && !d.volumes().containsKey(m.source().get())) {
                    problems.error(origins.getOrDefault(m, Paths.key(path, "volumes")), "undefined volume '" + m.source().get()
                        + "' (declare it under the top-level 'volumes:')");
                }
            }
        });
    }

    private void serviceRef(Optional<String> value, String path, String key) {
        if (value.isPresent() && value.get().startsWith("service:")) {
            String target = value.get().substring("service:".length());
            if (!d.services().containsKey(target)) {
                problems.error(Paths.key(path, key), "refers to undefined service '" + target + "'");
            }
        }
    }

    private void cycles() {
        Map<String, Integer> state = new HashMap<>();
        Set<Set<String>> reported = new HashSet<>();
        for (String name : d.services().keySet()) {
            visit(name, new ArrayList<>(), state, reported);
        }
    }

    private void visit(String name, List<String> stack, Map<String, Integer> state, Set<Set<String>> reported) {
        Integer st = state.get(name);
        if (st != null && st == 2) {
            return;
        }
        if (st != null && st == 1) {
            List<String> cycle = new ArrayList<>(stack.subList(stack.indexOf(name), stack.size()));
            if (reported.add(new HashSet<>(cycle))) {
                cycle.add(name);
                problems.error(Paths.key(Paths.key("services", cycle.get(0)), edgeKey(cycle.get(0), cycle.get(1))), "dependency cycle: "
                    + String.join(" -> ", cycle));
            }
            return;
        }
        ServiceSpec s = d.services().get(name);
        if (s == null) {
            return;
        }
        state.put(name, 1);
        stack.add(name);
        for (String dep : orderingDependencies(s)) {
            visit(dep, stack, state, reported);
        }
        stack.remove(stack.size() - 1);
        state.put(name, 2);
    }

    /** The key that makes {@code from} wait for {@code to}: depends_on, links or volumes_from. */
    private String edgeKey(String from, String to) {
        ServiceSpec s = d.services().get(from);
        if (s.lifecycle().dependsOn().containsKey(to)) {
            return "depends_on";
        }
        return s.networking().linkedServices().contains(to) ? "links" : "volumes_from";
    }

    /** The services a service waits for: {@code depends_on}, and the services of its {@code volumes_from} and {@code links}. */
    private static Set<String> orderingDependencies(ServiceSpec s) {
        Set<String> deps = new java.util.LinkedHashSet<>(s.lifecycle().dependsOn().keySet());
        deps.addAll(s.storage().volumesFromServices());
        deps.addAll(s.networking().linkedServices());
        return deps;
    }

    /** A published host port and where it was declared. */
    private record Published(String ip, String protocol, int port, String where) {

        boolean clashes(Published o) {
            return protocol.equals(o.protocol) && port == o.port && (ip.equals(o.ip) || isWildcard(ip) || isWildcard(o.ip));
        }

        private static boolean isWildcard(String ip) {
            return ip.isEmpty() || "0.0.0.0".equals(ip) || "::".equals(ip);
        }
    }

    private void ports() {
        List<Published> taken = new ArrayList<>();
        d.services().forEach((name, s) -> {
            for (PortMapping p : s.networking().ports()) {
                if (p.published().isEmpty() || !p.published().get().isSingle()) {
                    continue;
                }
                String where = origins.getOrDefault(p, Paths.key(Paths.key("services", name), "ports"));
                Published mine = new Published(p.hostIp().orElse(""), p.protocol().value(), p.published().get().start(), where);
                taken.stream().filter(mine::clashes).findFirst().ifPresentOrElse(
                    other -> problems.error(where, "host port " + (mine.ip().isEmpty() ? "" : mine.ip() + ":") + mine.port() + "/"
                        + mine.protocol() + " is already published by " + other.where()),
                    () -> taken.add(mine));
            }
        });
    }

    /**
     * Secrets and configs: declared at the top level, one file per target, not where a mount or another file is, and not
     * into a read-only root filesystem (Core Monitor writes them into the container before it starts, which Docker refuses
     * there).
     */
    private void files() {
        d.services().forEach((name, s) -> {
            String path = Paths.key("services", name);
            Map<String, String> targets = new HashMap<>();
            s.storage().volumes().forEach(m -> targets.put(m.target(), origins.getOrDefault(m, Paths.key(path, "volumes"))));
            s.storage().tmpfs().forEach(t -> targets.put(t.target(), Paths.key(path, "tmpfs")));
            List<String> tmpfs = new ArrayList<>(s.storage().tmpfs().stream().map(t -> t.target()).toList());
            s.storage().volumes().stream().filter(m -> m.type() == MountType.TMPFS).forEach(m -> tmpfs.add(m.target()));
            checkFiles(s.storage().secrets(), d.secrets().keySet(), "secret", Paths.key(path, "secrets"), targets, tmpfs);
            checkFiles(s.storage().configs(), d.configs().keySet(), "config", Paths.key(path, "configs"), targets, tmpfs);
            if (s.security().readOnly() && s.storage().hasFiles()) {
                problems.error(Paths.key(path, s.storage().secrets().isEmpty() ? "configs" : "secrets"), "Core Monitor writes"
                    + " secrets and configs into the container before it starts, which Docker refuses with 'read_only: true';"
                    + " remove 'read_only' or give the files to the service another way");
            }
        });
    }

    private void checkFiles(List<FileMount> files, Set<String> declared, String kind, String listPath, Map<String, String> targets,
            List<String> tmpfs) {
        for (FileMount f : files) {
            String where = origins.getOrDefault(f, listPath);
            if (!declared.contains(f.source())) {
                problems.error(where, "undefined " + kind + " '" + f.source() + "' (declare it under the top-level '" + kind + "s:')");
            }
            String previous = targets.putIfAbsent(f.target(), where);
            if (previous != null) {
                problems.error(where, "the " + kind + " file " + f.target() + " is already the target of " + previous);
            }
            tmpfs.stream().filter(t -> f.target().startsWith(t.endsWith("/") ? t : t + "/")).findFirst().ifPresent(t ->
                problems.error(where, "the " + kind + " file " + f.target() + " would be hidden by the tmpfs mounted at " + t
                    + " (Core Monitor writes it before the container starts); choose a target outside " + t));
        }
    }

    private void containerNames() {
        Map<String, String> seen = new HashMap<>();
        d.services().forEach((name, s) -> s.metadata().containerName().ifPresent(cn -> {
            String path = Paths.key(Paths.key("services", name), "container_name");
            String previous = seen.putIfAbsent(cn, path);
            if (previous != null) {
                problems.error(path, "container name '" + cn + "' is already used by " + previous);
            }
        }));
    }

    /**
     * {@code deploy.update_config.order: start-first} runs the new container beside the old one until it is healthy:
     * anything the two cannot share makes it impossible.
     */
    private void startFirst() {
        d.services().forEach((name, s) -> {
            if (s.lifecycle().updateOrder() != UpdateOrder.START_FIRST) {
                return;
            }
            String path = Paths.key(Paths.key(Paths.key(Paths.key("services", name), "deploy"), "update_config"), "order");
            List<String> why = new ArrayList<>();
            s.metadata().containerName().ifPresent(cn -> why.add("its container_name '" + cn + "' is fixed"));
            s.networking().ports().stream().filter(p -> p.published().map(r -> r.isSingle()).orElse(false)).findFirst()
                .ifPresent(p -> why.add("it publishes the fixed host port " + p.published().get().start()));
            s.networking().networkMode().filter(m -> "host".equals(m) || m.startsWith("service:") || m.startsWith("container:"))
                .ifPresent(m -> why.add("it uses network_mode: " + m + " (the two would share one network stack)"));
            d.services().forEach((other, o) -> o.networking().sharedService().filter(name::equals)
                .ifPresent(x -> why.add("service '" + other + "' shares its network namespace (network_mode: service:" + name + ")")));
            s.networking().networks().forEach((key, a) -> {
                if (a.ipv4Address().isPresent() || a.ipv6Address().isPresent()) {
                    why.add("it has a static address on network '" + key + "'");
                }
                if (a.macAddress().isPresent()) {
                    why.add("it has a fixed MAC address on network '" + key + "'");
                }
            });
            s.networking().macAddress().ifPresent(m -> why.add("its mac_address is fixed"));
            if (!why.isEmpty()) {
                problems.error(path, "start-first runs the new container beside the old one until it is healthy, which is"
                    + " impossible here: " + String.join("; ", why) + "; use stop-first or remove them");
            }
        });
    }
}
