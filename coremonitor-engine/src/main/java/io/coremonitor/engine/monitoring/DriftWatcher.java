package io.coremonitor.engine.monitoring;

import io.coremonitor.docker.DockerOps;
import io.coremonitor.docker.StackLabels;
import io.coremonitor.model.Command;
import io.coremonitor.model.CommandStatus;
import io.coremonitor.model.StackNotFoundException;
import io.coremonitor.store.Store;
import java.io.Closeable;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Detects drift from the engine's Docker event subscription ({@link DockerEvents}; of its container events, die,
 * stop, kill, destroy, start, oom and health_status count): each such event is published as CONTAINER_EVENT at once,
 * then, after a short debounce after the stack's last event, the stack is checked with {@link StackMonitor}; when a
 * service no longer matches the current version and no command of that stack is RUNNING (Core Monitor's own stops,
 * recreations and removals happen inside commands), DRIFT_DETECTED is published per drifted service and
 * {@code onDrift} is called (self-heal).
 *
 * <p>{@link DockerEvents} reopens the stream with backoff when Docker drops it and delivers the events of the gap;
 * on each reconnect a reconcile runs too. A slow periodic reconcile (one list call + one check per stack that has
 * managed containers) is the safety net for missed events; it publishes a drift only when it differs from the last
 * one published for that stack.
 */
