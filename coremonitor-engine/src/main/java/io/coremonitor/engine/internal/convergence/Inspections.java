package io.coremonitor.engine.internal.convergence;

import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerPort;
import io.coremonitor.docker.ContainerStatusText;
import io.coremonitor.docker.DockerOps;
import io.coremonitor.docker.ServiceTranslator;
import io.coremonitor.docker.StackLabels;
import io.coremonitor.engine.ServiceStatusView;
import io.coremonitor.engine.StackContainerView;
import io.coremonitor.engine.StackPlan;
import io.coremonitor.engine.StackStatusView;
import io.coremonitor.model.ComposeDefinition;
import io.coremonitor.model.Stack;
import io.coremonitor.model.StackState;
import io.coremonitor.model.StackVersion;
import io.coremonitor.model.VersionStatus;
import io.coremonitor.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Read-only queries: dry-run plan, status and containers of a stack. Status and containers cost one list call. */
public final class Inspections {

    private static final Pattern UP = Pattern.compile(
        "^Up (Less than a second|About a minute|About an hour|(\\d+) (second|minute|hour|day|week|month|year)s?)");

    private final Convergence convergence;

    public Inspections(Store store, DockerOps ops, Clock clock) {
        this.convergence = new Convergence(store, ops, clock, AppRedeploy.NONE, FileContents.withoutSecretStore());
    }

    /** What applying {@code version} would do now. */
    public StackPlan plan(String stackId, String version) {
        return plan(stackId, version, List.of());
    }

    /** What applying {@code version} with these profiles active would do now. */
    public StackPlan plan(String stackId, String version, List<String> profiles) {
        Stack stack = convergence.store().stacks().getOrThrow(stackId);
        StackVersion target = convergence.store().versions().getOrThrow(stackId, version);
        return convergence.plan(stack, target, "dry-run", profiles).view();
    }

    /**
     * What applying {@code definition} as the first version of a stack named {@code stackName}, not created yet, would
     * do: nothing of it exists (no object carries its new id), so every network, volume and container is created.
     * Docker is asked only about external networks and volumes.
     */
    public StackPlan planNew(String stackName, ComposeDefinition definition) {
        ServiceTranslator.Context ctx = new ServiceTranslator.Context("", stackName, StackVersion.label(1), "dry-run");
        return Planner.plan(convergence.ops(), ctx, definition, Observed.NOTHING, v -> Optional.empty()).view();
    }

    public List<StackContainerView> containers(String stackId) {
        convergence.store().stacks().getOrThrow(stackId);
        Instant now = convergence.clock().instant();
        List<StackContainerView> result = new ArrayList<>();
        for (Container c : convergence.ops().listContainers(StackLabels.STACK_ID, stackId)) {
            List<String> ports = new ArrayList<>();
            if (c.getPorts() != null) {
                for (ContainerPort p : c.getPorts()) {
                    String privatePart = p.getPrivatePort() + "/" + p.getType();
                    ports.add(p.getPublicPort() == null ? privatePart
                        : (p.getIp() == null ? "" : p.getIp() + ":") + p.getPublicPort() + "->" + privatePart);
                }
            }
            result.add(new StackContainerView(c.getId(), Planner.name(c), service(c), c.getImage(), c.getState(), health(c.getStatus()),
                startedAt(c.getStatus(), now), ports.stream().distinct().sorted().toList()));
        }
        result.sort(java.util.Comparator.comparing(StackContainerView::service).thenComparing(StackContainerView::name));
        return result;
    }

    public StackStatusView status(String stackId) {
        convergence.store().stacks().getOrThrow(stackId);
        return status(stackId, convergence.ops().listContainers(StackLabels.STACK_ID, stackId));
    }

