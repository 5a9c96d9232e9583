package io.coremonitor.engine.monitoring;

import com.github.dockerjava.api.DockerClient;
import io.coremonitor.docker.DockerOps;
import io.coremonitor.docker.ServiceLogs;
import io.coremonitor.engine.CommandListener;
import io.coremonitor.engine.CommandService;
import io.coremonitor.engine.DockerNotConfiguredException;
import io.coremonitor.model.Command;
import io.coremonitor.model.CommandStatus;
import io.coremonitor.model.RuntimeMapping;
import io.coremonitor.model.Stack;
import io.coremonitor.model.StackVersion;
import io.coremonitor.store.ContainerStats;
import io.coremonitor.store.Store;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitoring of an engine: live status with per-service fields and drift, stats history, logs, events, metrics.
 * Made by {@link io.coremonitor.engine.CoreMonitor} ({@code monitoring()}); {@link #start()} starts the stats sampler
 * and the drift watcher (both need Docker); queries work without starting. Thread-safe.
 */
public final class Monitoring implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Monitoring.class);
    /** The actor of the commands queued by self-heal. */
    public static final String SELF_HEAL_ACTOR = "self-heal";

    private final Store store;
    private final Optional<Supplier<DockerClient>> docker;
    private final CommandService commands;
    private final Clock clock;
    private final MonitoringSettings settings;
    private final List<MonitorListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, Long> selfHealInFlight = new ConcurrentHashMap<>();
    private final Metrics metrics;
    private final ExecutorService pool;
    private final ExecutorService inspectPool;
    private final ScheduledExecutorService scheduler;
    private final ScheduledExecutorService statsScheduler;
    private final Optional<DockerEvents> dockerEvents;
    private volatile StatsSampler sampler;
    private volatile DriftWatcher watcher;
    private volatile StackMonitor stackMonitor;
    private volatile boolean started;
    private volatile boolean closed;

    /**
     * @param docker       the engine's Docker client (made on first use), empty when Docker is not configured
     * @param queueWaiting why the engine's worker holds the head of the queue back now, if it does (for the metrics)
     * @param registry     where the metrics are recorded
     */
    public Monitoring(Store store, Optional<Supplier<DockerClient>> docker, CommandService commands, Clock clock,
            MonitoringSettings settings, Supplier<Optional<String>> queueWaiting, MeterRegistry registry) {
        this.store = Objects.requireNonNull(store, "store");
        this.docker = Objects.requireNonNull(docker, "docker");
        this.commands = Objects.requireNonNull(commands, "commands");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.pool = Executors.newFixedThreadPool(settings.ioThreads(), threads("coremonitor-monitor-io"));
        // inspects of status queries apart from the stats calls (which block ~1-2 s each)
        this.inspectPool = Executors.newFixedThreadPool(8, threads("coremonitor-monitor-inspect"));
        // drift checks and reconciles; sampling rounds (which wait for their stats calls) have their own thread
        this.scheduler = Executors.newScheduledThreadPool(2, threads("coremonitor-monitor"));
        this.statsScheduler = Executors.newSingleThreadScheduledExecutor(threads("coremonitor-stats"));
        this.dockerEvents = docker.map(d -> new DockerEvents(d, scheduler));
        this.metrics = new Metrics(registry, store, docker.isPresent(),
            () -> docker.isPresent() && !closed ? Optional.of(ops()) : Optional.empty(),
            () -> Optional.ofNullable(sampler), Objects.requireNonNull(queueWaiting, "queueWaiting"), clock);
        listeners.add(metrics);
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    public MonitoringSettings settings() {
        return settings;
    }

    /** Starts stats sampling and drift watching (idempotent); does nothing without Docker. */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("the monitoring is closed");
        }
        if (started || docker.isEmpty()) {
            return;
        }
        started = true;
        DockerClient client = docker.get().get();
        sampler = new StatsSampler(store, DockerOps.of(client), client, clock, pool, settings.statsRetention());
        long every = settings.statsInterval().toMillis();
        statsScheduler.scheduleWithFixedDelay(this::sampleQuietly, 0, every, TimeUnit.MILLISECONDS);
        watcher = new DriftWatcher(dockerEvents.orElseThrow(), DockerOps.of(client), store, stackMonitor(), clock,
            scheduler, settings.driftDebounce(), this::publish, this::selfHeal);
        watcher.start(settings.reconcileInterval());
        LOG.info("monitoring started: stats every {} kept {}, self-heal {}", settings.statsInterval(),
            settings.statsRetention(), settings.selfHeal() ? "on" : "off");
    }

    private void sampleQuietly() {
        try {
            sampler.sampleOnce();
        } catch (RuntimeException e) {
            LOG.warn("stats sampling failed: {}", e.toString());
        }
    }

    private DockerOps ops() {
        return DockerOps.of(docker.orElseThrow(() -> new DockerNotConfiguredException("Docker is not configured")).get());
    }

    private synchronized StackMonitor stackMonitor() {
        if (stackMonitor == null) {
            stackMonitor = new StackMonitor(store, ops(), clock, inspectPool);
        }
        return stackMonitor;
    }

    /**
     * The stack's status with per-service state, health, version, uptime, restart count, exit code and drift
     * ({@code GET /stacks/{id}/status}): one list call + parallel inspects (see {@link StackMonitor}).
     *
     * @throws io.coremonitor.model.StackNotFoundException unknown stack
     * @throws IllegalStateException                       without Docker
     */
    public StackMonitorView status(String stackId) {
        return stackMonitor().status(stackId);
    }

    /**
     * The same with {@code inspect} false: ONE Docker list call, no inspect (restart counts empty, exit codes from the
     * list's status text, start times to the unit Docker shows); drift reasons and DEGRADED are the same.
     */
    public StackMonitorView status(String stackId, boolean inspect) {
        return stackMonitor().status(stackId, inspect);
    }

    /**
     * Stats history of a stack (one service when given), {@code from <= t < to}, downsampled to at most
     * {@code maxPoints} points per service (see {@link io.coremonitor.store.StatsRepository#query}).
     */
    public List<ContainerStats> stats(String stackId, Optional<String> service, Instant from, Instant to, int maxPoints) {
        store.stacks().getOrThrow(stackId);
        return store.stats().query(stackId, service, from, to, maxPoints);
    }

    /** Logs of a service: tail and follow. */
    public ServiceLogs logs() {
        return new ServiceLogs(docker.orElseThrow(() -> new DockerNotConfiguredException("Docker is not configured")).get());
    }

    /** The engine's metrics: its {@link Metrics#registry() registry} and what records into it. */
    public Metrics metrics() {
        return metrics;
    }

    /** The stats sampler, once started. */
    public Optional<StatsSampler> sampler() {
        return Optional.ofNullable(sampler);
    }

    /**
     * The engine's one subscription to Docker's container events of managed stacks (reconnecting, with the events of
     * a gap delivered after it), for every consumer: the drift watcher, the server's {@code /events}. Empty without
     * Docker. It opens with its first listener, whether or not the monitoring was started.
     */
    public Optional<DockerEvents> dockerEvents() {
        return dockerEvents;
    }

    /** The drift watcher, once started. */
    public Optional<DriftWatcher> driftWatcher() {
        return Optional.ofNullable(watcher);
    }

    public void addListener(MonitorListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public boolean removeListener(MonitorListener listener) {
        return listeners.remove(listener);
    }

    /**
     * The drift the drift watcher last saw on this stack ({@link DriftWatcher#drift}): in memory, no Docker call, so a
     * page of stacks can show it. Empty when none was seen, or before {@link #start()}.
     */
    public Optional<DriftSeen> drift(String stackId) {
        DriftWatcher w = watcher;
        return w == null ? Optional.empty() : w.drift(stackId);
    }

    /**
     * Hears the commands' ends, to let self-heal act again on a stack once its apply ended, and to forget the drift
     * seen on a stack that a command converged (DONE).
     */
    public CommandListener commandListener() {
        return (before, after) -> {
            if (after.status() != CommandStatus.PENDING && after.status() != CommandStatus.RUNNING) {
                selfHealInFlight.remove(after.stackId(), after.commandId());
            }
            DriftWatcher w = watcher;
            if (after.status() == CommandStatus.DONE && w != null) {
                w.forget(after.stackId());
            }
        };
    }

    void publish(MonitorEvent event) {
        for (MonitorListener l : listeners) {
            try {
                l.onEvent(event);
            } catch (RuntimeException e) {
                LOG.warn("monitor listener {} failed on {}: {}", l, event.type(), e.toString());
            }
        }
    }

    private void selfHeal(StackMonitorView view) {
        if (!settings.selfHeal() || closed) {
            return;
        }
        String stackId = view.status().stackId();
        if (selfHealInFlight.putIfAbsent(stackId, -1L) != null) {
            LOG.debug("self-heal of {} already queued", stackId);
            return;
        }
        try {
            Stack stack = store.stacks().getOrThrow(stackId);
            String version = stack.currentVersion().orElseThrow(() -> new IllegalStateException("no current version"));
            // with the profiles the current version was converged with: a self-heal does not remove their services
            List<String> profiles = store.versions().get(stackId, version).flatMap(StackVersion::runtime)
                .map(RuntimeMapping::profiles).orElse(List.of());
            Command apply = commands.apply(stackId, version, false, profiles, SELF_HEAL_ACTOR);
            selfHealInFlight.put(stackId, apply.commandId());
            // it may have ended before it was recorded
            CommandStatus now = store.commands().getOrThrow(apply.commandId()).status();
            if (now != CommandStatus.PENDING && now != CommandStatus.RUNNING) {
                selfHealInFlight.remove(stackId, apply.commandId());
            }
            String services = String.join(", ", view.services().values().stream().filter(s -> s.drift().isPresent())
                .map(ServiceMonitorView::service).toList());
            publish(new MonitorEvent(MonitorEvent.Type.SELF_HEAL_QUEUED, stackId, Optional.empty(), Optional.empty(), "apply",
                "drift in " + services + ": queued command " + apply.commandId() + " (APPLY " + version + ")", clock.instant()));
            LOG.info("self-heal: stack {} drifted ({}); queued APPLY {} as command {}", stackId, services, version,
                apply.commandId());
        } catch (RuntimeException e) {
            selfHealInFlight.remove(stackId, -1L);
            LOG.warn("self-heal of stack {} could not queue an apply: {}", stackId, e.toString());
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        metrics.close();
        if (watcher != null) {
            watcher.close();
        }
        dockerEvents.ifPresent(DockerEvents::close);
        scheduler.shutdownNow();
        statsScheduler.shutdownNow();
        pool.shutdownNow();
        inspectPool.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