public final class DriftWatcher implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(DriftWatcher.class);
    /** The container actions that may be drift ({@code health_status} has its status after a colon). */
    static final Set<String> ACTIONS = Set.of("die", "stop", "kill", "destroy", "start", "oom", "health_status");

    private final DockerEvents events;
    private final DockerOps ops;
    private final Store store;
    private final StackMonitor monitor;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final Duration debounce;
    private final Consumer<MonitorEvent> publish;
    private final Consumer<StackMonitorView> onDrift;
    private final Map<String, Long> generations = new ConcurrentHashMap<>();
    private final Map<String, String> lastDrift = new ConcurrentHashMap<>();
    private final Map<String, DriftSeen> seen = new ConcurrentHashMap<>();
    private volatile DockerEvents.Subscription subscription;
    private volatile boolean closed;
    private volatile long eventsSeen;

    public DriftWatcher(DockerEvents events, DockerOps ops, Store store, StackMonitor monitor, Clock clock,
            ScheduledExecutorService scheduler, Duration debounce, Consumer<MonitorEvent> publish,
            Consumer<StackMonitorView> onDrift) {
        this.events = Objects.requireNonNull(events, "events");
        this.ops = ops;
        this.store = store;
        this.monitor = monitor;
        this.clock = clock;
        this.scheduler = scheduler;
        this.debounce = debounce;
        this.publish = publish;
        this.onDrift = onDrift;
    }

    /** Subscribes to the Docker events and schedules the reconcile every {@code reconcileEvery}. */
    public synchronized void start(Duration reconcileEvery) {
        if (closed || subscription != null) {
            return;
        }
        subscription = events.subscribe(new DockerEvents.Listener() {
            @Override
            public void onEvent(DockerContainerEvent event) {
                DriftWatcher.this.onEvent(event);
            }

            @Override
            public void onConnected() {
                // the events of the gap were asked for; a reconcile covers what Docker no longer had
                scheduler.execute(DriftWatcher.this::reconcile);
            }
        });
        long every = Math.max(1, reconcileEvery.toMillis());
        scheduler.scheduleWithFixedDelay(this::reconcile, every, every, TimeUnit.MILLISECONDS);
    }

    /** How many drift-relevant container events were received since start (for tests and diagnostics). */
    public long eventsSeen() {
        return eventsSeen;
    }

    private void onEvent(DockerContainerEvent e) {
        String action = e.action();
        int colon = action.indexOf(':');
        if (!ACTIONS.contains(colon < 0 ? action : action.substring(0, colon))) {
            return;
        }
        eventsSeen++;
        Optional<String> stack = e.stackId();
        if (stack.isEmpty()) {
            return;
        }
        String stackId = stack.get();
        String reason = e.attribute("exitCode").map(code -> action + " (exit code " + code + ")").orElse(action);
        publish.accept(new MonitorEvent(MonitorEvent.Type.CONTAINER_EVENT, stackId, e.service(), Optional.of(e.containerId()),
            action, "container " + e.name() + ": " + reason, clock.instant()));
        scheduleCheck(stackId);
    }

    /**
     * A trailing debounce: the check runs {@code debounce} after the LAST event of the stack (kill, then die, then
     * maybe destroy come in a burst; checking after the first could still see the container running).
     */
    private void scheduleCheck(String stackId) {
        if (closed) {
            return;
        }
        long generation = generations.merge(stackId, 1L, Long::sum);
        scheduler.schedule(() -> {
            if (generations.getOrDefault(stackId, 0L) == generation) {
                check(stackId, true);
            }
        }, debounce.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Checks one stack now; publishes drift (always when {@code fromEvent}, else only when it changed). */
    void check(String stackId, boolean fromEvent) {
        if (closed) {
            return;
        }
        try {
            if (commandRunning(stackId)) {
                LOG.debug("stack {}: a command is running, its container events are not drift", stackId);
                return;
            }
            // one list call, no inspect: fast even when Docker is busy
            StackMonitorView view = monitor.status(stackId, false);
            LOG.debug("drift check of {}: {}", stackId, view);
            Map<String, String> drifted = new TreeMap<>();
            view.services().forEach((name, s) -> s.drift().ifPresent(r -> drifted.put(name, r)));
            if (drifted.isEmpty()) {
                lastDrift.remove(stackId);
                seen.remove(stackId);
                return;
            }
            // the state may have changed under a command that started meanwhile
            if (commandRunning(stackId)) {
                return;
            }
            seen.put(stackId, new DriftSeen(drifted, clock.instant()));
            String signature = drifted.toString();
            String previous = lastDrift.put(stackId, signature);
            if (!fromEvent && signature.equals(previous)) {
                return;
            }
            drifted.forEach((name, reason) -> publish.accept(new MonitorEvent(MonitorEvent.Type.DRIFT_DETECTED, stackId,
                Optional.of(name), view.services().get(name).containerId(), "drift", reason, clock.instant())));
            onDrift.accept(view);
        } catch (StackNotFoundException e) {
            LOG.debug("containers of unknown stack {}", stackId);
        } catch (RuntimeException e) {
            LOG.warn("drift check of stack {} failed: {}", stackId, e.toString());
        }
    }

    /** The drift the last check of this stack saw, if it saw some (in memory: no Docker call). */
    public Optional<DriftSeen> drift(String stackId) {
        return Optional.ofNullable(seen.get(stackId));
    }

    /**
     * Forgets the drift seen on a stack (a command of Core Monitor just converged it); the next check that finds
     * some records it again.
     */
    public void forget(String stackId) {
        seen.remove(stackId);
        lastDrift.remove(stackId);
    }

    private boolean commandRunning(String stackId) {
        Optional<Command> running = store.commands().first(CommandStatus.RUNNING);
        return running.filter(c -> c.stackId().equals(stackId)).isPresent();
    }

    /** Checks every stack that has managed containers (one list call). */
    void reconcile() {
        if (closed) {
            return;
        }
        try {
            ops.listContainers(StackLabels.MANAGED, "true").stream()
                .map(c -> c.getLabels() == null ? null : c.getLabels().get(StackLabels.STACK_ID))
                .filter(Objects::nonNull).distinct().forEach(id -> check(id, false));
        } catch (RuntimeException e) {
            LOG.warn("drift reconcile failed: {}", e.toString());
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        DockerEvents.Subscription s = subscription;
        if (s != null) {
            s.close();
        }
    }
}
