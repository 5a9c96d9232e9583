package io.coremonitor.engine.monitoring;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import io.coremonitor.docker.StackLabels;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's one subscription to Docker's events of managed containers ({@code type=container},
 * {@code label=coremonitor.managed=true}), fanned out to every listener: the drift watcher and the server's
 * {@code /events} stream both hear it. The stream opens with the first listener and closes with the last.
 *
 * <p>When the stream ends or fails (Docker restarted, the connection was cut) every listener hears
 * {@link Listener#onDisconnected} once, and the stream is reopened with exponential backoff (1 s to 30 s) asking for
 * the events {@code since} the last one delivered (or since the stream first opened): events of the gap are
 * delivered after the reconnect, then {@link Listener#onConnected}. Events Docker sends again (since is to the second)
 * are dropped, so each is delivered once. Thread-safe.
 */
public final class DockerEvents implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(DockerEvents.class);
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final long NANOS = 1_000_000_000L;

    /** Hears the events, on the stream's thread, one call at a time and in Docker's order; keep it short. */
    public interface Listener {

        void onEvent(DockerContainerEvent event);

        /** The stream broke (once per outage); it is being reopened. */
        default void onDisconnected(String reason) {
        }

        /** The stream is open again after {@link #onDisconnected}; the events of the gap were asked for. */
        default void onConnected() {
        }
    }

    /** A listener's subscription: close it to stop hearing (idempotent). */
    public interface Subscription extends Closeable {

        @Override
        void close();
    }

    private final Supplier<DockerClient> docker;
    private final ScheduledExecutorService scheduler;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    /** Time (epoch nanos) of the last event delivered; events before it, or at it and already seen, are replays. */
    private long lastNanos;
    private final Set<String> seenAtLast = new HashSet<>();
    /** Whole epoch seconds to ask events from on a reconnect; 0 before the first open. */
    private long sinceSeconds;
    private Stream stream;
    private Future<?> pendingReconnect;
    private Duration backoff = FIRST_BACKOFF;
    private boolean disconnected;
    private boolean closed;
    private volatile long connections;
    private volatile long delivered;

    /**
     * @param docker    the engine's Docker client, asked for when the stream first opens
     * @param scheduler runs the reconnects
     */
    public DockerEvents(Supplier<DockerClient> docker, ScheduledExecutorService scheduler) {
        this.docker = Objects.requireNonNull(docker, "docker");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    /** Starts delivering events to {@code listener} (opening the stream when it is the first). */
    public Subscription subscribe(Listener listener) {
        Objects.requireNonNull(listener, "listener");
        Stream opened = null;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the Docker event subscription is closed");
            }
            listeners.add(listener);
            if (stream == null && pendingReconnect == null) {
                opened = newStream();
            }
        }
        if (opened != null) {
            exec(opened);
        }
        return new Subscription() {
            private boolean done;

            @Override
            public void close() {
                synchronized (DockerEvents.this) {
                    if (!done) {
                        done = true;
                        unsubscribe(listener);
                    }
                }
            }
        };
    }

    private synchronized void unsubscribe(Listener listener) {
        listeners.remove(listener);
        if (listeners.isEmpty()) {
            stop();
        }
    }

    /** Whether the stream is open now. */
    public synchronized boolean connected() {
        return stream != null && stream.open;
    }

    /** How many listeners hear it. */
    public int listenerCount() {
        return listeners.size();
    }

    /** How many times the stream was (re)opened. */
    public long connections() {
        return connections;
    }

    /** How many events were delivered. */
    public long delivered() {
        return delivered;
    }

    /** Ends the current stream as Docker does when it stops (for tests): it is reopened with backoff. */
    void endStream() {
        Stream s;
        synchronized (this) {
            s = stream;
        }
        if (s != null) {
            s.onComplete();
        }
    }

    /** The next stream (under the lock); {@link #exec} opens it outside the lock. */
    private Stream newStream() {
        Stream s;
        if (sinceSeconds == 0) {
            // the first open asks for new events; a reconnect before any event asks from just before it, in Docker's
            // time (the real one: not the engine's clock, which tests may set)
            sinceSeconds = Math.max(1, Instant.now().getEpochSecond() - 1);
            s = new Stream(0);
        } else {
            s = new Stream(sinceSeconds);
        }
        stream = s;
        return s;
    }

    private void exec(Stream s) {
        try {
            var cmd = docker.get().eventsCmd().withEventTypeFilter(EventType.CONTAINER)
                .withLabelFilter(Map.of(StackLabels.MANAGED, "true"));
            if (s.since > 0) {
                cmd = cmd.withSince(Long.toString(s.since));
            }
            cmd.exec(s);
        } catch (RuntimeException e) {
            LOG.warn("cannot open Docker's event stream: {}", e.toString());
            s.ended(e.toString());
        }
    }

    private void ended(Stream s, String reason) {
        boolean notify;
        synchronized (this) {
            if (stream != s || closed) {
                return;
            }
            stream = null;
            s.closeQuietly();
            if (listeners.isEmpty()) {
                return;
            }
            notify = !disconnected;
            disconnected = true;
            scheduleReconnect();
        }
        if (notify) {
            LOG.info("Docker event stream ended ({}); reopening it", reason);
            for (Listener l : listeners) {
                try {
                    l.onDisconnected(reason);
                } catch (RuntimeException e) {
                    LOG.warn("Docker event listener {} failed on a disconnect: {}", l, e.toString());
                }
            }
        }
    }

    private void scheduleReconnect() {
        Duration wait = backoff;
        backoff = wait.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait.multipliedBy(2);
        LOG.debug("reopening Docker's event stream in {} ms, events since {}", wait.toMillis(), sinceSeconds);
        try {
            pendingReconnect = scheduler.schedule(this::reconnect, wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("not reopening Docker's event stream: the monitoring stops");
        }
    }

    private void reconnect() {
        Stream s;
        synchronized (this) {
            pendingReconnect = null;
            if (closed || listeners.isEmpty() || stream != null) {
                return;
            }
            s = newStream();
        }
        exec(s);
    }

    private void started(Stream s) {
        synchronized (this) {
            if (stream != s) {
                return;
            }
            connections++;
            backoff = FIRST_BACKOFF;
            if (!disconnected) {
                return;
            }
            disconnected = false;
        }
        LOG.info("Docker event stream open again (events since {})", Instant.ofEpochSecond(s.since));
        for (Listener l : listeners) {
            try {
                l.onConnected();
            } catch (RuntimeException e) {
                LOG.warn("Docker event listener {} failed on a reconnect: {}", l, e.toString());
            }
        }
    }

    /** Delivers an event unless it is a replay; listeners are called outside the lock, on the stream's thread. */
    private void deliver(Stream s, Event e) {
        DockerContainerEvent event = accept(s, e);
        if (event == null) {
            return;
        }
        for (Listener l : listeners) {
            try {
                l.onEvent(event);
            } catch (RuntimeException ex) {
                LOG.warn("Docker event listener {} failed on {} of {}: {}", l, event.action(), event.name(), ex.toString());
            }
        }
    }

    /** The event to deliver, or null for a replay or an event of another stream. */
    private synchronized DockerContainerEvent accept(Stream s, Event e) {
        if (stream != s) {
            return null;
        }
        long nanos = e.getTimeNano() != null ? e.getTimeNano() : e.getTime() == null ? 0 : e.getTime() * NANOS;
        String containerId = e.getActor() != null && e.getActor().getId() != null ? e.getActor().getId() : e.getId();
        String action = e.getAction() != null ? e.getAction() : String.valueOf(e.getStatus());
        String key = containerId + " " + action;
        if (nanos < lastNanos || nanos == lastNanos && !seenAtLast.add(key)) {
            LOG.trace("dropped a replayed event {} at {}", key, nanos);
            return null;
        }
        if (nanos > lastNanos) {
            lastNanos = nanos;
            seenAtLast.clear();
            seenAtLast.add(key);
            sinceSeconds = nanos / NANOS;
        }
        if (containerId == null) {
            return null;
        }
        Map<String, String> attrs = e.getActor() == null || e.getActor().getAttributes() == null ? Map.of()
            : e.getActor().getAttributes();
        delivered++;
        return new DockerContainerEvent(action, containerId, attrs, Instant.ofEpochSecond(nanos / NANOS, nanos % NANOS));
    }

    /** Closes the stream and forgets where it was: the next listener opens a new one from now. */
    private void stop() {
        if (pendingReconnect != null) {
            pendingReconnect.cancel(false);
            pendingReconnect = null;
        }
        Stream s = stream;
        stream = null;
        if (s != null) {
            s.closeQuietly();
        }
        sinceSeconds = 0;
        lastNanos = 0;
        seenAtLast.clear();
        backoff = FIRST_BACKOFF;
        disconnected = false;
    }

    @Override
    public synchronized void close() {
        closed = true;
        listeners.clear();
        stop();
    }

    /** One open request to Docker's event endpoint. */
    private final class Stream extends ResultCallback.Adapter<Event> {

        /** Whole epoch seconds it asks events from; 0 for new events only. */
        private final long since;
        private volatile boolean open;
        private volatile boolean stopping;

        Stream(long since) {
            this.since = since;
        }

        @Override
        public void onStart(Closeable closeable) {
            super.onStart(closeable);
            open = true;
            started(this);
        }

        @Override
        public void onNext(Event event) {
            deliver(this, event);
        }

        @Override
        public void onError(Throwable throwable) {
            if (stopping) {
                return;
            }
            ended(throwable.toString());
        }

        @Override
        public void onComplete() {
            if (stopping) {
                return;
            }
            ended("Docker closed the event stream");
        }

        void ended(String reason) {
            open = false;
            DockerEvents.this.ended(this, reason);
        }

        void closeQuietly() {
            open = false;
            stopping = true;
            try {
                close();
            } catch (IOException | RuntimeException e) {
                LOG.trace("closing Docker's event stream: {}", e.toString());
            }
        }
    }
}
