package io.coremonitor.engine.monitoring;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import io.coremonitor.docker.DockerOps;
import io.coremonitor.docker.StackLabels;
import io.coremonitor.model.Command;
import io.coremonitor.model.CommandStatus;
import io.coremonitor.model.StackNotFoundException;
import io.coremonitor.store.Store;
import java.io.Closeable;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches Docker's event stream for managed containers ({@code coremonitor.managed=true}; die, stop, kill, destroy,
 * start, oom, health_status) and detects drift: each event is published as CONTAINER_EVENT at once, then, after a short
 * debounce after the stack's last event, the stack is checked with {@link StackMonitor}; when a service no longer
 * matches the current version and
 * no command of that stack is RUNNING (Core Monitor's own stops, recreations and removals happen inside commands),
 * DRIFT_DETECTED is published per drifted service and {@code onDrift} is called (self-heal).
 *
 * <p>The stream reconnects with exponential backoff (1 s to 30 s) when it ends or fails (Docker restarted), asking
 * for the events since the last one seen. A slow periodic reconcile (one list call + one check per stack that has
 * managed containers) is the safety net for missed events; it publishes a drift only when it differs from the last one
 * published for that stack.
 */
public final class DriftWatcher implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(DriftWatcher.class);
    static final String[] ACTIONS = {"die", "stop", "kill", "destroy", "start", "oom", "health_status"};
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final DockerClient docker;
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
    private volatile Stream stream;
    private volatile long lastEventSeconds;
    private volatile Duration backoff = Duration.ofSeconds(1);
    private volatile boolean closed;
    private volatile long eventsSeen;
    private volatile long connections;

    public DriftWatcher(DockerClient docker, DockerOps ops, Store store, StackMonitor monitor, Clock clock,
            ScheduledExecutorService scheduler, Duration debounce, Consumer<MonitorEvent> publish,
            Consumer<StackMonitorView> onDrift) {
        this.docker = docker;
        this.ops = ops;
        this.store = store;
        this.monitor = monitor;
        this.clock = clock;
        this.scheduler = scheduler;
        this.debounce = debounce;
        this.publish = publish;
        this.onDrift = onDrift;
    }

    /** Opens the event stream and schedules the reconcile every {@code reconcileEvery}. */
    public void start(Duration reconcileEvery) {
        connect();
        long every = Math.max(1, reconcileEvery.toMillis());
        scheduler.scheduleWithFixedDelay(this::reconcile, every, every, TimeUnit.MILLISECONDS);
    }

    /** How many container events were received since start (for tests and diagnostics). */
    public long eventsSeen() {
        return eventsSeen;
    }

    /** Ends the current stream as Docker does when it stops (for tests): the watcher reconnects with backoff. */
    void endStream() {
        Stream s = stream;
        if (s != null) {
            s.onComplete();
        }
    }

    /** How many times the stream was (re)opened. */
    public long connections() {
        return connections;
    }

    /** Whether the event stream is currently open. */
    public boolean connected() {
        Stream s = stream;
        return s != null && s.open;
    }

    private synchronized void connect() {
        if (closed) {
            return;
        }
        Stream s = new Stream();
        stream = s;
        try {
            var cmd = docker.eventsCmd().withEventTypeFilter(EventType.CONTAINER)
                .withLabelFilter(Map.of(StackLabels.MANAGED, "true")).withEventFilter(ACTIONS);
            if (lastEventSeconds > 0) {
                cmd = cmd.withSince(Long.toString(lastEventSeconds));
            }
            cmd.exec(s);
        } catch (RuntimeException e) {
            LOG.warn("cannot open Docker's event stream: {}", e.toString());
            reconnectLater(s);
        }
    }

    private void reconnectLater(Stream ended) {
        // onComplete and onError may both come for one stream: reconnect once
        if (closed || stream != ended || !ended.reconnecting.compareAndSet(false, true)) {
            return;
        }
        Duration wait = backoff;
        backoff = wait.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait.multipliedBy(2);
        LOG.info("Docker event stream ended; reconnecting in {} ms", wait.toMillis());
        scheduler.schedule(() -> {
            // events missed meanwhile are asked for with since=; a reconcile covers the rest
            connect();
            reconcile();
        }, wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void onEvent(Event e) {
        eventsSeen++;
        if (e.getTime() != null) {
            lastEventSeconds = Math.max(lastEventSeconds, e.getTime());
        }
        Map<String, String> attrs = e.getActor() == null || e.getActor().getAttributes() == null ? Map.of()
            : e.getActor().getAttributes();
        String stackId = attrs.get(StackLabels.STACK_ID);
        if (stackId == null) {
            return;
        }
        Optional<String> service = Optional.ofNullable(attrs.get(StackLabels.SERVICE));
        String containerId = e.getActor().getId() != null ? e.getActor().getId() : e.getId();
        String action = e.getAction() == null ? String.valueOf(e.getStatus()) : e.getAction();
        String reason = attrs.containsKey("exitCode") ? action + " (exit code " + attrs.get("exitCode") + ")" : action;
        publish.accept(new MonitorEvent(MonitorEvent.Type.CONTAINER_EVENT, stackId, service, Optional.ofNullable(containerId),
            action, "container " + attrs.getOrDefault("name", containerId) + ": " + reason, clock.instant()));
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
                return;
            }
            // the state may have changed under a command that started meanwhile
            if (commandRunning(stackId)) {
                return;
            }
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
        Stream s = stream;
        if (s != null) {
            s.closeQuietly();
        }
    }

    private final class Stream extends ResultCallback.Adapter<Event> {

        private volatile boolean open;
        private final AtomicBoolean reconnecting = new AtomicBoolean();

        @Override
        public void onStart(Closeable closeable) {
            super.onStart(closeable);
            open = true;
            connections++;
            backoff = Duration.ofSeconds(1);
            LOG.debug("Docker event stream open");
        }

        @Override
        public void onNext(Event event) {
            try {
                onEvent(event);
            } catch (RuntimeException e) {
                LOG.warn("handling a Docker event failed: {}", e.toString());
            }
        }

        @Override
        public void onError(Throwable throwable) {
            open = false;
            if (!closed) {
                LOG.warn("Docker event stream failed: {}", throwable.toString());
            }
            closeQuietly();
            reconnectLater(this);
        }

        @Override
        public void onComplete() {
            open = false;
            super.onComplete();
            reconnectLater(this);
        }

        void closeQuietly() {
            open = false;
            try {
                close();
            } catch (IOException e) {
                LOG.trace("closing the event stream: {}", e.toString());
            }
        }
    }
}