    /** The status from containers already listed by label {@code coremonitor.stack_id} (no Docker call). */
    public StackStatusView status(String stackId, List<Container> listed) {
        Stack stack = convergence.store().stacks().getOrThrow(stackId);
        Optional<String> current = stack.currentVersion();
        Optional<VersionStatus> versionStatus = current.flatMap(v -> convergence.store().versions().get(stackId, v))
            .flatMap(StackVersion::status);
        Optional<ComposeDefinition> def = current.flatMap(v -> convergence.definition(stackId, v));
        Instant now = convergence.clock().instant();
        Map<String, ServiceStatusView> services = new TreeMap<>();
        Map<String, Container> byService = new TreeMap<>();
        for (Container c : listed) {
            byService.putIfAbsent(service(c), c);
        }
        def.ifPresent(d -> d.services().forEach((name, spec) -> {
            if (spec.lifecycle().profiles().isEmpty()) {
                services.put(name, new ServiceStatusView("missing", Optional.empty(), Optional.empty(), Optional.empty()));
            }
        }));
        int running = 0;
        int ok = 0;
        for (Map.Entry<String, Container> e : byService.entrySet()) {
            Container c = e.getValue();
            Optional<String> health = health(c.getStatus());
            services.put(e.getKey(), new ServiceStatusView(c.getState(), health, Optional.of(c.getId()), startedAt(c.getStatus(), now)));
            boolean isRunning = "running".equals(c.getState());
            if (isRunning) {
                running++;
            }
            if (isRunning && !health.map(h -> !"healthy".equals(h)).orElse(false) || completed(c)) {
                ok++;
            }
        }
        StackState desired = versionStatus.map(VersionStatus::desired)
            .orElse(current.isPresent() ? StackState.RUNNING : StackState.UNKNOWN);
        if (stack.deleted()) {
            desired = StackState.STOPPED;
        }
        StackState actual;
        // the newest recorded status of the current or the latest version: an APPLY in progress or failed (and not
        // rolled back since) shows as DEPLOYING or FAILED
        Optional<VersionStatus> latestStatus = stack.latestVersion().filter(v -> !v.equals(current.orElse("")))
            .flatMap(v -> convergence.store().versions().get(stackId, v)).flatMap(StackVersion::status);
        Optional<VersionStatus> newest = versionStatus;
        if (latestStatus.isPresent() && (newest.isEmpty() || latestStatus.get().lastUpdated().isAfter(newest.get().lastUpdated()))) {
            newest = latestStatus;
        }
        Optional<StackState> recorded = newest.map(VersionStatus::actual);
        if (recorded.filter(s -> s == StackState.DEPLOYING || s == StackState.FAILED).isPresent()) {
            actual = recorded.get();
        } else if (current.isEmpty() && byService.isEmpty()) {
            actual = StackState.UNKNOWN;
        } else if (running == 0) {
            actual = StackState.STOPPED;
        } else if (ok == services.size()) {
            actual = StackState.RUNNING;
        } else {
            actual = StackState.DEGRADED;
        }
        return new StackStatusView(stackId, desired, actual, current, versionStatus.map(VersionStatus::lastUpdated), services);
    }

    private static boolean completed(Container c) {
        return ContainerStatusText.exitedCleanly(c);
    }

    private static String service(Container c) {
        String s = c.getLabels() == null ? null : c.getLabels().get(StackLabels.SERVICE);
        return s == null ? "" : s;
    }

    /** From the list call's status text: {@code Up 3 minutes (healthy)}. */
    static Optional<String> health(String status) {
        if (status == null) {
            return Optional.empty();
        }
        if (status.contains("(healthy)")) {
            return Optional.of("healthy");
        }
        if (status.contains("(unhealthy)")) {
            return Optional.of("unhealthy");
        }
        if (status.contains("(health: starting)")) {
            return Optional.of("starting");
        }
        return Optional.empty();
    }

    /** Approximate start time from {@code Up 5 seconds}, to the unit Docker shows. */
    static Optional<Instant> startedAt(String status, Instant now) {
        Matcher m = status == null ? null : UP.matcher(status);
        if (m == null || !m.find()) {
            return Optional.empty();
        }
        if (m.group(2) == null) {
            String phrase = m.group(1).toLowerCase(Locale.ROOT);
            Duration d = phrase.startsWith("less") ? Duration.ZERO
                : phrase.endsWith("minute") ? Duration.ofMinutes(1) : Duration.ofHours(1);
            return Optional.of(now.minus(d));
        }
        long n = Long.parseLong(m.group(2));
        Duration unit = switch (m.group(3)) {
            case "second" -> Duration.ofSeconds(1);
            case "minute" -> Duration.ofMinutes(1);
            case "hour" -> Duration.ofHours(1);
            case "day" -> Duration.ofDays(1);
            case "week" -> Duration.ofDays(7);
            case "month" -> Duration.ofDays(30);
            default -> Duration.ofDays(365);
        };
        return Optional.of(now.minus(unit.multipliedBy(n)));
    }
}
