package io.coremonitor.engine.monitoring;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import io.coremonitor.docker.ContainerStatusText;
import io.coremonitor.docker.DockerOps;
import io.coremonitor.docker.StackLabels;
import io.coremonitor.engine.ServiceStatusView;
import io.coremonitor.engine.StackStatusView;
import io.coremonitor.engine.internal.convergence.Inspections;
import io.coremonitor.model.RuntimeMapping;
import io.coremonitor.model.Stack;
import io.coremonitor.model.StackState;
import io.coremonitor.model.StackVersion;
import io.coremonitor.model.VersionStatus;
import io.coremonitor.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live status of a stack with per-service monitoring fields and drift reasons.
 *
 * <p>Cost: ONE Docker list call (by label {@code coremonitor.stack_id}) for state, health, version and the stack's
 * actual state, plus one inspect per container of the stack, issued in parallel on a bounded pool (8 threads) (restart
 * count, exit code and exact start time are only in inspect). A 20-service stack costs 1 list + 20 inspects run 8 at
 * a time (a few ms each on a local engine). An inspect that fails or times out (5 s) leaves those three fields empty.
 */
public final class StackMonitor {

    private static final Logger LOG = LoggerFactory.getLogger(StackMonitor.class);
    private static final long INSPECT_TIMEOUT_SECONDS = 5;

    private final Store store;
    private final DockerOps ops;
    private final Clock clock;
    private final Inspections inspections;
    private final ExecutorService pool;

    public StackMonitor(Store store, DockerOps ops, Clock clock, ExecutorService pool) {
        this.store = store;
        this.ops = ops;
        this.clock = clock;
        this.inspections = new Inspections(store, ops, clock);
        this.pool = pool;
    }

    /**
     * The stack's status and its services' monitoring fields.
     *
     * @throws io.coremonitor.model.StackNotFoundException unknown stack
     */
    public StackMonitorView status(String stackId) {
        return status(stackId, true);
    }

    /**
     * With {@code inspect} false, ONE list call only (what the drift watcher uses): restart counts are empty, the
     * exit code comes from the list call's status text ({@code Exited (137) 2 seconds ago}) and the start time is to
     * the unit Docker shows.
     */
    public StackMonitorView status(String stackId, boolean inspect) {
        Stack stack = store.stacks().getOrThrow(stackId);
        List<Container> listed = ops.listContainers(StackLabels.STACK_ID, stackId);
        StackStatusView base = inspections.status(stackId, listed);
        Map<String, CompletableFuture<Optional<InspectContainerResponse>>> inspected = new HashMap<>();
        for (Container c : inspect ? listed : List.<Container>of()) {
            inspected.put(c.getId(), CompletableFuture.supplyAsync(() -> inspect(c.getId()), pool));
        }
        Optional<StackVersion> currentVersion = stack.currentVersion().flatMap(v -> store.versions().get(stackId, v));
        Optional<VersionStatus> recorded = currentVersion.flatMap(StackVersion::status);
        // the containers the current version was converged to: those it kept from an older version carry its label
        Map<String, String> converged = currentVersion.flatMap(StackVersion::runtime).map(RuntimeMapping::containers)
            .orElse(Map.of());
        // a stop action records STOPPED or DEGRADED: its stopped containers are wanted, not drift
        boolean wantsRunning = !stack.deleted() && stack.currentVersion().isPresent()
            && recorded.map(s -> s.desired() == StackState.RUNNING && s.actual() == StackState.RUNNING).orElse(false);
        Instant now = clock.instant();
        Map<String, ServiceMonitorView> services = new TreeMap<>();
        for (Map.Entry<String, ServiceStatusView> e : base.services().entrySet()) {
            ServiceStatusView s = e.getValue();
            Optional<Container> container = s.containerId().flatMap(id -> listed.stream().filter(c -> c.getId().equals(id)).findFirst());
            Optional<InspectContainerResponse> ins = s.containerId().map(inspected::get).flatMap(StackMonitor::await);
            Optional<String> version = container.map(c -> c.getLabels() == null ? null : c.getLabels().get(StackLabels.VERSION));
            Optional<Instant> startedAt = ins.map(i -> i.getState().getStartedAt()).flatMap(StackMonitor::instant)
                .or(s::startedAt);
            boolean running = "running".equals(s.state());
            Optional<Duration> uptime = running ? startedAt.map(t -> Duration.between(t, now)).filter(d -> !d.isNegative())
                : Optional.empty();
            Optional<Integer> restarts = ins.map(InspectContainerResponse::getRestartCount);
            Optional<Integer> exit = running ? Optional.empty()
                : ins.map(i -> i.getState().getExitCodeLong()).map(Long::intValue).or(() -> container.flatMap(StackMonitor::exitCode));
            boolean keptByCurrent = s.containerId().filter(id -> id.equals(converged.get(e.getKey()))).isPresent();
            Optional<String> drift = drift(stack, s, keptByCurrent ? Optional.empty() : version, exit, wantsRunning);
            services.put(e.getKey(), new ServiceMonitorView(e.getKey(), s.state(), s.health(), s.containerId(), version,
                startedAt, uptime, restarts, exit, drift));
        }
        StackStatusView status = base;
        boolean drifted = services.values().stream().anyMatch(v -> v.drift().isPresent());
        if (drifted && (base.actual() == StackState.RUNNING || base.actual() == StackState.STOPPED)) {
            status = new StackStatusView(base.stackId(), base.desired(), StackState.DEGRADED, base.version(), base.lastUpdated(),
                base.services());
        }
        return new StackMonitorView(status, services);
    }

    /**
     * Why a service's container is not what the current version wants, if it is not.
     *
     * @param version the version the container was created by; empty when unknown, or when the current version's
     *                convergence kept it (its configuration is the current one's)
     */
    private static Optional<String> drift(Stack stack, ServiceStatusView s, Optional<String> version, Optional<Integer> exit,
            boolean wantsRunning) {
        if (stack.deleted() || stack.currentVersion().isEmpty()) {
            return Optional.empty();
        }
        String current = stack.currentVersion().get();
        if ("missing".equals(s.state())) {
            return Optional.of("no container (removed outside Core Monitor?)");
        }
        if (version.isPresent() && !version.get().equals(current)) {
            return Optional.of("runs " + version.get() + ", the current version is " + current);
        }
        if (!wantsRunning) {
            return Optional.empty();
        }
        if (!"running".equals(s.state()) && !("exited".equals(s.state()) && exit.orElse(-1) == 0)) {
            return Optional.of("container " + s.state() + exit.map(c -> " (exit code " + c + ")").orElse("")
                + " while the stack should run");
        }
        if (s.health().filter("unhealthy"::equals).isPresent()) {
            return Optional.of("container unhealthy");
        }
        return Optional.empty();
    }

    private static Optional<Integer> exitCode(Container c) {
        return ContainerStatusText.exitCode(c);
    }

    private Optional<InspectContainerResponse> inspect(String containerId) {
        try {
            return Optional.of(ops.inspectContainer(containerId));
        } catch (RuntimeException e) {
            LOG.debug("inspect {} failed: {}", containerId, e.toString());
            return Optional.empty();
        }
    }

    private static Optional<InspectContainerResponse> await(CompletableFuture<Optional<InspectContainerResponse>> f) {
        if (f == null) {
            return Optional.empty();
        }
        try {
            return f.get(INSPECT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static Optional<Instant> instant(String text) {
        if (text == null || text.startsWith("0001-")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
